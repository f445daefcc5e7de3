package io.mqscope.doctor;

import io.mqscope.doctor.Observation.Closer;
import io.mqscope.wire.Direction;
import io.mqscope.wire.FieldName;
import io.mqscope.wire.PacketType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code publish.refused}: a 5.0 PUBACK/PUBREC with a failure reason (5.0 §3.4.2.1, §3.5.2.1), a DISCONNECT that
 * names one, or a broker that closes right after a PUBLISH (3.1.1 has no way to say no: likely ACL or size).
 * {@code publish.too_large}: a PUBLISH above the Maximum Packet Size the CONNACK announced (5.0 §3.2.2.3.6
 * [MQTT-3.2.2-15]), DISCONNECT 0x95, or a close right after a large PUBLISH.
 */
final class PublishRules implements RuleGroup {
    /** The broker's close follows the PUBLISH it refuses this soon at most. */
    private static final long RIGHT_AFTER_NANOS = 2_000_000_000L;
    /** A PUBLISH at least this big, and the biggest so far, makes "too large" the likelier cause of a close. */
    private static final int LARGE = 1024;
    /** 5.0 §3.4.2.1: the PUBACK/PUBREC failure reasons with words of their own. */
    private static final Set<Integer> V5_CODES = Set.of(0x80, 0x83, 0x87, 0x90, 0x91, 0x97, 0x99);
    private static final int PACKET_TOO_LARGE = 0x95;

    @Override
    public void packet(Track t, Observation.Packet p, List<Insight> out) {
        PacketType type = p.packet().type();
        if (p.from() == Direction.CLIENT_TO_BROKER && type == PacketType.PUBLISH) {
            if (t.maximumPacketSize > 0 && p.packet().length() > t.maximumPacketSize && !t.tooLargeReported) {
                t.tooLargeReported = true;
                out.add(Insight.of(DoctorRule.PUBLISH_TOO_LARGE, List.of(t.conn), List.of(p.ref()),
                        Words.of("publish.too_large.announced.fix"), p.nanos(), Words.of("publish.too_large.announced",
                                topic(p), p.packet().length(), t.maximumPacketSize, t.conn)));
            }
            return;
        }
        if (p.from() != Direction.BROKER_TO_CLIENT) {
            return;
        }
        if (type == PacketType.PUBACK || type == PacketType.PUBREC) {
            int code = Fields.reasonCode(p.packet());
            Track.Pending pending = t.inFlight.get(Direction.CLIENT_TO_BROKER).get(Fields.packetId(p.packet()));
            if (code >= 0x80 && pending != null) {
                t.refusedPublish = pending.publish;
                String key = V5_CODES.contains(code) ? "publish.refused." + Fields.hex(code) : "publish.refused.other";
                out.add(refused(t, key, pending.publish, p, Fields.hex(code)));
            }
        } else if (type == PacketType.DISCONNECT && t.lastClient != null
                && t.lastClient.packet().type() == PacketType.PUBLISH) {
            int code = Fields.reasonCode(p.packet());
            if (code == PACKET_TOO_LARGE && !t.tooLargeReported) {
                t.tooLargeReported = true;
                t.closeExplained = true;
                out.add(tooLarge(t, "publish.too_large.disconnect", t.lastClient, p));
            } else if (code == 0x87 || code == 0x90 || code == 0x97 || code == 0x99) {
                t.closeExplained = true;
                if (t.refusedPublish == t.lastClient) {
                    return; // HiveMQ answers PUBACK 0x87 and then disconnects with 0x87: one refusal, told once
                }
                out.add(refused(t, "publish.refused." + Fields.hex(code), t.lastClient, p, Fields.hex(code)));
            }
        }
    }

    @Override
    public void closed(Track t, Observation.Closed c, List<Insight> out) {
        Observation.Packet publish = t.lastClient;
        if (c.by() == Closer.CLIENT || t.clientDisconnected || t.closeExplained || publish == null
                || publish.packet().type() != PacketType.PUBLISH || c.nanos() - publish.nanos() > RIGHT_AFTER_NANOS
                || t.last() != publish) {
            return;
        }
        t.closeExplained = true;
        if (t.tooLargeReported) {
            return;
        }
        int size = publish.packet().length();
        if (size >= LARGE && size > t.largestBeforeLastClient) {
            out.add(tooLarge(t, "publish.too_large.closed", publish, null));
        } else {
            out.add(refused(t, "publish.refused.closed", publish, null, ""));
        }
    }

    private static Insight refused(Track t, String key, Observation.Packet publish, Observation.Packet answer,
                                   String code) {
        List<PacketRef> refs = new ArrayList<>(List.of(publish.ref()));
        if (answer != null) {
            refs.add(answer.ref());
        }
        String topic = topic(publish);
        Words said = Words.of(key, topic, code, t.conn);
        Vendors vendor = Vendors.of(t.host);
        Words[] message = vendor == null ? new Words[] {said} : new Words[] {said, vendor.topic(topic)};
        return Insight.of(DoctorRule.PUBLISH_REFUSED, List.of(t.conn), refs, Words.of(key + ".fix"),
                answer == null ? publish.nanos() : answer.nanos(), message);
    }

    private static Insight tooLarge(Track t, String key, Observation.Packet publish, Observation.Packet answer) {
        List<PacketRef> refs = new ArrayList<>(List.of(publish.ref()));
        if (answer != null) {
            refs.add(answer.ref());
        }
        return Insight.of(DoctorRule.PUBLISH_TOO_LARGE, List.of(t.conn), refs, Words.of(key + ".fix"),
                publish.nanos(), Words.of(key, topic(publish), publish.packet().length(), t.conn));
    }

    static String topic(Observation.Packet publish) {
        String topic = Fields.text(publish.packet(), FieldName.TOPIC);
        return topic == null ? "?" : topic;
    }
}
