package io.mqscope.wire;


/** PUBLISH: 3.1.1 §3.3, 5.0 §3.3. */
final class PublishDecoder {
    private PublishDecoder() {
    }

    static void decode(PacketReader r) {
        int qos = r.flags >> 1 & 3;
        int at = r.pos;
        String topic = r.string(FieldName.TOPIC, "topic");
        TopicRules.checkName(r, topic, at, "topic");
        if (qos > 0) {
            PacketDecoder.packetId(r);
        }
        int payloadFormat = -1;
        if (r.version == 5 && r.pos <= r.end) {
            Mqtt5Properties.Seen seen = Mqtt5Properties.read(r, Mqtt5Properties.bit(PacketType.PUBLISH));
            payloadFormat = seen.payloadFormat;
            if (topic != null && topic.isEmpty() && seen.topicAlias < 0) {
                r.report(Rule.PUBLISH_TOPIC_EMPTY_WITHOUT_ALIAS, "topic", at, 2);
            }
            if (seen.subscriptionIdentifier && r.direction == Direction.CLIENT_TO_BROKER) {
                r.report(Rule.PUBLISH_SUBSCRIPTION_IDENTIFIER_FROM_CLIENT, "properties", at, 0);
            }
        } else if (topic != null && topic.isEmpty()) {
            r.report(Rule.PUBLISH_TOPIC_EMPTY, "topic", at, 2);
        }
        int n = r.end - r.pos;
        if (n >= 0) {
            r.field(FieldName.PAYLOAD, r.pos, n, FieldList.LAZY_HEX);
            if (payloadFormat == 1) {
                Utf8.checkPayload(r, r.pos, r.end, "payload", Rule.PAYLOAD_NOT_UTF8);
            }
            r.pos = r.end;
        }
    }
}
