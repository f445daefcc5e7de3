package io.mqscope.doctor;

import io.mqscope.doctor.Track.Pending;
import io.mqscope.doctor.Track.Stage;
import io.mqscope.wire.Direction;
import io.mqscope.wire.PacketType;
import java.util.List;
import java.util.Map;

/**
 * The QoS 1 and 2 exchanges of each side (3.1.1 §4.3, 5.0 §4.3): {@code qos.unacknowledged} (a PUBLISH without
 * PUBACK/PUBREC within the bound), {@code qos2.flow} (PUBREL for an identifier never received, PUBREL or PUBCOMP
 * missing, a QoS 2 message delivered twice) and {@code packet_id.reused} (a new PUBLISH, SUBSCRIBE or UNSUBSCRIBE
 * with an identifier still in flight, 3.1.1 §2.3.1 [MQTT-2.3.1-4], 5.0 §2.2.1).
 *
 * <p>Delivered twice: the wire never shows what a receiver hands its application, so the rule reads what makes a
 * second delivery happen or likely. The receiver owns the message from its PUBREC and keeps the packet identifier
 * until PUBREL; a copy of the PUBLISH in that time must be answered with PUBREC and not delivered again (3.1.1
 * §4.3.3 [MQTT-4.3.3-2], 5.0 [MQTT-4.3.3-10]). After PUBREL the receiver has released the identifier and takes a
 * PUBLISH with it as a new message (3.1.1 [MQTT-4.3.3-2], 5.0 [MQTT-4.3.3-12]), which is why the sender must never
 * re-send the PUBLISH once it has sent PUBREL (3.1.1 [MQTT-4.3.3-1], 5.0 [MQTT-4.3.3-6]), not even on reconnect,
 * where only the PUBREL is re-sent (3.1.1 §4.4 [MQTT-4.4.0-1], 5.0 §4.4). So: a QoS 2 PUBLISH with DUP and the
 * identifier of one whose PUBREL the same side sent (on this connection or the previous one of its client id) is
 * delivered twice for sure ({@code resent_after_pubrel}); one while the exchange waits for PUBREL, after the
 * receiver's PUBREC, is delivered twice by every receiver that does not keep the identifier, as libraries that
 * deliver on each PUBLISH do ({@code resent_after_pubrec}). A DUP copy before any PUBREC is the ordinary resend.
 */
final class FlowRules implements RuleGroup {
    private final Tracks tracks;

    FlowRules(Tracks tracks) {
        this.tracks = tracks;
    }

    @Override
    public void packet(Track t, Observation.Packet p, List<Insight> out) {
        Direction from = p.from();
        Direction other = from == Direction.CLIENT_TO_BROKER ? Direction.BROKER_TO_CLIENT : Direction.CLIENT_TO_BROKER;
        Map<Integer, Pending> mine = t.inFlight.get(from);
        Map<Integer, Pending> theirs = t.inFlight.get(other);
        int id = Fields.packetId(p.packet());
        switch (p.packet().type()) {
            case PUBLISH -> {
                int qos = Fields.qos(p.packet());
                if (qos == 0 || qos == 3 || id < 0) {
                    return;
                }
                Pending before = mine.get(id);
                boolean dup = Fields.dup(p.packet());
                if (before != null && !dup) {
                    out.add(reused(t, before.publish, p));
                }
                if (!dup) {
                    t.released.get(from).remove(id); // the identifier carries a new message now
                } else if (qos == 2) {
                    twice(t, before, p, out);
                }
                if (before == null || !dup) {
                    mine.put(id, new Pending(p, qos == 1 ? Stage.AWAIT_PUBACK : Stage.AWAIT_PUBREC));
                }
            }
            case PUBACK -> answer(theirs, id, Stage.AWAIT_PUBACK, p, true);
            case PUBREC -> {
                Pending x = theirs.get(id);
                if (x != null && x.stage == Stage.AWAIT_PUBREC) {
                    if (Fields.reasonCode(p.packet()) >= 0x80) {
                        theirs.remove(id); // 5.0 §4.3.3: a failed PUBREC ends the exchange
                    } else {
                        step(x, Stage.AWAIT_PUBREL, p);
                    }
                }
            }
            case PUBREL -> {
                Pending x = mine.get(id);
                if (x != null && (x.stage == Stage.AWAIT_PUBREL || x.stage == Stage.AWAIT_PUBCOMP)) {
                    t.released.get(from).put(id, x.publish);
                    step(x, Stage.AWAIT_PUBCOMP, p);
                } else if (x == null && t.cleanStart) {
                    // with a clean start no earlier connection can have left this exchange open
                    out.add(Insight.of(DoctorRule.QOS2_FLOW, List.of(t.conn), List.of(p.ref()),
                            Words.of("qos2.flow.unknown_pubrel.fix"), p.nanos(),
                            Words.of("qos2.flow.unknown_pubrel." + side(from), t.conn, id)));
                }
            }
            case PUBCOMP -> answer(theirs, id, Stage.AWAIT_PUBCOMP, p, false);
            case SUBSCRIBE, UNSUBSCRIBE -> {
                Pending before = mine.get(id);
                if (before != null && before.publish.packet().type() == p.packet().type()) {
                    out.add(reused(t, before.publish, p));
                }
                mine.put(id, new Pending(p, Stage.AWAIT_PUBACK));
            }
            case SUBACK, UNSUBACK -> theirs.remove(id);
            default -> {
            }
        }
    }

    /** A QoS 2 PUBLISH copy (DUP) that a receiver delivers twice (the class comment: what the wire can show). */
    private void twice(Track t, Pending before, Observation.Packet p, List<Insight> out) {
        Direction from = p.from();
        int id = Fields.packetId(p.packet());
        String side = side(from);
        if (before != null && before.stage == Stage.AWAIT_PUBREL && !before.resent) {
            before.resent = true;
            out.add(Insight.of(DoctorRule.QOS2_FLOW, List.of(t.conn), List.of(before.publish.ref(),
                    before.last.ref(), p.ref()), Words.of("qos2.flow.resent_after_pubrec." + side + ".fix"),
                    p.nanos(), Words.of("qos2.flow.resent_after_pubrec." + side, t.conn, id,
                            PublishRules.topic(p))));
            return;
        }
        Track where = t;
        Observation.Packet first = t.released.get(from).remove(id);
        if (first == null && before == null) {
            where = previous(t);
            first = where == null ? null : where.released.get(from).remove(id);
        }
        // the same message: its topic and size (a copy differs from the original in the DUP flag only)
        if (first == null || !PublishRules.topic(first).equals(PublishRules.topic(p))
                || first.packet().length() != p.packet().length()) {
            return;
        }
        List<String> conns = where == t ? List.of(t.conn) : List.of(t.conn, where.conn);
        out.add(Insight.of(DoctorRule.QOS2_FLOW, conns, List.of(first.ref(), p.ref()),
                Words.of("qos2.flow.resent_after_pubrel." + side + ".fix"), p.nanos(),
                Words.of("qos2.flow.resent_after_pubrel." + side, t.conn, id, PublishRules.topic(p), where.conn)));
    }

    /** The closed connection of the same client id that opened last before this one, or null. */
    private Track previous(Track t) {
        Track best = null;
        for (Track other : tracks.sameClientId(t)) {
            if (!other.open() && other.opened <= t.opened && (best == null || other.opened > best.opened)) {
                best = other;
            }
        }
        return best;
    }

    private static void answer(Map<Integer, Pending> theirs, int id, Stage expected, Observation.Packet p,
                               boolean qos1) {
        Pending x = theirs.get(id);
        if (x != null && x.stage == expected && (!qos1 || x.publish.packet().type() == PacketType.PUBLISH)) {
            theirs.remove(id);
        }
    }

    private static void step(Pending x, Stage next, Observation.Packet p) {
        x.stage = next;
        x.since = p.nanos();
        x.last = p;
    }

    @Override
    public void tick(long now, List<Insight> out) {
        long bound = tracks.settings.ackTimeout().toNanos();
        for (Track t : tracks.all()) {
            if (!t.open()) {
                continue;
            }
            for (Map.Entry<Direction, Map<Integer, Pending>> side : t.inFlight.entrySet()) {
                var it = side.getValue().values().iterator();
                while (it.hasNext()) {
                    Pending x = it.next();
                    if (now - x.since < bound || x.publish.packet().type() != PacketType.PUBLISH) {
                        continue;
                    }
                    it.remove(); // reported once; a late answer then finds nothing to match
                    out.add(late(t, side.getKey(), x, now));
                }
            }
        }
    }

    private static Insight late(Track t, Direction sender, Pending x, long now) {
        long waited = (now - x.since) / 1_000_000L;
        int id = Fields.packetId(x.publish.packet());
        String topic = PublishRules.topic(x.publish);
        List<PacketRef> refs = x.last == x.publish ? List.of(x.publish.ref()) : List.of(x.publish.ref(), x.last.ref());
        return switch (x.stage) {
            case AWAIT_PUBACK, AWAIT_PUBREC -> Insight.of(DoctorRule.QOS_UNACKNOWLEDGED, List.of(t.conn), refs,
                    Words.of("qos.unacknowledged." + side(sender) + ".fix"), now,
                    Words.of("qos.unacknowledged." + side(sender), t.conn, id, topic, Fields.qos(x.publish.packet()),
                            waited, x.stage == Stage.AWAIT_PUBACK ? "PUBACK" : "PUBREC"));
            case AWAIT_PUBREL -> Insight.of(DoctorRule.QOS2_FLOW, List.of(t.conn), refs,
                    Words.of("qos2.flow.pubrel_missing.fix"), now,
                    Words.of("qos2.flow.pubrel_missing." + side(sender), t.conn, id, topic, waited));
            case AWAIT_PUBCOMP -> Insight.of(DoctorRule.QOS2_FLOW, List.of(t.conn), refs,
                    Words.of("qos2.flow.pubcomp_missing.fix"), now,
                    Words.of("qos2.flow.pubcomp_missing." + side(sender), t.conn, id, topic, waited));
        };
    }

    private static Insight reused(Track t, Observation.Packet first, Observation.Packet again) {
        int id = Fields.packetId(again.packet());
        return Insight.of(DoctorRule.PACKET_ID_REUSED, List.of(t.conn), List.of(first.ref(), again.ref()),
                Words.of("packet_id.reused.fix"), again.nanos(),
                Words.of("packet_id.reused." + side(again.from()), t.conn, id, again.packet().type().name(),
                        first.packet().type().name()));
    }

    /** The side as the key part of a sentence: {@code client} or {@code broker}. */
    static String side(Direction d) {
        return d.peer();
    }
}
