#!/usr/bin/env bash
# Measures the packaged Linux app: app-image and .deb sizes, start-up time of the smoke test (process start to
# exit 0 after the first frame; median of N runs under one Xvfb so Xvfb's own start is not counted) and resident
# memory of the desktop window left idle. Run after `mvn -Pdist package`; needs xvfb (Xvfb) and procps.
#   packaging/measure.sh [runs=5] [idle-seconds=20]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
idle=${2:-20}
app=target/dist/app-image/mqscope/bin/mqscope
[ -x "$app" ] || { echo "no app image: run 'mvn -Pdist package' first" >&2; exit 1; }

echo "app image: $(du -sm target/dist/app-image/mqscope | cut -f1) MB (runtime $(du -sm target/dist/app-image/mqscope/lib/runtime | cut -f1) MB)"
for deb in target/dist/*.deb; do [ -f "$deb" ] && echo "deb: $(basename "$deb") $(( $(stat -c %s "$deb") / 1000000 )) MB"; done

display=":$(( 90 + RANDOM % 400 ))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1

times=()
for i in $(seq "$runs"); do
  start=$(date +%s%N)
  DISPLAY=$display timeout 60 "$app" --smoke-test >/dev/null 2>&1
  end=$(date +%s%N)
  times+=( $(( (end - start) / 1000000 )) )
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
echo "smoke test (start to first frame and exit), ms: $sorted-> median $median ms"

DISPLAY=$display "$app" >/dev/null 2>&1 &
pid=$!
sleep "$idle"
# The launcher execs nothing: the JVM runs inside the launcher process, so its RSS is the app's.
rss=$(ps -o rss= -p "$pid" | tr -d ' ')
echo "idle desktop window after ${idle}s: RSS $(( rss / 1024 )) MB"
kill "$pid"; wait "$pid" 2>/dev/null || true
