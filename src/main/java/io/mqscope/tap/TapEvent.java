package io.mqscope.tap;

import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.Finding;
import java.time.Instant;
import java.util.Map;

/**
 * What a {@link Wiretap} saw on one tapped connection, in order. Records, handed from the tap's event loop to
 * whoever listens; {@code conn} names the connection ({@code c1}, {@code c2}...).
 */
public sealed interface TapEvent {

    String conn();

    /** Monotonic receive time ({@link System#nanoTime()}), for intervals. */
    long nanoTime();

    /** Wall-clock time, for people. */
    Instant time();

    /** A client connected to the listener. */
    record Opened(String conn, long nanoTime, Instant time, String client, String listen) implements TapEvent {
    }

    /**
     * The client's WebSocket opening handshake and the tap's answer (RFC 6455 §4). {@code asked} is the
     * Sec-WebSocket-Protocol the client offered, {@code answered} the one echoed (null when none).
     */
    record HttpExchange(String conn, long nanoTime, Instant time, String method, String path,
                        Map<String, String> requestHeaders, int status, Map<String, String> responseHeaders,
                        String asked, String answered) implements TapEvent {
    }

    /** One WebSocket frame a side sent: {@code streamOffset} places its payload in the MQTT byte stream. */
    record WebSocketMessage(String conn, long nanoTime, Instant time, Direction from, String opcode, boolean fin,
                            byte[] bytes, long streamOffset, Integer closeCode, String closeReason)
            implements TapEvent {
        public int length() {
            return bytes.length;
        }
    }

    /**
     * A packet the stream decoder framed; {@code repairedForwarded} when the tap sent its repaired bytes on;
     * {@code afterBrokerClosed} when the client sent it after the broker had closed the connection (it began after
     * the last byte the tap read before the close): it was never forwarded and is no cause of the close.
     */
    record Packet(String conn, long nanoTime, Instant time, Direction from, DecodedPacket packet,
                  boolean repairedForwarded, boolean afterBrokerClosed) implements TapEvent {
        public Packet(String conn, long nanoTime, Instant time, Direction from, DecodedPacket packet,
                      boolean repairedForwarded) {
            this(conn, nanoTime, time, from, packet, repairedForwarded, false);
        }
    }

    /** A finding about a direction's stream rather than one packet (truncated stream, lost framing). */
    record StreamFinding(String conn, long nanoTime, Instant time, Direction from, Finding finding)
            implements TapEvent {
    }

    /**
     * The tap could not open the connection to the broker: the stage that failed and the relay's detail (in English,
     * as for {@link UpstreamFailure}; {@code chain} the certificates the broker presented when they were refused), for
     * whoever words the verdict the way {@code mqscope check} does. Comes just before the connection's {@link Closed}.
     */
    record UpstreamFailed(String conn, long nanoTime, Instant time, Stage stage, String detail,
                          java.util.List<java.security.cert.X509Certificate> chain) implements TapEvent {
        public UpstreamFailed {
            chain = chain == null ? java.util.List.of() : java.util.List.copyOf(chain);
        }

        public UpstreamFailed(String conn, long nanoTime, Instant time, Stage stage, String detail) {
            this(conn, nanoTime, time, stage, detail, java.util.List.of());
        }
    }

    /**
     * The connection ended. {@code by} is "client", "broker" or "tap"; {@code code} and {@code reason} are the
     * WebSocket close frame's (null when there was none); {@code reset} when the TCP connection was reset rather
     * than closed with FIN; {@code sinceLastPacketMillis} is -1 when no packet was seen; {@code verdict} is null
     * when the connection ended normally. When the broker closed first, its times are the broker's close: the event
     * comes after the packets the client sent in the grace after it (each {@link Packet#afterBrokerClosed()}).
     * {@code verdict} is said in the tap's language ({@link TapSettings#locale()}); {@code said} is the same verdict
     * in any language (the desktop app's language switch), null exactly when {@code verdict} is.
     */
    record Closed(String conn, long nanoTime, Instant time, String by, Integer code, String reason, boolean reset,
                  long sinceLastPacketMillis, int repairedPackets, String verdict, VerdictText said)
            implements TapEvent {
        /** A verdict that is the same in every language. */
        public Closed(String conn, long nanoTime, Instant time, String by, Integer code, String reason, boolean reset,
                      long sinceLastPacketMillis, int repairedPackets, String verdict) {
            this(conn, nanoTime, time, by, code, reason, reset, sinceLastPacketMillis, repairedPackets, verdict,
                    verdict == null ? null : VerdictText.verbatim(verdict));
        }
    }
}
