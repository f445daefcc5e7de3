package io.mqscope.capture;

import io.mqscope.wire.Direction;
import io.mqscope.wire.Finding;
import io.mqscope.wire.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One direction of a conversation after reassembly: for WebSocket, the HTTP header and then RFC 6455 frames (data
 * frames' payloads form the MQTT stream, message boundaries are reported); then the MQTT stream decoder.
 */
final class DirectionDecoder {

    /** Where the decoded things go. */
    interface Events {
        /**
         * @param timeNanos  when the packet's last byte arrived
         * @param startNanos when its first byte arrived
         */
        void packet(DirectionDecoder from, Connection.CapturedPacketSource packet, long timeNanos, long startNanos);

        void frame(WsFrame frame);

        void note(String note);
    }

    final Direction dir;
    private final boolean ws;
    private final Events events;
    private DirectionDecoder other;
    private final MqttStream mqtt;
    /**
     * When the last MQTT byte arrived: a packet the decoder hands over only at a gap or the end carries this time,
     * not that of later WebSocket frames without MQTT bytes (an empty message sent after the peer's FIN, say).
     */
    private long lastMqttTime;
    /**
     * The MQTT bytes fed and not yet known to be behind a handed-over packet, as {stream offset, arrival time} per
     * chunk: a packet's first byte is looked up here, so that a peer's FIN that came while the packet was still
     * arriving is placed after the packet's start, not before the whole packet (a broker that hangs up once it has
     * read what a padded Remaining Length declares, while the client is still sending the rest).
     */
    private final java.util.ArrayDeque<long[]> arrivals = new java.util.ArrayDeque<>();
    private static final int MAX_ARRIVALS = 4096;
    private int index;
    private boolean headerDone;
    private boolean dead;
    private byte[] wsBuf = new byte[256];
    private int wsLen;
    private long wsConsumed;
    private boolean maskNoted;

    /** @param fromStart the stream's first byte is the connection's first (a SYN was seen) */
    DirectionDecoder(Direction dir, boolean ws, boolean fromStart, Events events) {
        this.dir = dir;
        this.ws = ws;
        this.events = events;
        this.mqtt = new MqttStream(dir, 0, fromStart || ws);
    }

    void pair(DirectionDecoder other) {
        this.other = other;
    }

    /** The next packet index of this direction (packets are numbered from 0 per direction). */
    int nextIndex() {
        return index++;
    }

    void bytes(byte[] d, int off, int len, long time) {
        if (dead) {
            return;
        }
        if (!ws) {
            feed(d, off, len, time);
            return;
        }
        if (wsBuf.length < wsLen + len) {
            wsBuf = Arrays.copyOf(wsBuf, Math.max(wsLen + len, wsBuf.length * 2));
        }
        System.arraycopy(d, off, wsBuf, wsLen, len);
        wsLen += len;
        int p = 0;
        if (!headerDone) {
            int end = Recognizer.indexOf(Arrays.copyOf(wsBuf, wsLen), "\r\n\r\n");
            if (end < 0) {
                if (wsLen > Connection.MAX_PRE) {
                    events.note("the " + dir.peer() + "'s HTTP header never ends; not decoded");
                    dead = true;
                }
                return;
            }
            String status = new String(wsBuf, 0, end, StandardCharsets.ISO_8859_1).split("\r\n")[0];
            if (dir == Direction.BROKER_TO_CLIENT && !status.matches("HTTP/1\\.\\d 101.*")) {
                events.note("the broker refused the WebSocket upgrade: " + status);
                dead = true;
                return;
            }
            headerDone = true;
            p = end + 4;
        }
        while (p < wsLen) {
            WebSocketFrame.Parse parse = WebSocketFrame.parse(wsBuf, p, wsLen - p);
            if (parse instanceof WebSocketFrame.Complete c) {
                frame(c.frame(), time);
                p += c.frame().length();
                wsConsumed += c.frame().length();
            } else if (parse instanceof WebSocketFrame.Invalid inv) {
                events.note("WebSocket framing of the " + dir.peer() + " broke at frame byte " + wsConsumed + ": "
                        + inv.reason() + "; the rest of this direction is not decoded");
                dead = true;
                return;
            } else {
                break;
            }
        }
        System.arraycopy(wsBuf, p, wsBuf, 0, wsLen - p);
        wsLen -= p;
    }

    private void frame(WebSocketFrame f, long time) {
        String detail = "";
        if (f.opcode() == WebSocketFrame.CLOSE && f.payload().length >= 2) {
            int code = (f.payload()[0] & 0xff) << 8 | f.payload()[1] & 0xff;
            detail = "close " + code + (f.payload().length > 2 ? " " + new String(f.payload(), 2,
                    f.payload().length - 2, StandardCharsets.UTF_8) : "");
        }
        if (dir == Direction.CLIENT_TO_BROKER != f.masked() && !maskNoted) {
            maskNoted = true;
            events.note("the " + dir.peer() + "'s WebSocket frames are " + (f.masked() ? "" : "not ")
                    + "masked (RFC 6455 §5.1: a client masks every frame, a server none)");
        }
        events.frame(new WsFrame(dir, Connection.instant(time), f.opcode(), f.fin(), f.masked(), f.payload().length,
                mqtt.fed(), detail));
        if (f.opcode() <= WebSocketFrame.BINARY && f.payload().length > 0) {
            feed(f.payload(), 0, f.payload().length, time);
        }
    }

    private void feed(byte[] d, int off, int len, long time) {
        lastMqttTime = time;
        if (arrivals.size() == MAX_ARRIVALS) {
            arrivals.poll(); // bytes the decoder skips never end a packet; keep memory bounded
        }
        arrivals.add(new long[] {mqtt.fed(), time});
        mqtt.feed(d, off, len, p -> hand(p, time));
        if (other.mqtt.version() == 0 && mqtt.version() != 0) {
            other.mqtt.setVersion(mqtt.version());
        }
    }

    /** Bytes lost up to stream offset {@code next}: MQTT decoding starts afresh there; WebSocket framing is lost. */
    void gap(long next) {
        if (ws) {
            if (!dead) {
                events.note("WebSocket framing of the " + dir.peer() + " is lost after a gap; the rest of this "
                        + "direction is not decoded");
            }
            dead = true;
            return;
        }
        mqtt.resync(next, p -> hand(p, lastMqttTime));
        arrivals.clear();
    }

    /** Ends the direction: a packet still incomplete is reported (truncated); returns the stream findings. */
    List<Finding> end() {
        mqtt.end(p -> hand(p, lastMqttTime));
        return mqtt.findings();
    }

    private void hand(Connection.CapturedPacketSource p, long time) {
        // drop the chunks that end before the packet starts; the first left holds its first byte
        while (arrivals.size() > 1) {
            java.util.Iterator<long[]> it = arrivals.iterator();
            it.next();
            if (it.next()[0] > p.streamOffset()) {
                break;
            }
            arrivals.poll();
        }
        long[] first = arrivals.peek();
        long start = first == null || first[0] > p.streamOffset() ? time : Math.min(first[1], time);
        events.packet(this, p, time, start);
    }
}
