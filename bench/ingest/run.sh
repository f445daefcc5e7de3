#!/usr/bin/env bash
# Ingest benchmark: how fast `mqscope sub` (relay + packet decoding on) receives a flood of small QoS 0 messages,
# against mosquitto_sub on the same stream, same machine, same run. Also the peak RSS of each.
#
#   bench/ingest/run.sh [COUNT] [ROUNDS] [MODE]   (defaults: 1000000 messages, 2 rounds, both modes)
#   MQSCOPE_JAVA_OPTS="-Xmx128m" bench/ingest/run.sh 5000000 1 drain
#   MQSCOPE_BEFORE=/tmp/before/target/mqscope bench/ingest/run.sh 1000000 3 live   # also an older build, alternating
#
# mqscope runs through its launcher, target/mqscope (JVM options and AppCDS archive of `mvn package`), or with
# MQSCOPE_JAVA_OPTS set, as `java $MQSCOPE_JAVA_OPTS -jar target/mqscope.jar`.
#
# Needs: mosquitto, mosquitto_sub, /usr/bin/time, python3, and a built target/mqscope.jar plus test classes
# (built here if missing). Optional third subscriber, mqtt.js: `(cd bench/ingest && npm install --no-save mqtt@5)`. Starts its own mosquitto on a random loopback port and stops it at the end.
#
# Method: for each subscriber, start it and wait until mosquitto has logged its SUBSCRIBE. The flooder
# (src/test/java/io/mqscope/bench/ingest/Flood.java) is one raw MQTT connection writing pre-encoded QoS 0 PUBLISH
# packets. Two modes:
#   live   the flood runs while the subscriber receives; rate = COUNT / (flood start -> subscriber exits after
#          COUNT messages). On a small machine the broker is the bottleneck: this shows whether a subscriber
#          keeps up with the stream.
#   drain  the subscriber is paused (SIGSTOP) while the whole flood is queued in mosquitto, then resumed; rate =
#          COUNT / (resume -> subscriber exits after COUNT messages). This is the subscriber's own ceiling.
# mosquitto is configured not to drop QoS 0 messages for slow subscribers (max_queued_messages 0), so every
# subscriber must receive every message. Output goes to /dev/null for both.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-1000000}
ROUNDS=${2:-2}
MODES=${3:-live drain}
JAVA_OPTS=${MQSCOPE_JAVA_OPTS:-}

[ -f target/mqscope.jar ] || mvn -q -DskipTests package
[ -f target/test-classes/io/mqscope/bench/ingest/Flood.class ] || mvn -q test-compile

DIR=$(mktemp -d /tmp/mqscope-ingest.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
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
trap 'kill $MOSQ 2>/dev/null; wait $MOSQ 2>/dev/null; rm -rf "$DIR"' EXIT
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.05; done

# run MODE NAME COMMAND...: one measured run; prints "NAME rate peak_rss"
run() {
  local mode=$1 name=$2; shift 2
  local topic="bench/$name/$RANDOM"
  local before
  before=$(grep -c "$topic" "$DIR/mosquitto.log" || true)
  /usr/bin/time -f "%M %U %S" -o "$DIR/rss" "$@" "$topic/#" > /dev/null 2> "$DIR/sub.err" &
  local sub=$!
  for _ in $(seq 600); do
    [ "$(grep -c "$topic" "$DIR/mosquitto.log" || true)" -gt "$before" ] && break
    kill -0 $sub 2>/dev/null || { cat "$DIR/sub.err" >&2; return 1; }
    sleep 0.05
  done
  local t0 t1 child
  child=$(pgrep -P $sub)
  if [ "$mode" = drain ]; then
    kill -STOP "$child"
    java -cp target/test-classes io.mqscope.bench.ingest.Flood 127.0.0.1 "$PORT" "$topic/x" "$N" 2> "$DIR/flood.err"
    sleep 1
    t0=$(date +%s.%N)
    kill -CONT "$child"
  else
    t0=$(date +%s.%N)
    java -cp target/test-classes io.mqscope.bench.ingest.Flood 127.0.0.1 "$PORT" "$topic/x" "$N" 2> "$DIR/flood.err"
  fi
  if ! wait $sub; then
    echo "$name failed:" >&2; cat "$DIR/sub.err" >&2; return 1
  fi
  t1=$(date +%s.%N)
  python3 -c "import sys; n,t0,t1=int(sys.argv[1]),float(sys.argv[2]),float(sys.argv[3]); \
rss,u,s=sys.argv[4].split(); \
print(f'{sys.argv[6]:<6} {sys.argv[5]:<14} {n/(t1-t0):>12.0f} msg/s  {t1-t0:7.2f} s  peak RSS {int(rss)/1024:7.1f} MB' \
      f'  CPU {float(u)+float(s):6.2f} s')" \
    "$N" "$t0" "$t1" "$(tail -1 "$DIR/rss")" "$name" "$mode"
  sed 's/^/    /' "$DIR/flood.err"
}

echo "ingest benchmark: $N QoS 0 messages of 16 bytes, mosquitto $(/usr/sbin/mosquitto -h | head -1 | awk '{print $3}') on 127.0.0.1:$PORT, $(nproc) cores"
for r in $(seq "$ROUNDS"); do
  for mode in $MODES; do
    echo "round $r, $mode"
    run "$mode" mosquitto_sub mosquitto_sub -h 127.0.0.1 -p "$PORT" -C "$N" -t
    if [ -n "$JAVA_OPTS" ] || [ ! -x target/mqscope ]; then
      # shellcheck disable=SC2086
      run "$mode" mqscope_sub java $JAVA_OPTS -jar target/mqscope.jar sub --url "mqtt://127.0.0.1:$PORT" \
        --count "$N" -t
    else
      run "$mode" mqscope_sub target/mqscope sub --url "mqtt://127.0.0.1:$PORT" --count "$N" -t
    fi
    if [ -n "${MQSCOPE_BEFORE:-}" ]; then
      run "$mode" mqscope_before "$MQSCOPE_BEFORE" sub --url "mqtt://127.0.0.1:$PORT" --count "$N" -t
    fi
    if command -v node > /dev/null && [ -d bench/ingest/node_modules/mqtt ]; then
      run "$mode" mqtt.js node bench/ingest/sub-mqttjs.js "mqtt://127.0.0.1:$PORT" "$N"
    fi
  done
done
