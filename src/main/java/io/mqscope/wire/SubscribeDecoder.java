package io.mqscope.wire;

/** SUBSCRIBE: 3.1.1 §3.8, 5.0 §3.8. */
final class SubscribeDecoder {
    private SubscribeDecoder() {
    }

    static void decode(PacketReader r) {
        PacketDecoder.packetId(r);
        if (r.version == 5 && r.pos <= r.end) {
            Mqtt5Properties.read(r, Mqtt5Properties.bit(PacketType.SUBSCRIBE));
        }
        if (r.pos >= r.end) {
            r.report(Rule.SUBSCRIBE_NO_TOPIC_FILTER, "payload", r.pos, 0);
            return;
        }
        boolean v5 = r.version == 5;
        FieldName options = v5 ? FieldName.SUBSCRIPTION_OPTIONS : FieldName.REQUESTED_QOS;
        String optName = options.id();
        while (r.pos < r.end) {
            int at = r.pos;
            String filter = r.string(FieldName.TOPIC_FILTER, "topic_filter");
            TopicRules.checkFilter(r, filter, at);
            int oAt = r.pos;
            int o = r.u8(optName, optName);
            if (o < 0) {
                break;
            }
            r.field(options, oAt, 1, v5 ? o : o & 3);
            if ((o & 3) == 3) {
                r.report(Rule.SUBSCRIBE_QOS3, optName, oAt, 1, optName, Utf8.hex2(o));
            }
            if (!v5 && (o & 0xfc) != 0) {
                r.report(Rule.SUBSCRIBE_RESERVED_BITS_311, optName, oAt, 1, Utf8.hex2(o));
            }
            if (v5) {
                if ((o & 0xc0) != 0) {
                    r.report(Rule.SUBSCRIBE_RESERVED_BITS, optName, oAt, 1, Utf8.hex2(o));
                }
                if ((o >> 4 & 3) == 3) {
                    r.report(Rule.SUBSCRIBE_RETAIN_HANDLING_3, optName, oAt, 1, Utf8.hex2(o));
                }
                if ((o & 4) != 0 && filter != null && filter.startsWith("$share/")) {
                    r.report(Rule.SUBSCRIBE_NO_LOCAL_SHARED, optName, oAt, 1, filter);
                }
            }
        }
    }
}
