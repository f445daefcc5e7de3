package io.mqscope.tap;

import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.Finding;
import io.mqscope.wire.PacketType;
import io.mqscope.wire.Severity;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * How a {@link TappedConnection} ended and what went wrong, in a front-end developer's words: who closed it first,
 * the WebSocket close code and reason, a TCP reset, the last packets each side sent, and the verdict. Only the
 * connection's event loop touches it.
 */
final class TapEnding {
    private String by;
    private Integer closeCode;
    private String closeReason;
    private boolean reset;
    private VerdictText verdict;
    private long lastPacketNanos = -1;
    private DecodedPacket lastClientPacket;
    private long lastClientPacketNanos;
    private DecodedPacket clientConnect;
    private long clientConnectNanos;
    private boolean connackSeen;
    private String connackRefusal;
    private DecodedPacket connack;
    /** When the connection ended for its verdict: the broker's close, which comes before the client's grace. */
    private long endedNanos = -1;

    TapEnding() {
    }

    /** Who ended it first ("client", "broker" or "tap"), null while open. */
    String by() {
        return by;
    }

    Integer closeCode() {
        return closeCode;
    }

    String closeReason() {
        return closeReason;
    }

    boolean reset() {
        return reset;
    }

    /** True once the broker answered anything: a CONNACK, or any packet after it. */
    boolean connackSeen() {
        return connackSeen;
    }

    /** The tap refused the client itself (an HTTP 404 or 400): the tap is the one that ended it. */
    void refused(VerdictText why) {
        verdict = why;
        by = "tap";
    }

    /** Keeps the first verdict given: the first thing that went wrong is the cause. */
    void verdictIfNone(VerdictText why) {
        if (verdict == null) {
            verdict = why;
        }
    }

    /** A verdict that overrides any other, unless the conversation had already ended (a client's error in grace). */
    void verdict(VerdictText why) {
        if (endedNanos < 0) {
            verdict = why;
        }
    }

    /** The connection was reset; a client's reset during the grace after the broker's close is not how it ended. */
    void wasReset() {
        if (endedNanos < 0) {
            reset = true;
        }
    }

    /** A side sent a WebSocket close, or the connection is closing: the first one is the one reported. */
    void closedBy(String side, Integer code, String reason) {
        if (by == null) {
            by = side;
            closeCode = code;
            closeReason = reason;
        }
    }

    void closedBy(String side) {
        if (by == null) {
            by = side;
        }
    }

    /**
     * The conversation ended now (the broker's close, or the tap's close of both sides): times in the verdict and
     * the close event count to here, not to the end of the grace in which the client is still read.
     */
    long ended(long nanoTime) {
        if (endedNanos < 0) {
            endedNanos = nanoTime;
        }
        return endedNanos;
    }

    /** The broker closed an established connection: it ended it, now, whatever the client sends in its grace. */
    void brokerClosed(long nanoTime) {
        closedBy("broker");
        ended(nanoTime);
    }

    private long end() {
        return endedNanos >= 0 ? endedNanos : System.nanoTime();
    }

    /** The sniffer's word on what the broker sent: the packet type, and the CONNACK return code. */
    void brokerAnswered(int type, int code) {
        if (type == 2) {
            connackSeen = true;
            if (code > 0) {
                connackRefusal = String.format(Locale.ROOT, "0x%02X %s", code, MqttSniffer.connackReason(code));
            }
        } else if (type > 0) {
            connackSeen = true;
        }
    }

    void packet(Direction from, DecodedPacket p, long nanoTime) {
        lastPacketNanos = nanoTime;
        if (from == Direction.CLIENT_TO_BROKER) {
            lastClientPacket = p;
            lastClientPacketNanos = nanoTime;
            if (clientConnect == null && p.type() == PacketType.CONNECT) {
                clientConnect = p;
                clientConnectNanos = nanoTime;
            }
        } else if (p.type() == PacketType.CONNACK && connack == null) {
            connack = p;
        }
    }

    /** Milliseconds since the last packet either way, -1 when there was none. */
    long sinceLastPacket() {
        return lastPacketNanos < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(Math.max(0, end() - lastPacketNanos));
    }

    /**
     * The verdict: the one given on the way, else the one judged from how it ended; null when nothing went wrong.
     *
     * @param connectSent whether the client's bytes began with a CONNECT
     */
    VerdictText finalVerdict(boolean connectSent) {
        return verdict != null ? verdict : judge(connectSent);
    }

    private VerdictText judge(boolean connectSent) {
        if (connackRefusal != null) {
            return VerdictText.of("verdict.connack_refused", connack != null && connack.cause() != null
                    ? VerdictText.decoder(connack.cause()) : connackRefusal);
        }
        DecodedPacket suspect = lastClientPacket != null && lastClientPacket.malformed() ? lastClientPacket : null;
        long suspectNanos = lastClientPacketNanos;
        // a broker that never answered the CONNECT hung up over it, whatever the client sent on without waiting
        if (!connackSeen && clientConnect != null && (clientConnect.malformed() || suspect == null)) {
            suspect = clientConnect.malformed() ? clientConnect : null;
            suspectNanos = clientConnectNanos;
        }
        long afterClient = TimeUnit.NANOSECONDS.toMillis(Math.max(0, end() - suspectNanos));
        if ("broker".equals(by)) {
            if (suspect != null) {
                return VerdictText.of("verdict.malformed_then_closed", afterClient, suspect.type().name(),
                        suspect.index(), what(suspect));
            }
            if (connectSent && !connackSeen && lastClientPacket != null) {
                return VerdictText.of("verdict.no_connack", afterClient,
                        (clientConnect != null ? clientConnect : lastClientPacket).index());
            }
        }
        if (closeCode != null && closeCode != 1000 && closeCode != 1001) {
            return VerdictText.of("verdict.ws_close", VerdictText.side(by), closeCode,
                    closeReason == null || closeReason.isEmpty() ? "" : " \"" + closeReason + "\"");
        }
        if (reset) {
            return VerdictText.of("verdict.reset", VerdictText.side(by));
        }
        if (suspect != null) {
            return VerdictText.of("verdict.malformed_at_close", VerdictText.side("client"), suspect.type().name(),
                    suspect.index(), what(suspect));
        }
        return null;
    }

    /**
     * What is wrong with a malformed packet, in the decoder's own words and the reader's language: its diagnosis,
     * else its first finding.
     */
    private static VerdictText what(DecodedPacket p) {
        if (p.cause() != null) {
            return VerdictText.decoder(p.cause());
        }
        for (Finding f : p.findings()) {
            if (f.severity() != Severity.INFO) {
                return VerdictText.decoder(f);
            }
        }
        return VerdictText.verbatim(p.type().name());
    }
}
