package io.mqscope.cli;

import io.mqscope.capture.WsFrame;
import io.mqscope.wire.Direction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

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
        Map<Direction, List<WsFrame>> open = new EnumMap<>(Direction.class);
        for (WsFrame f : frames) {
            if (f.opcode() >= 8) {
                out.add(message(List.of(f), true));
                continue;
            }
            List<WsFrame> pending = open.get(f.from());
            if (f.opcode() != 0 && pending != null) {
                // A new data frame before the last one's FIN: the capture lost the end of the previous message.
                out.add(message(pending, false));
                pending = null;
            }
            if (pending == null) {
                pending = new ArrayList<>();
                open.put(f.from(), pending);
            }
            pending.add(f);
            if (f.fin()) {
                out.add(message(pending, true));
                open.remove(f.from());
            }
        }
        open.values().forEach(p -> out.add(message(p, false)));
        out.sort(Comparator.comparing(WsMessage::time));
        return out;
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
