package io.mqscope.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The lines of a {@code decode --pcap} report while the capture is still being read. The report can only be
 * written at the end (its first line counts the conversations, which are ordered by start, and their packets are
 * spread over the whole file), so a large capture's rendered packets are parked in one temporary file instead of the
 * heap: records are held in memory up to a budget shared by all {@link Run}s (counted by the buffers' sizes), then
 * appended to the file in blocks.
 * The heap keeps a few numbers per block. The file is created only when the budget is first exceeded and deleted on
 * {@link #close()}.
 */
final class PcapSpill implements Closeable {
    /** Bytes of records all runs together hold in memory. */
    static final int BUDGET = 16 << 20;
    /** Bytes one run holds before it writes them out on its own. */
    static final int RUN_LIMIT = 256 << 10;
    /** A finished conversation's section larger than this is written from its runs at the end, not sealed. */
    static final long SEAL_LIMIT = 1 << 20;
    private static final byte[] EMPTY = new byte[0];

    private final int budget;
    private final int runLimit;
    private final long sealLimit;
    private final Set<Run> dirty = new LinkedHashSet<>();
    private final SpillFile file = new SpillFile();
    private long buffered;

    PcapSpill() {
        this(BUDGET, RUN_LIMIT, SEAL_LIMIT);
    }

    PcapSpill(int budget, int runLimit) {
        this(budget, runLimit, SEAL_LIMIT);
    }

    /** Small limits let tests drive every path with small captures. */
    PcapSpill(int budget, int runLimit, long sealLimit) {
        this.budget = budget;
        this.runLimit = runLimit;
        this.sealLimit = sealLimit;
    }

    /** Sections up to this many bytes are sealed when their conversation ends (see {@link PcapSections}). */
    long sealLimit() {
        return sealLimit;
    }

    Run run() {
        return new Run();
    }

    /** Bytes the runs' buffers hold now. */
    long buffered() {
        return buffered;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    /** A stretch of the file written in one go: a finished conversation's section of the report. */
    record Region(long offset, long length) {
    }

    /**
     * Writes what {@code body} prints (UTF-8) as one region at the end of the file. The body may read runs (their
     * blocks lie before the region) but not add to them.
     */
    Region seal(Consumer<PrintWriter> body) {
        long start = file.end();
        OutputStream bytes = new OutputStream() {
            private final byte[] buf = new byte[1 << 16];
            private int n;

            @Override
            public void write(int b) {
                if (n == buf.length) {
                    flush();
                }
                buf[n++] = (byte) b;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (n + len > buf.length) {
                    flush();
                }
                if (len > buf.length) {
                    PcapSpill.this.write(Arrays.copyOfRange(b, off, off + len), len);
                } else {
                    System.arraycopy(b, off, buf, n, len);
                    n += len;
                }
            }

            @Override
            public void flush() {
                if (n > 0) {
                    PcapSpill.this.write(buf, n);
                    n = 0;
                }
            }
        };
        PrintWriter out = new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8));
        body.accept(out);
        out.flush();
        return new Region(start, file.end() - start);
    }

    /** Copies a region's text to {@code out}. */
    void copy(Region r, Writer out) throws IOException {
        file.copy(r.offset(), r.length(), out);
    }

    private long write(byte[] b, int len) {
        return file.append(b, len);
    }

    /** Writes out every run's records once the buffers together hold more than the budget. */
    private void checkBudget() {
        if (buffered > budget) {
            for (Run r : List.copyOf(dirty)) {
                r.flush();
                r.inDirty = false;
            }
            dirty.clear();
        }
    }

    /** A record: when it happened (the sort key), its place among the records of its run, and its text. */
    private record Rec(long time, byte[] text) {
    }

    /** Records already in time order: blocks of the file, then what is still in memory. */
    private final class Segment {
        private final List<long[]> blocks = new ArrayList<>();
        private byte[] buf = EMPTY;
        private int len;

        void append(long time, byte[] text) {
            int need = len + 12 + text.length;
            if (buf.length < need) {
                int old = buf.length;
                buf = Arrays.copyOf(buf, Math.max(need, Math.max(256, buf.length * 2)));
                buffered += buf.length - old;
            }
            ByteBuffer.wrap(buf, len, 12).putLong(time).putInt(text.length);
            System.arraycopy(text, 0, buf, len + 12, text.length);
            len = need;
        }

        /** Writes what is in memory as one block and lets the buffer go. */
        void flush() {
            flush(false);
        }

        /**
         * @param keep keep the buffer for more records (a busy run writing itself out); it still counts against
         *             the budget
         */
        void flush(boolean keep) {
            if (len > 0) {
                blocks.add(new long[] {write(buf, len), len});
                len = 0;
            }
            if (!keep) {
                buffered -= buf.length;
                buf = EMPTY;
            }
        }

        Cursor cursor(int order) {
            return new Cursor(this, order);
        }
    }

    /** Reads one segment's records in order, one block in memory at a time. */
    private final class Cursor {
        private final Segment segment;
        private final int order;
        private int block;
        private byte[] data;
        private int pos;
        private int end;
        long time;
        String text;

        Cursor(Segment segment, int order) {
            this.segment = segment;
            this.order = order;
        }

        /** Moves to the next record; false at the end. */
        boolean next() {
            while (pos >= end) {
                if (block < segment.blocks.size()) {
                    long[] b = segment.blocks.get(block++);
                    data = read(b[0], (int) b[1]);
                    end = data.length;
                } else if (block == segment.blocks.size() && segment.len > 0) {
                    block++;
                    data = segment.buf;
                    end = segment.len;
                } else {
                    return false;
                }
                pos = 0;
            }
            ByteBuffer bb = ByteBuffer.wrap(data, pos, 12);
            time = bb.getLong();
            int n = bb.getInt();
            text = new String(data, pos + 12, n, StandardCharsets.UTF_8);
            pos += 12 + n;
            return true;
        }

        private byte[] read(long at, int n) {
            return file.read(at, n);
        }
    }

    /**
     * Records given in the order they were produced, read back ordered by time, records of the same time in the
     * order they were produced (what a stable sort of the whole list gives). Records that come in time order go to
     * one segment; one earlier than the last (a packet handed over only at a gap or at the end of a stream) waits
     * among the late ones, which are sorted and written out as a segment of their own when they grow. Reading
     * merges the segments; a tie goes to the older segment, since a record that came in time order and has the time
     * of a late one was produced before it.
     */
    final class Run {
        private final List<Segment> segments = new ArrayList<>(List.of(new Segment()));
        private final List<Rec> late = new ArrayList<>();
        private long lateBytes;
        private long lastTime = Long.MIN_VALUE;
        /** In {@code dirty}: it holds records in memory. */
        private boolean inDirty;
        private long count;
        private long bytes;

        void add(long time, String text) {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            count++;
            bytes += b.length;
            if (time >= lastTime) {
                lastTime = time;
                Segment main = segments.get(0);
                main.append(time, b);
                if (main.len > runLimit) {
                    main.flush(true);
                }
            } else {
                late.add(new Rec(time, b));
                lateBytes += 12 + b.length;
                buffered += 12 + b.length;
                if (lateBytes > runLimit) {
                    spillLate();
                }
            }
            // once per flush, not per record: the set's hashing showed in profiles
            if (!inDirty) {
                dirty.add(this);
                inDirty = true;
            }
            checkBudget();
        }

        long size() {
            return count;
        }

        /** UTF-8 bytes of the records added. */
        long bytes() {
            return bytes;
        }

        /** Lets the records go (they were sealed into a region): what they held in memory is freed. */
        void release() {
            for (Segment seg : segments) {
                buffered -= seg.buf.length;
                seg.buf = EMPTY;
                seg.len = 0;
                seg.blocks.clear();
            }
            segments.subList(1, segments.size()).clear();
            buffered -= lateBytes;
            late.clear();
            lateBytes = 0;
            count = 0;
            bytes = 0;
            dirty.remove(this);
            inDirty = false;
        }

        private void flush() {
            segments.get(0).flush();
            spillLate();
        }

        private void spillLate() {
            if (late.isEmpty()) {
                return;
            }
            Segment s = new Segment();
            late.sort((x, y) -> Long.compare(x.time, y.time));
            late.forEach(r -> s.append(r.time, r.text));
            s.flush();
            segments.add(s);
            buffered -= lateBytes;
            late.clear();
            lateBytes = 0;
        }

        /** Every record, by time, ties in the order they were added. */
        void forEach(Consumer<String> sink) {
            List<Segment> all = new ArrayList<>(segments);
            if (!late.isEmpty()) {
                Segment s = new Segment();
                late.stream().sorted((x, y) -> Long.compare(x.time, y.time)).forEach(r -> s.append(r.time, r.text));
                all.add(s);
            }
            PriorityQueue<Cursor> queue = new PriorityQueue<>((x, y) -> x.time != y.time
                    ? Long.compare(x.time, y.time) : Integer.compare(x.order, y.order));
            for (int i = 0; i < all.size(); i++) {
                Cursor c = all.get(i).cursor(i);
                if (c.next()) {
                    queue.add(c);
                }
            }
            while (!queue.isEmpty()) {
                Cursor c = queue.poll();
                sink.accept(c.text);
                if (c.next()) {
                    queue.add(c);
                }
            }
        }
    }
}
