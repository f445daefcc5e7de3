package io.mqscope.capture;

import io.mqscope.wire.Direction;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a pcap or pcapng file into MQTT conversations, streaming: frames are read one at a time, each TCP
 * connection holds only its out-of-order segments and the bytes of a packet not yet complete, and a connection that
 * has closed is finished {@link #LINGER_NANOS} of capture time after its last segment (late ACKs and retransmitted
 * FINs still reach it), or earlier when more than {@link #MAX_CLOSING} closed connections wait. {@link #read}
 * keeps the decoded packets of every conversation; {@link #stream} hands packets, WebSocket frames and finished
 * conversations to a {@link Listener} and keeps none, so that its memory does not grow with the file.
 */
public final class CaptureReader {
    /**
     * How long after its last segment a closed connection may still get segments (a retransmitted FIN, the last
     * ACK): twice the longest Maximum Segment Lifetime in use (RFC 9293 §3.4.2 suggests an MSL of 2 minutes).
     */
    static final long LINGER_NANOS = 240_000_000_000L;
    /** Frames between two looks for closed connections to finish. */
    private static final int SWEEP_EVERY = 4096;
    /**
     * Closed connections kept waiting for late segments at most: beyond this the longest closed is finished at
     * once, so that a storm of short connections (thousands a minute) does not hold each one for the whole
     * {@link #LINGER_NANOS}.
     */
    static final int MAX_CLOSING = 4096;

    /** Called for every decoded packet as soon as it is complete (on the reading thread). */
    @FunctionalInterface
    public interface PacketListener {
        void packet(CapturedPacket packet);
    }

    /**
     * What a streamed reading reports, on the reading thread. Conversations are numbered in the order their first
     * segment appears; their packets and frames arrive interleaved, each conversation's in the order they were
     * completed (packets handed over at a gap or at the end carry an earlier time than some before them).
     */
    public interface Listener {
        /** A packet of conversation {@code id}, whose first segment was captured at {@code start}. */
        default void packet(long id, Instant start, CapturedPacket packet) {
        }

        /** A WebSocket frame of conversation {@code id}. */
        default void frame(long id, WsFrame frame) {
        }

        /**
         * Conversation {@code id}, already known as MQTT, was closed by one side ({@code by}, its first FIN or RST)
         * at {@code time}: told in capture order, long before the conversation is finished (which waits for late
         * segments), so that a reader of the conversations' timing (the conversation doctor) sees the close in its
         * place. A connection recognised only later is told only by {@link #conversation}.
         */
        default void closed(long id, Direction by, Instant time) {
        }

        /** Conversation {@code id} is finished: every packet and frame of it was reported before. */
        default void conversation(long id, Conversation conversation) {
        }
    }

    /**
     * @param ports       ports to treat as MQTT (and to restrict the reading to); empty: recognise MQTT by content
     *                    on any port, with 1883, 8883, 8083, 8084, 443 and 80 as hints
     * @param keepPackets whether conversations keep their packets and WebSocket frames (off for huge files read
     *                    only through the listener)
     */
    public record Options(Set<Integer> ports, boolean keepPackets, Listener listener) {
        public Options {
            ports = Set.copyOf(ports);
            listener = listener == null ? new Listener() { } : listener;
        }

        /** Options whose listener sees only the packets. */
        public Options(Set<Integer> ports, boolean keepPackets, PacketListener packets) {
            this(ports, keepPackets, new Listener() {
                @Override
                public void packet(long id, Instant start, CapturedPacket packet) {
                    packets.packet(packet);
                }
            });
        }

        public static Options defaults() {
            return new Options(Set.of(), true, (Listener) null);
        }

        public Options withPorts(Set<Integer> p) {
            return new Options(p, keepPackets, listener);
        }

        public Options withListener(Listener l, boolean keep) {
            return new Options(ports, keep, l);
        }
    }

    private record Key(Endpoint src, Endpoint dst) {
    }

    private record Numbered(long id, Conversation conversation) {
    }

    private CaptureReader() {
    }

    public static Capture read(Path file) throws IOException, CaptureException {
        return read(file, Options.defaults());
    }

    public static Capture read(Path file, Options options) throws IOException, CaptureException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, options);
        }
    }

    /**
     * Reads the whole stream. A file cut short throws a {@link CaptureException} whose {@link
     * CaptureException#partial()} holds what was decoded before. Interrupting the thread cancels the reading
     * ({@link InterruptedIOException}).
     */
    public static Capture read(InputStream in, Options options) throws IOException, CaptureException {
        List<Numbered> found = new ArrayList<>();
        Listener user = options.listener();
        Options collecting = options.withListener(new Listener() {
            @Override
            public void packet(long id, Instant start, CapturedPacket packet) {
                user.packet(id, start, packet);
            }

            @Override
            public void frame(long id, WsFrame frame) {
                user.frame(id, frame);
            }

            @Override
            public void closed(long id, Direction by, Instant time) {
                user.closed(id, by, time);
            }

            @Override
            public void conversation(long id, Conversation conversation) {
                found.add(new Numbered(id, conversation));
                user.conversation(id, conversation);
            }
        }, options.keepPackets());
        try {
            return withConversations(stream(in, collecting), found);
        } catch (CaptureException e) {
            throw e.partial() == null ? e : e.withPartial(withConversations(e.partial(), found));
        }
    }

    private static Capture withConversations(Capture summary, List<Numbered> found) {
        // by start; conversations that started in the same frame's microsecond keep the order they appeared in
        found.sort(Comparator.comparing((Numbered n) -> n.conversation().start()).thenComparingLong(Numbered::id));
        return new Capture(found.stream().map(Numbered::conversation).toList(), summary.notes(), summary.frames());
    }

    /**
     * Reads the whole stream, handing everything to the options' listener; the result holds the file's notes and
     * frame count but no conversations. A file cut short throws a {@link CaptureException} (its partial result
     * likewise without conversations) after every connection read so far has been finished and reported.
     */
    public static Capture stream(InputStream in, Options options) throws IOException, CaptureException {
        Notes notes = new Notes();
        // a file that is no capture at all fails here, with no partial result
        FrameSource source = FrameSource.open(in instanceof BufferedInputStream ? in
                : new BufferedInputStream(in, 1 << 16), notes);
        Reading r = new Reading(options, notes);
        try {
            CaptureFrame f;
            while ((f = source.next()) != null) {
                r.frame(f);
            }
        } catch (CaptureException e) {
            throw e.withPartial(r.finish());
        }
        return r.finish();
    }

    /** The connections of one reading. */
    private static final class Reading {
        private final Options options;
        private final Notes notes;
        private final Dissector dissector;
        private final Map<Key, Connection> open = new HashMap<>();
        /** Connections that have closed and are finished once {@link #LINGER_NANOS} passed without a segment. */
        private final ArrayDeque<Connection> closing = new ArrayDeque<>();
        private final Map<String, Integer> others = new TreeMap<>();
        private long frames;
        private long ids;

        Reading(Options options, Notes notes) {
            this.options = options;
            this.notes = notes;
            this.dissector = new Dissector(notes);
        }

        void frame(CaptureFrame f) throws InterruptedIOException {
            frames++;
            if ((frames & 0x3ff) == 0 && Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("reading the capture was cancelled");
            }
            if (frames % SWEEP_EVERY == 0) {
                sweep(f.timeNanos());
            }
            TcpSegment s = dissector.tcp(f);
            if (s == null) {
                return;
            }
            if (!options.ports().isEmpty() && !options.ports().contains(s.src().port())
                    && !options.ports().contains(s.dst().port())) {
                return;
            }
            Connection c = open.get(new Key(s.src(), s.dst()));
            if (c == null) {
                c = open.get(new Key(s.dst(), s.src()));
            }
            boolean newSyn = s.has(TcpSegment.SYN) && !s.has(TcpSegment.ACK);
            if (c == null || newSyn && c.closed()) {
                if (c != null) {
                    // the ports were used again: the old connection gets nothing more
                    open.remove(new Key(c.a, c.b));
                    finish(c);
                }
                c = new Connection(ids++, s.src(), s.dst(), options);
                open.put(new Key(s.src(), s.dst()), c);
            }
            boolean wasClosed = c.closed();
            Direction closer = c.firstCloser();
            c.segment(s);
            if (closer == null && c.firstCloser() != null) {
                options.listener().closed(c.id, c.firstCloser(), c.firstCloseTime());
            }
            if (!wasClosed && c.closed()) {
                closing.add(c);
                while (closing.size() > MAX_CLOSING) {
                    finishClosed(closing.poll());
                }
            }
        }

        /** Finishes the closed connections that have been quiet for {@link #LINGER_NANOS}. */
        private void sweep(long now) {
            closing.removeIf(c -> {
                if (c.finished()) {
                    return true;
                }
                if (now - c.lastNanos() < LINGER_NANOS) {
                    return false;
                }
                finishClosed(c);
                return true;
            });
        }

        private void finishClosed(Connection c) {
            if (!c.finished()) {
                open.remove(new Key(c.a, c.b), c);
                finish(c);
            }
        }

        private void finish(Connection c) {
            Conversation v = c.finish();
            if (v != null) {
                options.listener().conversation(c.id, v);
            } else {
                others.merge(c.why(), 1, Integer::sum);
            }
        }

        /** Finishes every connection still open; returns the file's notes and frame count. */
        Capture finish() {
            List<Connection> rest = new ArrayList<>(open.values());
            rest.addAll(closing);
            rest.sort(Comparator.comparingLong(c -> c.id));
            for (Connection c : rest) {
                if (!c.finished()) {
                    finish(c);
                }
            }
            open.clear();
            closing.clear();
            List<String> rendered = new ArrayList<>(notes.render());
            others.forEach((why, n) -> rendered.add(n + " TCP connection" + (n == 1 ? "" : "s") + " not MQTT ("
                    + why + ")"));
            if (frames == 0) {
                rendered.add("the capture holds no frames");
            }
            return new Capture(List.of(), rendered, frames);
        }
    }
}
