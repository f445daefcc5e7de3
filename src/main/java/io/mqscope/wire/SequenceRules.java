package io.mqscope.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * The order rules one direction of a connection must keep, as findings on the field {@code sequence}: a second
 * CONNECT [MQTT-3.1.0-2], a second CONNACK, anything after a DISCONNECT [MQTT-3.14.4-1], and (when the stream starts
 * at the connection's start) a first packet that is not CONNECT from a client [MQTT-3.1.0-1] or not CONNACK (or AUTH
 * in 5.0) from a broker [MQTT-3.2.0-1].
 */
final class SequenceRules {
    private final Direction direction;
    private boolean expectConnectionStart = true;
    private boolean sawConnect;
    private boolean sawConnack;
    /** A well-formed DISCONNECT from this side was seen: nothing may follow it on the connection. */
    private boolean sawDisconnect;

    /** @param direction who writes the bytes, or null when unknown (no rule is checked) */
    SequenceRules(Direction direction) {
        this.direction = direction;
    }

    void expectConnectionStart(boolean on) {
        expectConnectionStart = on;
    }

    /** Checks packet number {@code index} of the stream and remembers what it says about the connection. */
    DecodedPacket check(DecodedPacket p, int index) {
        if (direction == null) {
            return p;
        }
        List<Finding> add = null;
        PacketType t = p.type();
        boolean client = direction == Direction.CLIENT_TO_BROKER;
        int v = p.protocolVersion();
        if (sawDisconnect) {
            add = new ArrayList<>(p.findings());
            add.add(0, Finding.of(Rule.SEQUENCE_AFTER_DISCONNECT, v, "sequence", 0, 1, t.name()));
        } else if (client && t == PacketType.CONNECT && sawConnect) {
            add = new ArrayList<>(p.findings());
            add.add(0, Finding.of(Rule.SEQUENCE_SECOND_CONNECT, v, "sequence", 0, 1));
        } else if (!client && t == PacketType.CONNACK && sawConnack) {
            add = new ArrayList<>(p.findings());
            add.add(0, Finding.of(Rule.SEQUENCE_SECOND_CONNACK, v, "sequence", 0, 1));
        } else if (expectConnectionStart && index == 0 && !sawConnect && !sawConnack) {
            boolean ok = client ? t == PacketType.CONNECT : t == PacketType.CONNACK || t == PacketType.AUTH;
            if (!ok) {
                add = new ArrayList<>(p.findings());
                add.add(p.hasErrors() ? add.size() : 0, Finding.of(client ? Rule.SEQUENCE_FIRST_NOT_CONNECT
                        : Rule.SEQUENCE_FIRST_NOT_CONNACK, v, "sequence", 0, 1, t.name()));
                sortBySeverity(add);
            }
        }
        if (t == PacketType.CONNECT && client) {
            sawConnect = true;
        }
        if (t == PacketType.CONNACK && !client) {
            sawConnack = true;
        }
        if (t == PacketType.DISCONNECT && !p.hasErrors()) {
            sawDisconnect = true;
        }
        return add == null ? p : p.with(add, p.cause(), p.repaired());
    }

    /**
     * Puts the sequence findings {@code from} got onto {@code to}, a re-decoding of the same bytes, where
     * {@link #check} would have put them.
     */
    static DecodedPacket carryOver(DecodedPacket from, DecodedPacket to) {
        List<Finding> fs = new ArrayList<>(to.findings());
        boolean any = false;
        for (Finding f : from.findings()) {
            if (f.blames(FieldName.SEQUENCE)) {
                any = true;
                boolean first = f.rule() == Rule.SEQUENCE_FIRST_NOT_CONNECT
                        || f.rule() == Rule.SEQUENCE_FIRST_NOT_CONNACK;
                fs.add(first && to.hasErrors() ? fs.size() : 0, f);
            }
        }
        if (!any) {
            return to;
        }
        sortBySeverity(fs);
        return to.with(fs, to.cause(), to.repaired());
    }

    private static void sortBySeverity(List<Finding> fs) {
        fs.sort((x, y) -> Integer.compare(x.severity().ordinal(), y.severity().ordinal()));
    }
}
