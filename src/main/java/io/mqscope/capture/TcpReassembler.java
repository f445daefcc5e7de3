package io.mqscope.capture;

import java.util.Map;
import java.util.TreeMap;

/**
 * One direction of a TCP connection put back in order. Bytes go to the {@link Sink} exactly once and in stream
 * order; what never arrives is reported as a gap. Stream offsets count from the first byte after the SYN, or from
 * the first segment seen when the capture started after the handshake.
 */
final class TcpReassembler {
    /** Out-of-order bytes held while waiting for a hole to fill; beyond this the hole is declared a gap. */
    static final int MAX_PENDING = 4 << 20;

    interface Sink {
        void data(byte[] b, int off, int len, long timeNanos);

        /** {@code length} bytes never captured at stream offset {@code offset}. */
        void gap(long offset, long length, long timeNanos);
    }

    private record Pending(byte[] data, int missing, long timeNanos) {
    }

    private final Sink sink;
    private final TreeMap<Long, Pending> pending = new TreeMap<>();
    private long pendingBytes;
    private boolean based;
    private long isn;
    /** Stream offset of the next byte expected. */
    private long next;
    private boolean sawSyn;
    private long finOffset = -1;
    private int retransmissions;
    private int overlaps;
    private long lastTime;

    TcpReassembler(Sink sink) {
        this.sink = sink;
    }

    boolean sawSyn() {
        return sawSyn;
    }

    int retransmissions() {
        return retransmissions;
    }

    int overlaps() {
        return overlaps;
    }

    long delivered() {
        return next;
    }

    void segment(TcpSegment s) {
        lastTime = s.timeNanos();
        if (s.has(TcpSegment.SYN)) {
            if (!sawSyn || !based) {
                sawSyn = true;
                based = true;
                isn = (s.seq() + 1) & 0xffffffffL;
                next = 0;
            }
            return;
        }
        if (!based) {
            if (s.dataLength() + s.missing() == 0 && !s.has(TcpSegment.FIN)) {
                return;
            }
            based = true;
            isn = s.seq();
        }
        long off = offsetOf(s.seq());
        if (s.has(TcpSegment.FIN)) {
            finOffset = off + s.dataLength() + s.missing();
        }
        int len = s.dataLength();
        int missing = s.missing();
        if (len + missing == 0) {
            return;
        }
        long end = off + len + missing;
        if (end <= next) {
            retransmissions++;
            return;
        }
        byte[] data = s.data();
        int from = s.dataOffset();
        if (off < next) {
            overlaps++;
            long cut = next - off;
            if (cut >= len) {
                missing -= (int) (cut - len);
                from += len;
                len = 0;
            } else {
                from += (int) cut;
                len -= (int) cut;
            }
            off = next;
        }
        if (off == next) {
            deliver(data, from, len, missing, s.timeNanos());
            drain();
            return;
        }
        byte[] copy = new byte[len];
        System.arraycopy(data, from, copy, 0, len);
        Pending old = pending.get(off);
        if (old != null) {
            if (old.data.length + old.missing >= len + missing) {
                retransmissions++;
                return;
            }
            pendingBytes -= old.data.length;
        }
        pending.put(off, new Pending(copy, missing, s.timeNanos()));
        pendingBytes += len;
        if (pendingBytes > MAX_PENDING) {
            // The hole is not going to be filled within any plausible window: give up on it.
            Map.Entry<Long, Pending> first = pending.firstEntry();
            sink.gap(next, first.getKey() - next, first.getValue().timeNanos);
            next = first.getKey();
            drain();
        }
    }

    private void deliver(byte[] data, int from, int len, int missing, long time) {
        if (len > 0) {
            sink.data(data, from, len, time);
            next += len;
        }
        if (missing > 0) {
            // Cut by the snaplen: the bytes existed on the wire but are not in the file.
            sink.gap(next, missing, time);
            next += missing;
        }
    }

    private void drain() {
        while (!pending.isEmpty()) {
            Map.Entry<Long, Pending> e = pending.firstEntry();
            long off = e.getKey();
            if (off > next) {
                return;
            }
            pending.pollFirstEntry();
            Pending p = e.getValue();
            pendingBytes -= p.data.length;
            long end = off + p.data.length + p.missing;
            if (end <= next) {
                retransmissions++;
                continue;
            }
            int cut = (int) (next - off);
            if (cut > 0) {
                overlaps++;
            }
            if (cut >= p.data.length) {
                deliver(p.data, p.data.length, 0, (int) (end - next), p.timeNanos);
            } else {
                deliver(p.data, cut, p.data.length - cut, p.missing, p.timeNanos);
            }
        }
    }

    /** Drops held segments; the direction is no longer read. */
    void release() {
        pending.clear();
        pendingBytes = 0;
        finOffset = -1;
    }

    /** Ends the direction: held segments are delivered after gaps, and bytes before a captured FIN are a gap. */
    void finish() {
        while (!pending.isEmpty()) {
            Map.Entry<Long, Pending> first = pending.firstEntry();
            sink.gap(next, first.getKey() - next, first.getValue().timeNanos);
            next = first.getKey();
            drain();
        }
        if (finOffset > next) {
            sink.gap(next, finOffset - next, lastTime);
            next = finOffset;
        }
    }

    /** The stream offset of a sequence number, taken nearest to the expected offset (sequence numbers wrap). */
    private long offsetOf(long seq) {
        int delta = (int) (seq - ((isn + next) & 0xffffffffL));
        return next + delta;
    }
}
