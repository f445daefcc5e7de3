package io.mqscope.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * profiles.json schema 1 (MQScope 0.x): {@code {"version": 1, "connections": [{name, host, port, protocol, path,
 * clientId, user, pass, keepalive, clean, mqttVersion}]}}, with the password in plain text.
 */
final class SchemaOne {
    private SchemaOne() {
    }

    /** The schema-2 tree for a schema-1 file; the passwords stay in the tree until the secret store takes them. */
    static ObjectNode migrate(ObjectMapper om, JsonNode v1, List<String> warnings) {
        ObjectNode root = om.createObjectNode();
        root.put("schemaVersion", ProfileStore.SCHEMA_VERSION);
        ArrayNode out = root.putArray("profiles");
        ObjectNode refs = root.putObject("secretRefs");
        int i = 0;
        for (JsonNode c : v1.path("connections")) {
            String protocol = c.path("protocol").asText("mqtt");
            Transport t = switch (protocol.toLowerCase(Locale.ROOT)) {
                case "mqtts", "ssl", "tls" -> Transport.TLS;
                case "ws" -> Transport.WS;
                case "wss" -> Transport.WSS;
                default -> Transport.TCP;
            };
            Profile.Builder b = Profile.builder()
                    .id(c.hasNonNull("id") ? c.get("id").asText() : "migrated-" + i)
                    .name(c.path("name").asText("Connection " + (i + 1)))
                    .transport(t)
                    .host(c.path("host").asText("127.0.0.1"))
                    .port(c.path("port").asInt(t.defaultPort()))
                    .clientId(c.path("clientId").asText("mqscope"))
                    .keepAliveSeconds(c.path("keepalive").asInt(60))
                    .cleanStart(c.path("clean").asBoolean(true));
            if (c.hasNonNull("path")) {
                b.wsPath(c.get("path").asText());
            }
            if (c.hasNonNull("user")) {
                b.username(c.get("user").asText());
            }
            if (c.hasNonNull("mqttVersion")) {
                try {
                    b.mqttVersion(MqttVersion.fromLabel(c.get("mqttVersion").asText()));
                } catch (IllegalArgumentException e) {
                    warnings.add("connection " + i + ": " + e.getMessage() + "; using 3.1.1");
                }
            }
            Profile p = b.build();
            out.add(om.valueToTree(p));
            if (c.hasNonNull("pass")) {
                // v1 kept the password in plain text; it moves to the secret store when the migrated file is saved.
                ObjectNode node = (ObjectNode) out.get(out.size() - 1);
                node.put("password", c.get("pass").asText());
            }
            i++;
        }
        return root;
    }

    /** Whether any connection still carries its plaintext {@code pass}. */
    static boolean hasPasswords(JsonNode v1) {
        for (JsonNode c : v1.path("connections")) {
            if (c.has("pass")) {
                return true;
            }
        }
        return false;
    }

    /** A copy without the plaintext passwords, for a backup that must not outlive them. */
    static JsonNode withoutPasswords(JsonNode v1) {
        JsonNode copy = v1.deepCopy();
        for (JsonNode c : copy.path("connections")) {
            if (c instanceof ObjectNode o) {
                o.remove("pass");
            }
        }
        return copy;
    }
}
