#!/usr/bin/env bash
# Renders mqscope.svg into the committed PNG sizes, the Windows .ico and the macOS .icns.
# Needs: librsvg2-bin (rsvg-convert), imagemagick (convert), icnsutils (png2icns).
# Only run it after editing the SVG; the build and CI use the committed files and need none of these tools.
set -euo pipefail
cd "$(dirname "$0")"
sizes=(16 24 32 48 64 128 256 512)
for s in "${sizes[@]}"; do
  rsvg-convert -w "$s" -h "$s" mqscope.svg -o "mqscope-$s.png"
done
# .ico: the sizes Windows asks for (Explorer, taskbar, title bar, installer); 256 is stored as PNG by ImageMagick.
convert mqscope-16.png mqscope-24.png mqscope-32.png mqscope-48.png mqscope-64.png mqscope-128.png mqscope-256.png \
  mqscope.ico
# .icns: the sizes png2icns knows (16, 32, 48, 128, 256, 512).
png2icns mqscope.icns mqscope-16.png mqscope-32.png mqscope-48.png mqscope-128.png mqscope-256.png mqscope-512.png \
  >/dev/null
