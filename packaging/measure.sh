#!/usr/bin/env bash
# Measures the packaged Linux app: app-image and .deb sizes, start-up time of the smoke test (process start to
# exit 0 after the first frame; median of N runs under one Xvfb so Xvfb's own start is not counted) and resident
# memory of the desktop window left idle (alone, connected to mosquitto, connected to its built-in broker). Run after
# `mvn -Pdist package`; needs xvfb (Xvfb), procps, iproute2 (ss) and mosquitto.
#   packaging/measure.sh [runs=5] [idle-seconds=60]     (MQSCOPE_APP=/opt/mqscope/bin/mqscope for the installed .deb)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
idle=${2:-60}
app=${MQSCOPE_APP:-target/dist/app-image/mqscope/bin/mqscope}
[ -x "$app" ] || { echo "no app image: run 'mvn -Pdist package' first" >&2; exit 1; }

echo "app image: $(du -sm target/dist/app-image/mqscope | cut -f1) MB (runtime $(du -sm target/dist/app-image/mqscope/lib/runtime | cut -f1) MB)"
for deb in target/dist/*.deb; do [ -f "$deb" ] && echo "deb: $(basename "$deb") $(( $(stat -c %s "$deb") / 1000000 )) MB"; done

display=":$(( 90 + RANDOM % 400 ))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1

median() { sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }
walls=(); cpus=(); frames=()
TIMEFORMAT='%R %U %S'
for i in $(seq "$runs"); do
  # bash's time: wall, user and system seconds of the whole run (start, first frame, exit).
  t=$( { time DISPLAY=$display timeout 60 "$app" --smoke-test >/tmp/mqscope-smoke.$$ 2>&1; } 2>&1 )
  read -r real user sys <<<"$t"
  walls+=( "$(awk -v r="$real" 'BEGIN{printf "%d", r*1000}')" )
  cpus+=( "$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%d", (u+s)*1000}')" )
  # The desktop app prints "first frame after N ms" (from its own class initialisation) when it has it.
  f=$(grep -o 'first frame after [0-9]*' /tmp/mqscope-smoke.$$ | grep -o '[0-9]*$' || true)
  [ -n "$f" ] && frames+=( "$f" )
done
rm -f /tmp/mqscope-smoke.$$
echo "smoke test wall ms (launch to exit 0): $(printf '%s ' "${walls[@]}")-> median $(printf '%s\n' "${walls[@]}" | median)"
echo "smoke test CPU ms (user+sys): $(printf '%s ' "${cpus[@]}")-> median $(printf '%s\n' "${cpus[@]}" | median)"
if [ ${#frames[@]} -gt 0 ]; then
  echo "first frame as printed by the app, ms: $(printf '%s ' "${frames[@]}")-> median $(printf '%s\n' "${frames[@]}" | median)"
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"

# Idle memory, three ways, each in its own empty configuration directory (XDG_CONFIG_HOME: no profiles, settings or
# history of the user's): the window alone; connected to a local mosquitto (a profile that connects at start); and
# connected to its built-in broker (its own entry set to connect at start), which runs inside the app's process.
work=$(mktemp -d)
port=$(( 20000 + RANDOM % 20000 ))
printf 'listener %d 127.0.0.1\nallow_anonymous true\n' "$port" >"$work/mosquitto.conf"
/usr/sbin/mosquitto -c "$work/mosquitto.conf" >/dev/null 2>&1 &
mosquitto=$!
trap 'kill $xvfb $mosquitto 2>/dev/null || true; rm -rf "$work"' EXIT
profile() { # id port
  printf '{"schemaVersion": 2, "profiles": [{"id": "%s", "name": "%s", "host": "127.0.0.1", "port": %d,
    "clientId": "mqscope-measure", "keepAliveSeconds": 60, "connectTimeoutSeconds": 10, "autoConnect": true}]}\n' \
    "$1" "$1" "$2"
}
for kind in alone mosquitto built-in; do
  mkdir -p "$work/$kind/mqscope"
  case $kind in
    mosquitto) profile mosquitto "$port" >"$work/$kind/mqscope/profiles.json" ;;
    built-in) profile local-broker 1883 >"$work/$kind/mqscope/profiles.json" ;;
  esac
  XDG_CONFIG_HOME=$work/$kind DISPLAY=$display "$app" >"$work/$kind.log" 2>&1 &
  pid=$!
  sleep "$idle"
  # The launcher execs nothing: the JVM runs inside the launcher process, so its RSS is the app's.
  rss=$(ps -o rss= -p "$pid" | tr -d ' ')
  connections=$(ss -tnp state established 2>/dev/null | grep -c "pid=$pid," || true)
  echo "idle desktop window after ${idle}s, $kind: RSS $(( rss / 1024 )) MB ($connections TCP connections of its own)"
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
