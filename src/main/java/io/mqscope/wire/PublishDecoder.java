package io.mqscope.wire;


/** PUBLISH: 3.1.1 §3.3, 5.0 §3.3. */
final class PublishDecoder {
    private PublishDecoder() {
    }

    static void decode(PacketReader r) {
        int qos = r.flags >> 1 & 3;
        int at = r.pos;
        String topic = r.string("topic", "topic");
        TopicRules.checkName(r, topic, at, "topic");
        if (qos > 0) {
            PacketDecoder.packetId(r);
        }
        int payloadFormat = -1;
        if (r.version == 5 && r.pos <= r.end) {
            Mqtt5Properties.Seen seen = Mqtt5Properties.read(r, Mqtt5Properties.bit(PacketType.PUBLISH),
                    "properties");
            payloadFormat = seen.payloadFormat;
            if (topic != null && topic.isEmpty() && seen.topicAlias < 0) {
                r.error("topic", at, 2, "empty topic without a Topic Alias property: Protocol Error",
                        "5.0 §3.3.2.1 [MQTT-3.3.2-1]");
            }
            if (seen.subscriptionIdentifier && r.direction == Direction.CLIENT_TO_BROKER) {
                r.error("properties", at, 0, "a client must not send a Subscription Identifier in PUBLISH",
                        "5.0 §3.3.2.3.8 [MQTT-3.3.4-6]");
            }
        } else if (topic != null && topic.isEmpty()) {
            r.error("topic", at, 2, "empty topic: a topic name must be at least one character long",
                    "3.1.1 §4.7.3 [MQTT-4.7.3-1]");
        }
        int n = r.end - r.pos;
        if (n >= 0) {
            r.field("payload", r.pos, n, FieldList.LAZY_HEX);
            if (payloadFormat == 1) {
                Utf8.checkPayload(r, r.pos, r.end, "payload", "5.0 §3.3.2.3.2 [MQTT-3.3.2-4]");
            }
            r.pos = r.end;
        }
    }
}
