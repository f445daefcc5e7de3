package io.mqscope.ui.packets;

import io.mqscope.ui.I18n;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Field;
import io.mqscope.wire.FieldName;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A one-line summary of a decoded packet from its most telling fields, in the UI's language. The wire's own
 * {@link io.mqscope.wire.Summary} is English for the CLI; here every item is one bundle entry (the list is a list,
 * not a sentence assembled from fragments) and CONNACK's return and reason codes are named in the UI's language.
 */
public final class PacketSummary {

    private PacketSummary() {
    }

    /** E.g. "CONNACK: Connection Accepted" or "CONNACK: 连接已接受". */
    public static String of(DecodedPacket p) {
        Map<FieldName, Object> f = new EnumMap<>(FieldName.class);
        collect(p.fields(), f);
        List<String> items = new ArrayList<>();
        switch (p.type()) {
            case CONNECT -> connect(f, items);
            case PUBLISH -> {
                items.add(I18n.t("summary.publish.topic", text(f.getOrDefault(FieldName.TOPIC, ""))));
                items.add(I18n.t("summary.publish.qos", text(f.getOrDefault(FieldName.QOS, "?"))));
                Object payload = f.get(FieldName.PAYLOAD);
                items.add(I18n.t("summary.publish.payload",
                        String.valueOf(payload instanceof String s ? s.length() / 2 : 0)));
            }
            case CONNACK -> {
                items.add(connackCode(f));
                // 5.0 §3.2.2.3.7: the id the broker chose for a CONNECT with an empty one
                if (f.containsKey(FieldName.ASSIGNED_CLIENT_IDENTIFIER)) {
                    items.add(I18n.t("summary.connack.assignedClientId",
                            text(f.get(FieldName.ASSIGNED_CLIENT_IDENTIFIER))));
                }
            }
            default -> {
                if (f.containsKey(FieldName.PACKET_ID)) {
                    items.add(I18n.t("summary.packetId", text(f.get(FieldName.PACKET_ID))));
                }
            }
        }
        String type = p.type().name();
        return items.isEmpty() ? type : I18n.t("summary.line", type, String.join(I18n.t("summary.separator"), items));
    }

    private static void connect(Map<FieldName, Object> f, List<String> items) {
        Object level = f.get(FieldName.PROTOCOL_LEVEL);
        String version = level instanceof Integer l
                ? l == 3 ? "3.1" : l == 4 ? "3.1.1" : l == 5 ? "5.0" : I18n.t("summary.connect.level", text(l))
                : "";
        items.add(I18n.t("summary.connect.protocol", text(f.getOrDefault(FieldName.PROTOCOL_NAME, "?")), version)
                .strip());
        items.add(I18n.t("summary.connect.clientId", text(f.getOrDefault(FieldName.CLIENT_ID, ""))));
        if (Boolean.TRUE.equals(f.get(FieldName.CLEAN_START))) {
            items.add(I18n.t("summary.connect.cleanStart"));
        } else if (Boolean.TRUE.equals(f.get(FieldName.CLEAN_SESSION))) {
            items.add(I18n.t("summary.connect.cleanSession"));
        }
        items.add(I18n.t("summary.connect.keepalive", text(f.getOrDefault(FieldName.KEEPALIVE, "?"))));
        if (Boolean.TRUE.equals(f.get(FieldName.WILL_FLAG))) {
            items.add(I18n.t("summary.connect.will", text(f.get(FieldName.WILL_TOPIC))));
        }
        Object user = f.get(FieldName.USERNAME);
        Object pass = f.get(FieldName.PASSWORD);
        if ("".equals(user) && "".equals(pass)) {
            items.add(I18n.t("summary.connect.emptyCredentials"));
            return;
        }
        if (user != null) {
            items.add(I18n.t("summary.connect.username", text(user)));
        }
        if (pass != null) {
            items.add(I18n.t("summary.connect.password"));
        }
    }

    /** 3.1.1 §3.2.2.3 return codes 0-5, 5.0 §3.2.2.2 reason codes; a code without a translation keeps its name. */
    private static String connackCode(Map<FieldName, Object> f) {
        boolean v5 = f.containsKey(FieldName.REASON_CODE);
        Object code = f.get(v5 ? FieldName.REASON_CODE : FieldName.RETURN_CODE);
        Object name = f.get(v5 ? FieldName.REASON_NAME : FieldName.RETURN_CODE_NAME);
        if (code instanceof Integer c) {
            String key = v5 ? "connack.reason." + String.format(Locale.ROOT, "%02x", c) : "connack.returnCode." + c;
            String translated = I18n.t(key);
            if (!translated.startsWith("!")) {
                return translated;
            }
        }
        return text(name);
    }

    /** Numbers as written, not locale-formatted ("1883", never "1,883"). */
    private static String text(Object v) {
        return String.valueOf(v);
    }

    private static void collect(List<Field> fields, Map<FieldName, Object> into) {
        for (Field x : fields) {
            FieldName name = FieldName.of(x.name());
            if (name != null) {
                into.putIfAbsent(name, x.value());
            }
            collect(x.children(), into);
        }
    }

    /** Depth-first search by name. */
    public static Field find(List<Field> fields, String name) {
        for (Field f : fields) {
            if (f.name().equals(name)) {
                return f;
            }
            Field c = find(f.children(), name);
            if (c != null) {
                return c;
            }
        }
        return null;
    }
}
