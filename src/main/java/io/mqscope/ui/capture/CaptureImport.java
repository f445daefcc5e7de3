package io.mqscope.ui.capture;

import io.mqscope.capture.CaptureException;
import io.mqscope.capture.CaptureReader;
import io.mqscope.capture.CapturedPacket;
import io.mqscope.capture.Conversation;
import io.mqscope.capture.WsFrame;
import io.mqscope.doctor.Insight;
import io.mqscope.tap.PacketEvent;
import io.mqscope.tap.WebSocketFrameEvent;
import io.mqscope.wire.Severity;
import io.mqscope.wire.WebSocketFrame;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleConsumer;

/**
 * Reads a capture file for the desktop app, on the I/O executor: {@link CaptureReader#stream} with a listener that
 * keeps the first {@code maxPackets} packets and frames of each conversation (a conversation of a huge capture is
 * cut, not the app's memory), reports progress by bytes read and stops when cancelled. The conversation doctor reads
 * the same pass ({@link CaptureDoctor}, as {@code decode --pcap} does), every packet, kept or not; its insights name
 * each conversation as its entry does, by the client's endpoint ({@link #names}).
 */
final class CaptureImport {
    /** What was read; {@code failure} is set (with {@code failureOffset}) when the file was cut short. */
    record Result(Path file, List<CapturedConversation> conversations, List<String> notes, long frames,
                  CaptureException.Detail failure, long failureOffset, List<Insight> insights) {
    }

    /** Reading stopped because the user cancelled it. */
    static final class Cancelled extends IOException {
        Cancelled() {
            super("cancelled");
        }
    }

    private final int maxPackets;
    private final AtomicBoolean cancelled;
    private final DoubleConsumer progress;
    private final Map<Long, Collected> open = new HashMap<>();
    private final List<Numbered> done = new ArrayList<>();

    private record Numbered(long id, CapturedConversation conversation) {
    }

    private static final class Collected {
        final List<PacketEvent> packets = new ArrayList<>();
        final List<WebSocketFrameEvent> frames = new ArrayList<>();
        int errors;
    }

    private CaptureImport(int maxPackets, AtomicBoolean cancelled, DoubleConsumer progress) {
        this.maxPackets = maxPackets;
        this.cancelled = cancelled;
        this.progress = progress;
    }

    /**
     * @param progress called with the fraction of the file read, at most every half per cent (on the reading
     *                 thread)
     * @throws CaptureException when the file is no capture, or cut short with nothing to show
     * @throws Cancelled        when {@code cancelled} was set
     */
    static Result read(Path file, int maxPackets, AtomicBoolean cancelled, DoubleConsumer progress)
            throws IOException, CaptureException {
        CaptureImport reading = new CaptureImport(maxPackets, cancelled, progress);
        long size = Math.max(1, Files.size(file));
        try (InputStream in = reading.counting(Files.newInputStream(file), size)) {
            io.mqscope.capture.Capture summary;
            CaptureException.Detail failure = null;
            long offset = -1;
            CaptureDoctor doctor = new CaptureDoctor(reading.listener());
            try {
                summary = CaptureReader.stream(in, CaptureReader.Options.defaults()
                        .withListener(doctor, false));
            } catch (CaptureException e) {
                if (e.partial() == null) {
                    throw e;
                }
                summary = e.partial();
                failure = e.detail();
                offset = e.offset();
            }
            progress.accept(1);
            List<Numbered> sorted = reading.done.stream()
                    .sorted(Comparator.comparing((Numbered n) -> n.conversation().summary().start())
                            .thenComparingLong(Numbered::id))
                    .toList();
            List<CapturedConversation> list = sorted.stream().map(Numbered::conversation).toList();
            List<Insight> insights = doctor.insights(sorted.stream().map(Numbered::id).toList(), names(list));
            return new Result(file, list, summary.notes(), summary.frames(), failure, offset, insights);
        }
    }

    private CaptureReader.Listener listener() {
        return new CaptureReader.Listener() {
            @Override
            public void packet(long id, Instant start, CapturedPacket p) {
                Collected c = open.computeIfAbsent(id, k -> new Collected());
                if (p.packet().findings().stream().anyMatch(f -> f.severity() == Severity.ERROR)) {
                    c.errors++;
                }
                if (c.packets.size() < maxPackets) {
                    // numbered as the capture's notes and the insights number it (across a gap too)
                    c.packets.add(new PacketEvent("capture-" + id, nanos(p.time()), p.time(), p.from(),
                            CaptureDoctor.labelled(p)));
                }
            }

            @Override
            public void frame(long id, WsFrame f) {
                Collected c = open.computeIfAbsent(id, k -> new Collected());
                if (c.frames.size() < maxPackets) {
                    c.frames.add(frameEvent(id, f));
                }
            }

            @Override
            public void conversation(long id, Conversation v) {
                Collected c = open.remove(id);
                if (c == null) {
                    c = new Collected();
                }
                done.add(new Numbered(id, new CapturedConversation(v, c.packets, c.frames,
                        c.errors + CapturedConversation.streamErrors(v))));
            }
        };
    }

    /**
     * What insights call the conversations, in list order: the client's endpoint, as each entry shows it first (a
     * port the client used again later gets {@code #2}, {@code #3}).
     */
    static List<String> names(List<CapturedConversation> list) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> out = new ArrayList<>(list.size());
        for (CapturedConversation c : list) {
            String client = c.summary().client().toString();
            int n = seen.merge(client, 1, Integer::sum);
            out.add(n == 1 ? client : client + " #" + n);
        }
        return out;
    }

    private static WebSocketFrameEvent frameEvent(long id, WsFrame f) {
        String opcode = switch (f.opcode()) {
            case WebSocketFrame.CONTINUATION -> "continuation";
            case WebSocketFrame.TEXT -> "text";
            case WebSocketFrame.BINARY -> "binary";
            case WebSocketFrame.CLOSE -> "close";
            case WebSocketFrame.PING -> "ping";
            case WebSocketFrame.PONG -> "pong";
            default -> "opcode " + f.opcode();
        };
        Integer code = null;
        String reason = null;
        if (f.opcode() == WebSocketFrame.CLOSE && f.detail() != null && f.detail().startsWith("close ")) {
            String[] parts = f.detail().split(" ", 3);
            code = Integer.valueOf(parts[1]);
            reason = parts.length > 2 ? parts[2] : "";
        }
        return new WebSocketFrameEvent("capture-" + id, nanos(f.time()), f.time(), f.from(), opcode, f.fin(),
                f.length(), code, reason);
    }

    static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** Counts the bytes read for the progress and stops the reading once cancelled. */
    private InputStream counting(InputStream in, long size) {
        return new FilterInputStream(in) {
            private long read;
            private long reported;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (cancelled.get()) {
                    throw new Cancelled();
                }
                int n = super.read(b, off, len);
                if (n > 0) {
                    advance(n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                // by reading: a pipe (a capture still being written by tcpdump) cannot seek
                byte[] sink = new byte[(int) Math.min(n, 1 << 16)];
                int r = read(sink, 0, sink.length);
                return Math.max(0, r);
            }

            @Override
            public int available() {
                return 0;
            }

            private void advance(long n) {
                read += n;
                if (read - reported >= size / 200 + 1) {
                    reported = read;
                    progress.accept(Math.min(1.0, (double) read / size));
                }
            }
        };
    }

    static boolean isCancel(Exception e) {
        return e instanceof Cancelled || e instanceof InterruptedIOException;
    }
}
