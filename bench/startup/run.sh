#!/usr/bin/env bash
# Start-up of the jar launcher with and without its AppCDS archive, alternating, same machine and same runs:
#  - `sub` to first message: launch to the first line on stdout (a retained message on a local mosquitto), with
#    mosquitto_sub on the same broker for scale;
#  - the window's `--smoke-test` under one Xvfb: launch to exit (wall) and "first frame after N ms" as printed.
# "without" runs the same launcher from a folder holding links to the jar and lib but no archive.
#   bench/startup/run.sh [rounds=5]        (after mvn package: target/mqscope and target/mqscope.jsa)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-5}
[ -x target/mqscope ] || { echo "run 'mvn package' first" >&2; exit 1; }
[ -f target/mqscope.jsa ] || echo "note: no target/mqscope.jsa: both columns run without an archive" >&2

work=$(mktemp -d)
plain=$work/plain
mkdir -p "$plain"
cp target/mqscope "$plain/"
ln -s "$(pwd -P)/target/mqscope.jar" "$plain/mqscope.jar"
ln -s "$(pwd -P)/target/lib" "$plain/lib"

port=$(( 20000 + RANDOM % 20000 ))
printf 'listener %d 127.0.0.1\nallow_anonymous true\n' "$port" >"$work/m.conf"
/usr/sbin/mosquitto -c "$work/m.conf" >/dev/null 2>&1 &
mosq=$!
display=":$(( 90 + RANDOM % 400 ))"
Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $mosq $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 1
mosquitto_pub -p "$port" -t bench/startup -m '{"t":21.5}' -r -q 1

# ms from launch to the first line the command prints
first_line() {
  local t0 t1
  t0=$(date +%s%N)
  "$@" | { read -r _; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); cat >/dev/null; }
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

declare -a sub_cds sub_plain sub_mosq smoke_cds smoke_plain frame_cds frame_plain
for i in $(seq "$rounds"); do
  sub_cds+=( "$(first_line target/mqscope sub -p "$port" -t bench/startup -C 1)" )
  sub_plain+=( "$(first_line "$plain/mqscope" sub -p "$port" -t bench/startup -C 1)" )
  sub_mosq+=( "$(first_line mosquitto_sub -p "$port" -t bench/startup -C 1)" )
  for kind in cds plain; do
    launcher=target/mqscope
    [ "$kind" = plain ] && launcher=$plain/mqscope
    t0=$(date +%s%N)
    out=$(DISPLAY=$display timeout 60 "$launcher" --smoke-test 2>/dev/null || true)
    t1=$(date +%s%N)
    f=$(grep -o 'first frame after [0-9]*' <<<"$out" | grep -o '[0-9]*$' || echo -1)
    if [ "$kind" = cds ]; then smoke_cds+=( $(( (t1 - t0) / 1000000 )) ); frame_cds+=( "$f" )
    else smoke_plain+=( $(( (t1 - t0) / 1000000 )) ); frame_plain+=( "$f" ); fi
  done
done
row() { printf '%-40s %s -> median %s\n' "$1" "$(echo "${@:2}")" "$(printf '%s\n' "${@:2}" | median)"; }
row "sub first message, archive (ms)" "${sub_cds[@]}"
row "sub first message, no archive (ms)" "${sub_plain[@]}"
row "mosquitto_sub first message (ms)" "${sub_mosq[@]}"
row "--smoke-test wall, archive (ms)" "${smoke_cds[@]}"
row "--smoke-test wall, no archive (ms)" "${smoke_plain[@]}"
row "first frame printed, archive (ms)" "${frame_cds[@]}"
row "first frame printed, no archive (ms)" "${frame_plain[@]}"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
