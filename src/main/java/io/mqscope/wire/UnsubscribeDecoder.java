package io.mqscope.wire;

/** UNSUBSCRIBE: 3.1.1 §3.10, 5.0 §3.10. */
final class UnsubscribeDecoder {
    private UnsubscribeDecoder() {
    }

    static void decode(PacketReader r) {
        PacketDecoder.packetId(r);
        if (r.version == 5 && r.pos <= r.end) {
            Mqtt5Properties.read(r, Mqtt5Properties.bit(PacketType.UNSUBSCRIBE));
        }
        if (r.pos >= r.end) {
            r.report(Rule.UNSUBSCRIBE_NO_TOPIC_FILTER, "payload", r.pos, 0);
            return;
        }
        while (r.pos < r.end) {
            int at = r.pos;
            String filter = r.string(FieldName.TOPIC_FILTER, "topic_filter");
            TopicRules.checkFilter(r, filter, at);
        }
    }
}
