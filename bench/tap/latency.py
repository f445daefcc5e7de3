#!/usr/bin/env python3
"""Helpers of bench/tap/run.sh.

  latency.py pace RATE COUNT     print COUNT 64-byte lines at RATE lines/s, each starting with the wall-clock time
                                 in ns when it was printed (for mosquitto_pub -l)
  latency.py receive COUNT       read COUNT lines (mosquitto_sub's output), print the median, p90 and p99 of
                                 (time read - time in the line) in ms, and how many lines arrived
"""
import sys
import time


def pace(rate, count):
    out = sys.stdout.buffer
    start = time.monotonic()
    for i in range(count):
        due = start + i / rate
        delay = due - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        stamp = str(time.time_ns()).encode()
        # 64 bytes of payload (stamp, space, padding); mosquitto_pub -l drops the newline
        out.write(stamp + b" " + b"x" * (63 - len(stamp)) + b"\n")
        out.flush()


def receive(count):
    got = []
    read = sys.stdin.buffer.readline
    for _ in range(count):
        line = read()
        if not line:
            break
        now = time.time_ns()
        got.append((now - int(line.split(b" ", 1)[0])) / 1e6)
    got.sort()
    if not got:
        print("no messages")
        return

    def q(p):
        return got[min(len(got) - 1, int(p * len(got)))]

    print(f"{q(0.5):.3f} {q(0.9):.3f} {q(0.99):.3f} {len(got)}")


if __name__ == "__main__":
    if sys.argv[1] == "pace":
        pace(float(sys.argv[2]), int(sys.argv[3]))
    else:
        receive(int(sys.argv[2]))
