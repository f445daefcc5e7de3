package io.mqscope.check;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The CONNECT the check sends and the CONNACK it reads (MQTT 3.1.1 §3.1/§3.2, MQTT 5.0 §3.1/§3.2). */
final class Connacks {
    private Connacks() {
    }

    static byte[] connect(int level, String clientId, String username, String password, int keepAlive) {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        utf8(v, level == 3 ? "MQIsdp" : "MQTT");
        v.write(level);
        int flags = 0x02 | (username != null ? 0x80 : 0) | (password != null ? 0x40 : 0);
        v.write(flags);
        v.write(keepAlive >> 8);
        v.write(keepAlive);
        if (level == 5) {
            v.write(0); // no CONNECT properties
        }
        utf8(v, clientId);
        if (username != null) {
            utf8(v, username);
        }
        if (password != null) {
            utf8(v, password);
        }
        byte[] body = v.toByteArray();
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x10);
        int len = body.length;
        do {
            int digit = len % 128;
            len /= 128;
            p.write(len > 0 ? digit | 0x80 : digit);
        } while (len > 0);
        p.writeBytes(body);
        return p.toByteArray();
    }

    private static void utf8(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b.length >> 8);
        out.write(b.length);
        out.writeBytes(b);
    }

    /** A CONNACK's variable header (after fixed header), or an exception naming what is wrong with it. */
    record Connack(boolean sessionPresent, int code, Map<String, Object> properties) {
    }

    static Connack parse(byte[] body, int level) {
        if (body.length < 2) {
            throw new IllegalArgumentException("CONNACK shorter than 2 bytes");
        }
        boolean sp = (body[0] & 1) != 0;
        int code = body[1] & 0xFF;
        Map<String, Object> props = new LinkedHashMap<>();
        if (level == 5 && body.length > 2) {
            int[] pos = {2};
            int end = varInt(body, pos) + pos[0];
            List<String> userProps = new ArrayList<>();
            while (pos[0] < end && pos[0] < body.length) {
                int id = body[pos[0]++] & 0xFF;
                switch (id) {
                    case 0x11 -> props.put("session_expiry_interval", u32(body, pos));
                    case 0x12 -> props.put("assigned_client_identifier", str(body, pos));
                    case 0x13 -> props.put("server_keep_alive", u16(body, pos));
                    case 0x15 -> props.put("authentication_method", str(body, pos));
                    case 0x16 -> props.put("authentication_data_bytes", bin(body, pos));
                    case 0x1A -> props.put("response_information", str(body, pos));
                    case 0x1C -> props.put("server_reference", str(body, pos));
                    case 0x1F -> props.put("reason_string", str(body, pos));
                    case 0x21 -> props.put("receive_maximum", u16(body, pos));
                    case 0x22 -> props.put("topic_alias_maximum", u16(body, pos));
                    case 0x24 -> props.put("maximum_qos", body[pos[0]++] & 0xFF);
                    case 0x25 -> props.put("retain_available", body[pos[0]++] != 0);
                    case 0x26 -> userProps.add(str(body, pos) + "=" + str(body, pos));
                    case 0x27 -> props.put("maximum_packet_size", u32(body, pos));
                    case 0x28 -> props.put("wildcard_subscription_available", body[pos[0]++] != 0);
                    case 0x29 -> props.put("subscription_identifiers_available", body[pos[0]++] != 0);
                    case 0x2A -> props.put("shared_subscription_available", body[pos[0]++] != 0);
                    default -> throw new IllegalArgumentException("unknown CONNACK property 0x"
                            + Integer.toHexString(id));
                }
            }
            if (!userProps.isEmpty()) {
                props.put("user_properties", userProps);
            }
        }
        return new Connack(sp, code, props);
    }

    static int varInt(byte[] b, int[] pos) {
        int value = 0;
        int shift = 0;
        int c;
        do {
            c = b[pos[0]++] & 0xFF;
            value |= (c & 0x7F) << shift;
            shift += 7;
        } while ((c & 0x80) != 0 && shift < 28);
        return value;
    }

    private static long u32(byte[] b, int[] pos) {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (b[pos[0]++] & 0xFF);
        }
        return v;
    }

    private static int u16(byte[] b, int[] pos) {
        int v = ((b[pos[0]] & 0xFF) << 8) | (b[pos[0] + 1] & 0xFF);
        pos[0] += 2;
        return v;
    }

    private static String str(byte[] b, int[] pos) {
        int n = u16(b, pos);
        String s = new String(b, pos[0], n, StandardCharsets.UTF_8);
        pos[0] += n;
        return s;
    }

    private static int bin(byte[] b, int[] pos) {
        int n = u16(b, pos);
        pos[0] += n;
        return n;
    }

    /** The reason code's name (3.1.1 §3.2.2.3 Table 3.1; 5.0 §3.2.2.2). */
    static String meaning(int code, int level) {
        if (level != 5) {
            return switch (code) {
                case 0 -> "Connection Accepted";
                case 1 -> "unacceptable protocol version";
                case 2 -> "identifier rejected";
                case 3 -> "Server unavailable";
                case 4 -> "bad user name or password";
                case 5 -> "not authorized";
                default -> "reserved code " + code;
            };
        }
        return switch (code) {
            case 0x00 -> "Success";
            case 0x80 -> "Unspecified error";
            case 0x81 -> "Malformed Packet";
            case 0x82 -> "Protocol Error";
            case 0x83 -> "Implementation specific error";
            case 0x84 -> "Unsupported Protocol Version";
            case 0x85 -> "Client Identifier not valid";
            case 0x86 -> "Bad User Name or Password";
            case 0x87 -> "Not authorized";
            case 0x88 -> "Server unavailable";
            case 0x89 -> "Server busy";
            case 0x8A -> "Banned";
            case 0x8C -> "Bad authentication method";
            case 0x90 -> "Topic Name invalid";
            case 0x95 -> "Packet too large";
            case 0x97 -> "Quota exceeded";
            case 0x99 -> "Payload format invalid";
            case 0x9A -> "Retain not supported";
            case 0x9B -> "QoS not supported";
            case 0x9C -> "Use another server";
            case 0x9D -> "Server moved";
            case 0x9F -> "Connection rate exceeded";
            default -> "reason code 0x" + Integer.toHexString(code);
        };
    }
}
