package io.mqscope.wire;

/** SUBSCRIBE: 3.1.1 §3.8, 5.0 §3.8. */
final class SubscribeDecoder {
    private SubscribeDecoder() {
    }

    static void decode(PacketReader r) {
        PacketDecoder.packetId(r);
        if (r.version == 5 && r.pos <= r.end) {
            Mqtt5Properties.read(r, Mqtt5Properties.bit(PacketType.SUBSCRIBE), "properties");
        }
        if (r.pos >= r.end) {
            r.error("payload", r.pos, 0, "SUBSCRIBE without any topic filter; it must contain at least one",
                    r.spec("3.1.1 §3.8.3 [MQTT-3.8.3-3]", "5.0 §3.8.3 [MQTT-3.8.3-2]"));
            return;
        }
        boolean v5 = r.version == 5;
        String optName = v5 ? "subscription_options" : "requested_qos";
        while (r.pos < r.end) {
            int at = r.pos;
            String filter = r.string("topic_filter", "topic_filter");
            TopicRules.checkFilter(r, filter, at);
            int oAt = r.pos;
            int o = r.u8(optName, optName);
            if (o < 0) {
                break;
            }
            r.field(optName, oAt, 1, v5 ? o : o & 3);
            if ((o & 3) == 3) {
                r.error(optName, oAt, 1, optName + " 0x" + Utf8.hex2(o) + ": QoS 3 is not a valid QoS",
                        r.spec("3.1.1 §3.8.3.1 [MQTT-3-8.3-4]", "5.0 §3.8.3.1"));
            }
            if (!v5 && (o & 0xfc) != 0) {
                r.error(optName, oAt, 1, "requested_qos byte 0x" + Utf8.hex2(o) + ": the upper 6 bits are reserved "
                        + "and must be 0", "3.1.1 §3.8.3.1 [MQTT-3-8.3-4]");
            }
            if (v5) {
                if ((o & 0xc0) != 0) {
                    r.error(optName, oAt, 1, "subscription_options 0x" + Utf8.hex2(o) + ": bits 7-6 are reserved "
                            + "and must be 0", "5.0 §3.8.3.1 [MQTT-3.8.3-5]");
                }
                if ((o >> 4 & 3) == 3) {
                    r.error(optName, oAt, 1, "subscription_options 0x" + Utf8.hex2(o) + ": Retain Handling 3 is not"
                            + " defined: Protocol Error", "5.0 §3.8.3.1");
                }
                if ((o & 4) != 0 && filter != null && filter.startsWith("$share/")) {
                    r.error(optName, oAt, 1, "No Local set on the shared subscription \"" + filter
                            + "\": Protocol Error", "5.0 §3.8.3.1 [MQTT-3.8.3-4]");
                }
            }
        }
    }
}
