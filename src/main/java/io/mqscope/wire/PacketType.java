package io.mqscope.wire;

/** MQTT control packet types by the value of the high nibble of the first byte. */
public enum PacketType {
    RESERVED0, CONNECT, CONNACK, PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP,
    SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK, PINGREQ, PINGRESP, DISCONNECT,
    /** Type 15 in MQTT 5.0. */
    AUTH,
    /** Type 15 in MQTT 3.1 and 3.1.1, where it is reserved. */
    RESERVED15;

    /** The type for a nibble value; 15 is AUTH in MQTT 5 (version 5 or unknown 0) and RESERVED15 otherwise. */
    public static PacketType of(int nibble, int protocolVersion) {
        if (nibble == 15) {
            return protocolVersion == 3 || protocolVersion == 4 ? RESERVED15 : AUTH;
        }
        return BY_NIBBLE[nibble & 0x0f];
    }

    /** values() copies its array on every call; the decoder asks once per packet. */
    private static final PacketType[] BY_NIBBLE = values();
}
