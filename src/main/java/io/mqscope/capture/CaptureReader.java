package io.mqscope.capture;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a pcap or pcapng file into MQTT conversations, streaming: frames are read one at a time, each TCP
 * connection holds only its out-of-order segments and the bytes of a packet not yet complete. What a result keeps
 * is the decoded packets; with {@link Options#keepPackets} off even those go only to the listener.
 */
public final class CaptureReader {

    /** Called for every decoded packet as soon as it is complete (on the reading thread). */
    @FunctionalInterface
    public interface PacketListener {
        void packet(CapturedPacket packet);
    }

    /**
     * @param ports       ports to treat as MQTT (and to restrict the reading to); empty: recognise MQTT by content
     *                    on any port, with 1883, 8883, 8083, 8084, 443 and 80 as hints
     * @param keepPackets whether conversations keep their packets and WebSocket frames (off for huge files read
     *                    only through the listener)
     */
    public record Options(Set<Integer> ports, boolean keepPackets, PacketListener listener) {
        public Options {
            ports = Set.copyOf(ports);
            listener = listener == null ? p -> { } : listener;
        }

        public static Options defaults() {
            return new Options(Set.of(), true, null);
        }

        public Options withPorts(Set<Integer> p) {
            return new Options(p, keepPackets, listener);
        }
    }

    private record Key(Endpoint src, Endpoint dst) {
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
        Notes notes = new Notes();
        FrameSource source = FrameSource.open(in instanceof BufferedInputStream ? in : new BufferedInputStream(in,
                1 << 16), notes);
        Dissector dissector = new Dissector(notes);
        Map<Key, Connection> open = new HashMap<>();
        List<Connection> all = new ArrayList<>();
        long frames = 0;
        try {
            CaptureFrame f;
            while ((f = source.next()) != null) {
                frames++;
                if ((frames & 0x3ff) == 0 && Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("reading the capture was cancelled");
                }
                TcpSegment s = dissector.tcp(f);
                if (s == null) {
                    continue;
                }
                if (!options.ports().isEmpty() && !options.ports().contains(s.src().port())
                        && !options.ports().contains(s.dst().port())) {
                    continue;
                }
                Connection c = open.get(new Key(s.src(), s.dst()));
                if (c == null) {
                    c = open.get(new Key(s.dst(), s.src()));
                }
                boolean newSyn = s.has(TcpSegment.SYN) && !s.has(TcpSegment.ACK);
                if (c == null || newSyn && c.closed()) {
                    c = new Connection(s.src(), s.dst(), options);
                    open.put(new Key(s.src(), s.dst()), c);
                    open.remove(new Key(s.dst(), s.src()));
                    all.add(c);
                }
                c.segment(s);
            }
        } catch (CaptureException e) {
            throw e.withPartial(finish(all, notes, frames));
        }
        return finish(all, notes, frames);
    }

    private static Capture finish(List<Connection> all, Notes notes, long frames) {
        List<Conversation> out = new ArrayList<>();
        Map<String, Integer> others = new TreeMap<>();
        for (Connection c : all) {
            Conversation v = c.finish();
            if (v != null) {
                out.add(v);
            } else {
                others.merge(c.why(), 1, Integer::sum);
            }
        }
        out.sort(Comparator.comparing(Conversation::start));
        List<String> rendered = new ArrayList<>(notes.render());
        others.forEach((why, n) -> rendered.add(n + " TCP connection" + (n == 1 ? "" : "s") + " not MQTT (" + why
                + ")"));
        if (frames == 0) {
            rendered.add("the capture holds no frames");
        }
        return new Capture(out, rendered, frames);
    }
}
