package io.mqscope.cli;

import io.mqscope.capture.WsFrame;
import io.mqscope.wire.Direction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One RFC 6455 message of a captured WebSocket conversation: a data frame and its continuation frames up to the one
 * with FIN (RFC 6455 §5.4), or one control frame, which may arrive between the fragments of a data message.
 *
 * @param time       capture time of the message's first frame
 * @param mqttOffset offset of the message's payload in the direction's MQTT byte stream
 * @param complete   false when the capture ends before the frame with FIN
 */
record WsMessage(Direction from, Instant time, int opcode, int frames, long length, boolean masked, long mqttOffset,
                 String detail, boolean complete) {

    /** {@code text}, {@code binary}, {@code close}, {@code ping}, {@code pong} (RFC 6455 §5.2), else the number. */
    String type() {
        return switch (opcode) {
            case 1 -> "text";
            case 2 -> "binary";
            case 8 -> "close";
            case 9 -> "ping";
            case 10 -> "pong";
            default -> "opcode " + opcode;
        };
    }

    /** The frames of both directions grouped into messages, by the time of their first frame. */
    static List<WsMessage> of(List<WsFrame> frames) {
        List<WsMessage> out = new ArrayList<>();
        Grouping g = new Grouping(out::add);
        frames.forEach(g::add);
        g.end();
        out.sort(Comparator.comparing(WsMessage::time));
        return out;
    }

    /**
     * Frames grouped into messages as they come: each message is handed over when its last frame is seen (control
     * frames at once), the ones the capture cut short at {@link #end()}; sorting them by time stably gives {@link
     * #of}'s order.
     */
    static final class Grouping {
        private final Consumer<WsMessage> sink;
        private final Map<Direction, List<WsFrame>> open = new EnumMap<>(Direction.class);

        Grouping(Consumer<WsMessage> sink) {
            this.sink = sink;
        }

        void add(WsFrame f) {
            if (f.opcode() >= 8) {
                sink.accept(message(List.of(f), true));
                return;
            }
            List<WsFrame> pending = open.get(f.from());
            if (f.opcode() != 0 && pending != null) {
                // A new data frame before the last one's FIN: the capture lost the end of the previous message.
                sink.accept(message(pending, false));
                pending = null;
            }
            if (pending == null) {
                pending = new ArrayList<>();
                open.put(f.from(), pending);
            }
            pending.add(f);
            if (f.fin()) {
                sink.accept(message(pending, true));
                open.remove(f.from());
            }
        }

        void end() {
            open.values().forEach(p -> sink.accept(message(p, false)));
            open.clear();
        }
    }

    /** Messages of one direction counted for the text report's summary line. */
    static final class Tally {
        private final Map<Direction, long[]> counts = new EnumMap<>(Direction.class);

        void add(WsMessage m) {
            long[] c = counts.computeIfAbsent(m.from(), d -> new long[5]);
            c[0]++;
            c[1] += m.frames();
            c[2] += m.length();
            c[3] += m.masked() ? 1 : 0;
            c[4] += m.complete() ? 0 : 1;
        }

        boolean isEmpty() {
            return counts.isEmpty();
        }

        /** e.g. {@code client 13 messages in 13 frames, 31 bytes, masked}. */
        String describe(Direction from) {
            long[] c = counts.getOrDefault(from, new long[5]);
            long n = c[0];
            long frames = c[1];
            long masked = c[3];
            long open = c[4];
            return from.peer() + " " + n + " message" + (n == 1 ? "" : "s") + " in " + frames
                    + " frame" + (frames == 1 ? "" : "s") + ", " + c[2] + " bytes" + (n == 0 ? ""
                    : masked == n ? ", masked" : masked == 0 ? ", unmasked" : ", " + masked + " masked")
                    + (open == 0 ? "" : ", " + open + " cut short");
        }
    }

    private static WsMessage message(List<WsFrame> frames, boolean complete) {
        WsFrame first = frames.get(0);
        long length = 0;
        boolean masked = true;
        for (WsFrame f : frames) {
            length += f.length();
            masked &= f.masked();
        }
        return new WsMessage(first.from(), first.time(), first.opcode(), frames.size(), length, masked,
                first.mqttOffset(), first.detail() == null ? "" : first.detail(), complete);
    }
}
