package io.mqscope.wire;

import java.util.HashMap;
import java.util.Map;

/** One-line human summaries of decoded packets, used in diagnoses and the CLI. */
public final class Summary {
    private Summary() {
    }

    /** E.g. {@code CONNECT: protocol MQTT 3.1.1, clientId "cn.lokei-1", clean session, keepalive 60}. */
    public static String of(DecodedPacket p) {
        Map<String, Object> f = new HashMap<>();
        collect(p.fields(), f);
        StringBuilder sb = new StringBuilder(p.type().name());
        switch (p.type()) {
            case CONNECT -> {
                Object level = f.get("protocol_level");
                sb.append(": protocol ").append(f.getOrDefault("protocol_name", "?"));
                if (level instanceof Integer l) {
                    sb.append(' ').append(l == 3 ? "3.1" : l == 4 ? "3.1.1" : l == 5 ? "5.0" : "level " + l);
                }
                sb.append(", clientId \"").append(f.getOrDefault("client_id", "")).append('"');
                if (Boolean.TRUE.equals(f.get("clean_session")) || Boolean.TRUE.equals(f.get("clean_start"))) {
                    sb.append(f.containsKey("clean_start") ? ", clean start" : ", clean session");
                }
                sb.append(", keepalive ").append(f.getOrDefault("keepalive", "?"));
                if (Boolean.TRUE.equals(f.get("will_flag"))) {
                    sb.append(", will on \"").append(f.get("will_topic")).append('"');
                }
                Object user = f.get("username");
                Object pass = f.get("password");
                if ("".equals(user) && "".equals(pass)) {
                    sb.append(", empty username and password");
                } else {
                    if (user != null) {
                        sb.append(", username \"").append(user).append('"');
                    }
                    if (pass != null) {
                        sb.append(", a password");
                    }
                }
            }
            case PUBLISH -> {
                sb.append(": topic \"").append(f.getOrDefault("topic", "")).append("\", QoS ")
                        .append(f.getOrDefault("qos", "?"));
                Object payload = f.get("payload");
                sb.append(", ").append(payload instanceof String s ? s.length() / 2 : 0).append("-byte payload");
            }
            case CONNACK -> {
                Object rc = f.containsKey("reason_code") ? f.get("reason_name") : f.get("return_code_name");
                sb.append(": ").append(rc);
            }
            default -> {
                if (f.containsKey("packet_id")) {
                    sb.append(": packet id ").append(f.get("packet_id"));
                }
            }
        }
        return sb.toString();
    }

    private static void collect(java.util.List<Field> fields, Map<String, Object> into) {
        for (Field x : fields) {
            into.putIfAbsent(x.name(), x.value());
            collect(x.children(), into);
        }
    }
}
