package io.mqscope.tap;

/**
 * Reads just enough of each direction's first packet to know the protocol level of CONNECT and the return code of
 * CONNACK, independently of the full decoder, so stage reporting works even when decoding fails.
 */
final class MqttSniffer {
    private final byte[] head = new byte[16];
    private int headLength;
    private boolean done;
    private int firstByte = -1;
    private int value = -1;

    /** Feeds bytes of one direction; returns true once the first packet's interesting byte is known. */
    boolean feed(byte[] data, int off, int len, boolean connect) {
        if (done) {
            return true;
        }
        int n = Math.min(len, head.length - headLength);
        System.arraycopy(data, off, head, headLength, n);
        headLength += n;
        if (headLength < 2) {
            return false;
        }
        firstByte = head[0] & 0xFF;
        int pos = 1;
        while (pos < headLength && (head[pos] & 0x80) != 0 && pos < 4) {
            pos++;
        }
        if (pos >= headLength) {
            if (headLength == head.length) {
                done = true;
            }
            return done;
        }
        int bodyStart = pos + 1;
        int index;
        if (connect) {
            // protocol name length (2 bytes) + name ("MQTT" or "MQIsdp"), then the level
            if (headLength < bodyStart + 2) {
                return false;
            }
            int nameLength = ((head[bodyStart] & 0xFF) << 8) | (head[bodyStart + 1] & 0xFF);
            index = bodyStart + 2 + nameLength;
            if (nameLength > 6) {
                done = true;
                return true;
            }
        } else {
            index = bodyStart + 1; // acknowledge flags, then the return / reason code
        }
        if (index < headLength) {
            value = head[index] & 0xFF;
            done = true;
        } else if (headLength == head.length) {
            done = true;
        }
        return done;
    }

    /** Type nibble of the first packet, or -1 when not yet seen. */
    int firstType() {
        return firstByte < 0 ? -1 : firstByte >> 4;
    }

    /** CONNECT: the protocol level; CONNACK: the return/reason code; -1 when not (yet) known. */
    int value() {
        return value;
    }

    boolean done() {
        return done;
    }

    /** Words for a CONNACK return code (3.1.1, below 0x80) or reason code (5.0). */
    static String connackReason(int code) {
        return switch (code) {
            case 0x00 -> "accepted";
            case 0x01 -> "unacceptable protocol version";
            case 0x02 -> "client identifier rejected";
            case 0x03 -> "server unavailable";
            case 0x04 -> "bad user name or password";
            case 0x05 -> "not authorized";
            case 0x80 -> "unspecified error";
            case 0x81 -> "malformed packet";
            case 0x82 -> "protocol error";
            case 0x83 -> "implementation specific error";
            case 0x84 -> "unsupported protocol version";
            case 0x85 -> "client identifier not valid";
            case 0x86 -> "bad user name or password";
            case 0x87 -> "not authorized";
            case 0x88 -> "server unavailable";
            case 0x89 -> "server busy";
            case 0x8A -> "banned";
            case 0x8C -> "bad authentication method";
            case 0x90 -> "topic name invalid";
            case 0x95 -> "packet too large";
            case 0x97 -> "quota exceeded";
            case 0x99 -> "payload format invalid";
            case 0x9A -> "retain not supported";
            case 0x9B -> "QoS not supported";
            case 0x9C -> "use another server";
            case 0x9D -> "server moved";
            case 0x9F -> "connection rate exceeded";
            default -> "unknown code";
        };
    }
}
