package io.mqscope.wire;

/**
 * MQTT 5.0 reason codes by name, with the packets each one may appear in (5.0 §2.4, Table 2-6), and the MQTT 3.1.1
 * CONNACK return codes (3.1.1 §3.2.2.3, Table 3.1).
 */
public final class ReasonCodes {
    private ReasonCodes() {
    }

    private static final String[] NAMES = new String[256];
    /** Bit mask over {@link PacketType#ordinal()} of the packets that may carry the code. */
    private static final int[] ALLOWED = new int[256];

    private static final int CONNACK = bit(PacketType.CONNACK);
    private static final int PUBACK = bit(PacketType.PUBACK);
    private static final int PUBREC = bit(PacketType.PUBREC);
    private static final int PUBREL = bit(PacketType.PUBREL);
    private static final int PUBCOMP = bit(PacketType.PUBCOMP);
    private static final int SUBACK = bit(PacketType.SUBACK);
    private static final int UNSUBACK = bit(PacketType.UNSUBACK);
    private static final int DISCONNECT = bit(PacketType.DISCONNECT);
    private static final int AUTH = bit(PacketType.AUTH);
    private static final int PUB_ACKS = PUBACK | PUBREC;

    static {
        def(0x00, "Success", CONNACK | PUBACK | PUBREC | PUBREL | PUBCOMP | UNSUBACK | AUTH | DISCONNECT | SUBACK);
        def(0x01, "Granted QoS 1", SUBACK);
        def(0x02, "Granted QoS 2", SUBACK);
        def(0x04, "Disconnect with Will Message", DISCONNECT);
        def(0x10, "No matching subscribers", PUB_ACKS);
        def(0x11, "No subscription existed", UNSUBACK);
        def(0x18, "Continue authentication", AUTH);
        def(0x19, "Re-authenticate", AUTH);
        def(0x80, "Unspecified error", CONNACK | PUB_ACKS | SUBACK | UNSUBACK | DISCONNECT);
        def(0x81, "Malformed Packet", CONNACK | DISCONNECT);
        def(0x82, "Protocol Error", CONNACK | DISCONNECT);
        def(0x83, "Implementation specific error", CONNACK | PUB_ACKS | SUBACK | UNSUBACK | DISCONNECT);
        def(0x84, "Unsupported Protocol Version", CONNACK);
        def(0x85, "Client Identifier not valid", CONNACK);
        def(0x86, "Bad User Name or Password", CONNACK);
        def(0x87, "Not authorized", CONNACK | PUB_ACKS | SUBACK | UNSUBACK | DISCONNECT);
        def(0x88, "Server unavailable", CONNACK);
        def(0x89, "Server busy", CONNACK | DISCONNECT);
        def(0x8A, "Banned", CONNACK);
        def(0x8B, "Server shutting down", DISCONNECT);
        def(0x8C, "Bad authentication method", CONNACK | DISCONNECT);
        def(0x8D, "Keep Alive timeout", DISCONNECT);
        def(0x8E, "Session taken over", DISCONNECT);
        def(0x8F, "Topic Filter invalid", SUBACK | UNSUBACK | DISCONNECT);
        def(0x90, "Topic Name invalid", CONNACK | PUB_ACKS | DISCONNECT);
        def(0x91, "Packet Identifier in use", PUB_ACKS | SUBACK | UNSUBACK);
        def(0x92, "Packet Identifier not found", PUBREL | PUBCOMP);
        def(0x93, "Receive Maximum exceeded", DISCONNECT);
        def(0x94, "Topic Alias invalid", DISCONNECT);
        def(0x95, "Packet too large", CONNACK | DISCONNECT);
        def(0x96, "Message rate too high", DISCONNECT);
        def(0x97, "Quota exceeded", CONNACK | PUB_ACKS | SUBACK | DISCONNECT);
        def(0x98, "Administrative action", DISCONNECT);
        def(0x99, "Payload format invalid", CONNACK | PUB_ACKS | DISCONNECT);
        def(0x9A, "Retain not supported", CONNACK | DISCONNECT);
        def(0x9B, "QoS not supported", CONNACK | DISCONNECT);
        def(0x9C, "Use another server", CONNACK | DISCONNECT);
        def(0x9D, "Server moved", CONNACK | DISCONNECT);
        def(0x9E, "Shared Subscriptions not supported", SUBACK | DISCONNECT);
        def(0x9F, "Connection rate exceeded", CONNACK | DISCONNECT);
        def(0xA0, "Maximum connect time", DISCONNECT);
        def(0xA1, "Subscription Identifiers not supported", SUBACK | DISCONNECT);
        def(0xA2, "Wildcard Subscriptions not supported", SUBACK | DISCONNECT);
    }

    private static final String[] CONNACK_311 = {
        "Connection Accepted",
        "Connection Refused, unacceptable protocol version",
        "Connection Refused, identifier rejected",
        "Connection Refused, Server unavailable",
        "Connection Refused, bad user name or password",
        "Connection Refused, not authorized",
    };

    private static int bit(PacketType t) {
        return 1 << t.ordinal();
    }

    private static void def(int code, String name, int allowed) {
        NAMES[code] = name;
        ALLOWED[code] = allowed;
    }

    /** The MQTT 5.0 name of a reason code in the context of a packet type, or null when the code is undefined. */
    public static String name(int code, PacketType type) {
        if (code == 0 && type == PacketType.DISCONNECT) {
            return "Normal disconnection";
        }
        if (code == 0 && type == PacketType.SUBACK) {
            return "Granted QoS 0";
        }
        return code >= 0 && code < 256 ? NAMES[code] : null;
    }

    /** True when the 5.0 reason code is defined for the packet type. */
    public static boolean allowed(int code, PacketType type) {
        return code >= 0 && code < 256 && (ALLOWED[code] & (1 << type.ordinal())) != 0;
    }

    /** The MQTT 3.1.1 CONNACK return code name, or null when the code is reserved. */
    public static String connackReturnCodeName(int code) {
        return code >= 0 && code < CONNACK_311.length ? CONNACK_311[code] : null;
    }
}
