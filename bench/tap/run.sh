#!/usr/bin/env bash
# Tap overhead benchmark: a 64-byte QoS 0 flood, mosquitto_pub -l -> mosquitto -> mqscope tap -> mosquitto_sub,
# against mosquitto_sub subscribed to mosquitto directly; same run, the two arms alternating. Reports throughput of
# each arm and their ratio, the peak RSS of the tap process per message count, and (paced) end-to-end latency of
# each arm from the send time stamped in every payload.
#
#   bench/tap/run.sh [COUNTS] [ROUNDS] [RATE]    (defaults: "1000000 5000000", 2 rounds, 5000 msg/s)
#
# Needs: mosquitto, mosquitto_pub, mosquitto_sub, python3, /usr/bin/time and target/mqscope (built here if
# missing). Starts its own mosquitto on a random loopback port (max_queued_messages 0: no QoS 0 message is dropped
# for a slow subscriber, so every subscriber must receive all COUNT messages) and stops it at the end. A fresh tap
# (`target/mqscope tap --listen mqtt://127.0.0.1:P --url mqtt://127.0.0.1:BROKER`, text output to /dev/null, as a
# user runs it) is started for each tap run; its peak RSS is measured by /usr/bin/time.
#
# Throughput: the subscriber is started and the script waits until mosquitto has logged its SUBSCRIBE; then
# `yes LINE | head -n COUNT | mosquitto_pub -l` floods 64-byte payloads; rate = COUNT / (flood start -> the
# subscriber exits after COUNT messages, mosquitto_sub -C). mosquitto_pub's standard input stays open until then:
# mosquitto_pub 2.0.11 loses the messages still queued in it when it reaches the end of its input during a flood
# (measured: 1.59 M of 2 M arrived), so it is only given the end of input once every message has arrived.
# Latency: bench/tap/latency.py paces RATE messages/s for 10 s, each payload starting with the wall-clock time in
# ns; a reader behind mosquitto_sub subtracts it from the time it reads the line. The reader and the pipes are the
# same in both arms, so the difference of the medians is what the tap adds.
set -euo pipefail
cd "$(dirname "$0")/../.."
COUNTS=${1:-1000000 5000000}
ROUNDS=${2:-2}
RATE=${3:-5000}
LAT_N=$((RATE * 10))

[ -x target/mqscope ] && [ -f target/mqscope.jar ] || mvn -q -DskipTests package

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 400); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.05; done
  echo "nothing listens on $1" >&2; return 1; }

DIR=$(mktemp -d /tmp/mqscope-tapbench.XXXXXX)
PORT=$(free_port)
cat > "$DIR/mosquitto.conf" <<CONF
user $(id -un)
persistence false
log_dest file $DIR/mosquitto.log
log_type error
log_type warning
log_type subscribe
max_queued_messages 0
listener $PORT 127.0.0.1
allow_anonymous true
CONF
/usr/sbin/mosquitto -c "$DIR/mosquitto.conf" &
MOSQ=$!
TAP=""
cleanup() {
  [ -n "$TAP" ] && kill "$(pgrep -P "$TAP")" 2>/dev/null
  kill $MOSQ 2>/dev/null; wait $MOSQ 2>/dev/null; rm -rf "$DIR"
}
trap cleanup EXIT
wait_port "$PORT"
LINE=$(printf 'x%.0s' $(seq 64))

# start_tap: a fresh tap in front of mosquitto; sets TAP (the /usr/bin/time process) and TAP_PORT
start_tap() {
  TAP_PORT=$(free_port)
  /usr/bin/time -f "%M %U %S" -o "$DIR/tap.rss" target/mqscope tap --listen "mqtt://127.0.0.1:$TAP_PORT" \
    --url "mqtt://127.0.0.1:$PORT" > /dev/null 2> "$DIR/tap.err" &
  TAP=$!
  wait_port "$TAP_PORT"
}

# stop_tap: ends the tap (the JVM under /usr/bin/time); sets RSS (peak, kB) and CPU (user + system s)
stop_tap() {
  kill "$(pgrep -P "$TAP")" 2>/dev/null || true
  wait "$TAP" 2>/dev/null || true
  TAP=""
  read -r RSS CPU < <(tail -1 "$DIR/tap.rss" | awk '{printf "%d %.2f\n", $1, $2 + $3}')
}

# subscribe PORT TOPIC COMMAND...: runs `mosquitto_sub ... | COMMAND` in the background (SUB) and waits until
# mosquitto has logged the SUBSCRIBE
subscribe() {
  local port=$1 topic=$2; shift 2
  local before
  before=$(grep -c "$topic" "$DIR/mosquitto.log" || true)
  # -W: a watchdog, should a message be lost and -C never be reached
  mosquitto_sub -h 127.0.0.1 -p "$port" -t "$topic" -C "$COUNT" -W $((COUNT / 2000 + 120)) | "$@" &
  SUB=$!
  for _ in $(seq 600); do
    [ "$(grep -c "$topic" "$DIR/mosquitto.log" || true)" -gt "$before" ] && return 0
    sleep 0.05
  done
  echo "no SUBSCRIBE for $topic" >&2; return 1
}

# publish TOPIC COMMAND...: mosquitto_pub -l (in the background, PUB) sends the lines COMMAND prints; its input
# ends only at end_publish
publish() {
  local topic=$1; shift
  rm -f "$DIR/done"
  { "$@"; while [ ! -f "$DIR/done" ]; do sleep 0.1; done; } \
    | mosquitto_pub -h 127.0.0.1 -p "$PORT" -t "$topic" -l &
  PUB=$!
}
end_publish() { touch "$DIR/done"; wait $PUB; }

# throughput ARM PORT: prints the rate in msg/s
throughput() {
  local topic="bench/tap/$1/$RANDOM"
  subscribe "$2" "$topic" sh -c "wc -l > $DIR/count"
  local t0 t1
  t0=$(date +%s.%N)
  publish "$topic" sh -c "yes $LINE | head -n $COUNT"
  wait $SUB
  t1=$(date +%s.%N)
  end_publish
  [ "$(cat "$DIR/count")" -eq "$COUNT" ] || { echo "$1: $(cat "$DIR/count") of $COUNT arrived" >&2; return 1; }
  python3 -c "import sys; print(f'{int(sys.argv[1]) / (float(sys.argv[3]) - float(sys.argv[2])):.0f}')" \
    "$COUNT" "$t0" "$t1"
}

# latency ARM PORT: prints "median p90 p99 received" in ms
latency() {
  local topic="bench/tap/$1/lat/$RANDOM"
  subscribe "$2" "$topic" sh -c "python3 bench/tap/latency.py receive $COUNT > $DIR/lat"
  publish "$topic" python3 bench/tap/latency.py pace "$RATE" "$COUNT"
  wait $SUB
  end_publish
  cat "$DIR/lat"
}

echo "tap benchmark: 64-byte QoS 0, mosquitto $(/usr/sbin/mosquitto -h | head -1 | awk '{print $3}') on" \
  "127.0.0.1:$PORT, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$ROUNDS"); do
  for COUNT in $COUNTS; do
    direct=$(throughput direct "$PORT")
    start_tap
    tapped=$(throughput tap "$TAP_PORT")
    stop_tap
    python3 -c "import sys; d,t=int(sys.argv[2]),int(sys.argv[3]); \
print(f'round {sys.argv[1]}  {int(sys.argv[4]):>9,} msgs  direct {d:>9,} msg/s  tap {t:>9,} msg/s  ratio {t/d:5.2f}' \
      f'  tap peak RSS {int(sys.argv[5])/1024:6.1f} MB  tap CPU {sys.argv[6]} s')" "$r" "$direct" "$tapped" "$COUNT" \
      "$RSS" "$CPU"
  done
  COUNT=$LAT_N
  direct=$(latency direct "$PORT")
  start_tap
  tapped=$(latency tap "$TAP_PORT")
  stop_tap
  read -r dm d90 d99 dn <<< "$direct"
  read -r tm t90 t99 tn <<< "$tapped"
  python3 -c "import sys; a=[float(x) for x in sys.argv[2:8]]; \
print(f'round {sys.argv[1]}  latency at {sys.argv[8]} msg/s, {sys.argv[9]} msgs: median direct {a[0]:.3f} ms, tap' \
      f' {a[3]:.3f} ms, added {a[3]-a[0]:+.3f} ms  (p90 {a[1]:.3f} / {a[4]:.3f}, p99 {a[2]:.3f} / {a[5]:.3f};' \
      f' received {sys.argv[10]} / {sys.argv[11]})')" "$r" "$dm" "$d90" "$d99" "$tm" "$t90" "$t99" "$RATE" "$LAT_N" \
      "$dn" "$tn"
done
