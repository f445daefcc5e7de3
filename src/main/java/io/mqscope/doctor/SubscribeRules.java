package io.mqscope.doctor;

import io.mqscope.wire.Direction;
import io.mqscope.wire.PacketType;
import java.util.List;
import java.util.Set;

/**
 * {@code subscribe.refused} and {@code subscribe.downgraded}: each SUBACK code against the filter and QoS its
 * SUBSCRIBE asked for (3.1.1 §3.9.3: 0x80 Failure; 5.0 §3.9.3: reason codes of 0x80 and above; a granted QoS may be
 * lower than the requested one, 3.1.1 §3.8.4 [MQTT-3.8.4-6]).
 */
final class SubscribeRules implements RuleGroup {
    /** 5.0 §3.9.3: the SUBACK failure reasons with words of their own. */
    private static final Set<Integer> V5_CODES = Set.of(0x80, 0x83, 0x87, 0x8F, 0x91, 0x97, 0x9E, 0xA1, 0xA2);

    @Override
    public void packet(Track t, Observation.Packet p, List<Insight> out) {
        PacketType type = p.packet().type();
        int id = Fields.packetId(p.packet());
        if (type == PacketType.SUBSCRIBE && p.from() == Direction.CLIENT_TO_BROKER) {
            t.subscribes.put(id, p);
            return;
        }
        if (type != PacketType.SUBACK || p.from() != Direction.BROKER_TO_CLIENT) {
            return;
        }
        Observation.Packet sub = t.subscribes.remove(id);
        if (sub == null) {
            return;
        }
        List<Object[]> filters = Fields.filters(sub.packet());
        List<Integer> codes = Fields.subackCodes(p.packet());
        boolean v5 = p.packet().protocolVersion() == 5;
        for (int i = 0; i < Math.min(filters.size(), codes.size()); i++) {
            String filter = (String) filters.get(i)[0];
            int asked = (Integer) filters.get(i)[1];
            int code = codes.get(i);
            List<PacketRef> refs = List.of(sub.ref(), p.ref());
            if (code >= 0x80) {
                String key = !v5 ? "subscribe.refused.311"
                        : V5_CODES.contains(code) ? "subscribe.refused." + Fields.hex(code) : "subscribe.refused.other";
                Words said = Words.of(key, filter, Fields.hex(code), t.conn);
                Vendors vendor = Vendors.of(t.host);
                Words[] message = vendor == null || code == 0x8F || code >= 0x9E ? new Words[] {said}
                        : new Words[] {said, vendor.topic(filter)};
                out.add(Insight.of(DoctorRule.SUBSCRIBE_REFUSED, List.of(t.conn), refs, Words.of(key + ".fix"),
                        p.nanos(), message));
            } else if (code < asked) {
                out.add(Insight.of(DoctorRule.SUBSCRIBE_DOWNGRADED, List.of(t.conn), refs,
                        Words.of("subscribe.downgraded.fix"), p.nanos(),
                        Words.of("subscribe.downgraded", filter, asked, code, t.conn)));
            }
        }
    }
}
