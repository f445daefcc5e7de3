package io.mqscope.wire;

import java.util.EnumMap;
import java.util.Map;

/** One-line human summaries of decoded packets, used in diagnoses and the CLI. */
public final class Summary {
    private Summary() {
    }

    /** E.g. {@code CONNECT: protocol MQTT 3.1.1, clientId "cn.lokei-1", clean session, keepalive 60}. */
    public static String of(DecodedPacket p) {
        // a flood's QoS 0 PUBLISH from the stream decoder's fast path: said from its bytes, not decoded for it
        String fast = QosZeroPublish.summary(p);
        if (fast != null) {
            return fast;
        }
        Map<FieldName, Object> f = new EnumMap<>(FieldName.class);
        collect(p.fields(), f);
        StringBuilder sb = new StringBuilder(p.type().name());
        switch (p.type()) {
            case CONNECT -> {
                Object level = f.get(FieldName.PROTOCOL_LEVEL);
                sb.append(": protocol ").append(f.getOrDefault(FieldName.PROTOCOL_NAME, "?"));
                if (level instanceof Integer l) {
                    sb.append(' ').append(l == 3 ? "3.1" : l == 4 ? "3.1.1" : l == 5 ? "5.0" : "level " + l);
                }
                sb.append(", clientId \"").append(f.getOrDefault(FieldName.CLIENT_ID, "")).append('"');
                if (Boolean.TRUE.equals(f.get(FieldName.CLEAN_SESSION))
                        || Boolean.TRUE.equals(f.get(FieldName.CLEAN_START))) {
                    sb.append(f.containsKey(FieldName.CLEAN_START) ? ", clean start" : ", clean session");
                }
                sb.append(", keepalive ").append(f.getOrDefault(FieldName.KEEPALIVE, "?"));
                if (Boolean.TRUE.equals(f.get(FieldName.WILL_FLAG))) {
                    sb.append(", will on \"").append(f.get(FieldName.WILL_TOPIC)).append('"');
                }
                Object user = f.get(FieldName.USERNAME);
                Object pass = f.get(FieldName.PASSWORD);
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
                sb.append(": topic \"").append(f.getOrDefault(FieldName.TOPIC, "")).append("\", QoS ")
                        .append(f.getOrDefault(FieldName.QOS, "?"));
                Object payload = f.get(FieldName.PAYLOAD);
                sb.append(", ").append(payload instanceof Integer n ? n.intValue() : 0).append("-byte payload");
            }
            case CONNACK -> {
                Object rc = f.containsKey(FieldName.REASON_CODE) ? f.get(FieldName.REASON_NAME)
                        : f.get(FieldName.RETURN_CODE_NAME);
                sb.append(": ").append(rc);
                // 5.0 §3.2.2.3.7: the id the broker chose for a CONNECT with an empty one
                if (f.containsKey(FieldName.ASSIGNED_CLIENT_IDENTIFIER)) {
                    sb.append(", assigned clientId \"").append(f.get(FieldName.ASSIGNED_CLIENT_IDENTIFIER)).append('"');
                }
            }
            default -> {
                if (f.containsKey(FieldName.PACKET_ID)) {
                    sb.append(": packet id ").append(f.get(FieldName.PACKET_ID));
                }
            }
        }
        return sb.toString();
    }

    /** Field values by name; a PUBLISH payload by its length only (its hex is the costliest value in a flood). */
    private static void collect(java.util.List<Field> fields, Map<FieldName, Object> into) {
        for (int i = 0; i < fields.size(); i++) {
            Field x = fields instanceof FieldList lazy ? lazy.peek(i) : fields.get(i);
            FieldName name = FieldName.of(x.name());
            if (name == FieldName.PAYLOAD) {
                into.putIfAbsent(name, x.length());
            } else if (name != null) {
                into.putIfAbsent(name, x.value() == FieldList.LAZY_HEX ? fields.get(i).value() : x.value());
            }
            collect(x.children(), into);
        }
    }
}
