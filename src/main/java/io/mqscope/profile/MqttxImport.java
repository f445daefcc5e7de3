package io.mqscope.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqscope.payload.ParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * MQTTX (emqx/MQTTX) connection export: an array of connection objects as in MQTTX's ConnectionModel (name, clientId,
 * clientIdWithTime, protocol, host, port, path, username, password, keepalive, clean, connectTimeout, reconnect,
 * reconnectPeriod, mqttVersion "3.1.1" | "5.0", ssl, certType, rejectUnauthorized, ca, cert, key, ALPNProtocols,
 * properties {sessionExpiryInterval, receiveMaximum, maximumPacketSize, topicAliasMaximum, requestResponseInformation,
 * requestProblemInformation, userProperties, authenticationMethod, authenticationData}, will {lastWillTopic,
 * lastWillPayload, lastWillQos, lastWillRetain, properties}, subscriptions, messages). Older exports put the MQTT 5
 * properties at the top level; collections ({@code isCollection} with {@code children}) become groups.
 */
final class MqttxImport {
    /** Bookkeeping fields of MQTTX that carry nothing a profile needs; skipped without a report. */
    private static final Set<String> IGNORED = Set.of("id", "createAt", "updateAt", "orderId", "parentId",
            "isCollection", "unreadMessageCount", "client", "collectionId", "willId", "isNewCollection",
            "messageType", "payloadType", "pushProps", "traceSubscribeProps", "children", "connectionId",
            "clientIdWithTimeTip");

    private MqttxImport() {
    }

    /** Reads the connections; certificate paths are checked against {@code home} (the user's home directory). */
    static ImportReport read(JsonNode connections, Path home) {
        List<Profile> profiles = new ArrayList<>();
        List<ImportReport.Issue> issues = new ArrayList<>();
        int index = 0;
        for (JsonNode c : connections) {
            readOne(c, "", index++, profiles, issues, home);
        }
        return new ImportReport("mqttx", profiles, issues);
    }

    private static void readOne(JsonNode c, String group, int index, List<Profile> out,
                                List<ImportReport.Issue> issues, Path home) {
        String name = c.path("name").asText("");
        String label = name.isEmpty() ? "connection " + (index + 1) : name;
        if (c.path("isCollection").asBoolean(false) || c.has("children") && !c.has("host")) {
            int i = 0;
            for (JsonNode child : c.path("children")) {
                readOne(child, group.isEmpty() ? name : group + "/" + name, i++, out, issues, home);
            }
            return;
        }
        Issues report = new Issues(label, issues);
        Profile.Builder b = Profile.builder().name(name.isEmpty() ? label : name).group(group);
        Set<String> handled = new java.util.HashSet<>(Set.of("name"));

        String protocol = text(c, "protocol", handled);
        boolean ssl = c.path("ssl").asBoolean(false);
        handled.add("ssl");
        String host = text(c, "host", handled);
        if (host != null && host.contains("://")) {
            // Some versions keep the scheme in the host field.
            ParseResult<Profile> url = ProfileUrl.parse(host);
            if (url.ok()) {
                host = url.value().host();
                protocol = protocol == null ? url.value().transport().name().toLowerCase(Locale.ROOT) : protocol;
            }
        }
        Transport t;
        String proto = protocol == null ? (ssl ? "mqtts" : "mqtt") : protocol.toLowerCase(Locale.ROOT);
        switch (proto) {
            case "mqtt", "tcp" -> t = ssl ? Transport.TLS : Transport.TCP;
            case "mqtts", "ssl", "tls" -> t = Transport.TLS;
            case "ws" -> t = ssl ? Transport.WSS : Transport.WS;
            case "wss" -> t = Transport.WSS;
            default -> {
                report.add("protocol", "unknown protocol '" + protocol + "'; using mqtt");
                t = Transport.TCP;
            }
        }
        b.transport(t);
        if (host == null || host.isBlank()) {
            report.add("host", "missing; using 127.0.0.1");
        } else {
            b.host(host);
        }
        handled.add("port");
        if (c.has("port") && c.get("port").canConvertToInt() && c.get("port").asInt() > 0
                && c.get("port").asInt() < 65536) {
            b.port(c.get("port").asInt());
        } else {
            if (c.has("port")) {
                report.add("port", "invalid value " + c.get("port") + "; using " + t.defaultPort());
            }
            b.port(t.defaultPort());
        }
        String path = text(c, "path", handled);
        if (t.webSocket()) {
            b.wsPath(path == null || path.isEmpty() ? "/" : path.startsWith("/") ? path : "/" + path);
        }
        String clientId = text(c, "clientId", handled);
        b.clientId(clientId == null ? "" : clientId);
        handled.add("clientIdWithTime");
        // MQTTX appends a timestamp; MQScope appends a random suffix, which serves the same purpose (uniqueness).
        b.randomClientIdSuffix(c.path("clientIdWithTime").asBoolean(false));
        b.username(emptyToNull(text(c, "username", handled)));
        b.password(emptyToNull(text(c, "password", handled)));
        handled.add("keepalive");
        // Keep alive is a two-byte field in CONNECT [MQTT-3.1.2.10], hence the upper bound.
        b.keepAliveSeconds(period(c, "keepalive", 60, 65535, report));
        handled.add("clean");
        b.cleanStart(c.path("clean").asBoolean(true));
        handled.add("connectTimeout");
        b.connectTimeoutSeconds(period(c, "connectTimeout", 10, Integer.MAX_VALUE, report));
        handled.add("reconnect");
        handled.add("reconnectPeriod");
        b.reconnect(new Profile.Reconnect(c.path("reconnect").asBoolean(true),
                period(c, "reconnectPeriod", Profile.Reconnect.DEFAULT.initialDelayMillis(), Integer.MAX_VALUE,
                        report),
                Profile.Reconnect.DEFAULT.maxDelayMillis()));
        String version = text(c, "mqttVersion", handled);
        if (version != null) {
            try {
                b.mqttVersion(MqttVersion.fromLabel(version));
            } catch (IllegalArgumentException e) {
                report.add("mqttVersion", "unknown version '" + version + "'; using 3.1.1");
            }
        }

        // MQTT 5 connect properties: nested in "properties" (MQTTX 1.5+) or flat (older exports).
        JsonNode props = c.has("properties") && c.get("properties").isObject() ? c.get("properties") : c;
        handled.add("properties");
        connectProperties(props, b, report, handled);

        tls(c, t, b, report, handled, home);
        will(c.path("will"), b, report);
        handled.add("will");
        subscriptions(c.path("subscriptions"), b, report);
        handled.add("subscriptions");
        handled.add("messages");
        if (c.path("messages").size() > 0) {
            report.add("messages", c.path("messages").size() + " stored messages are not imported (history)");
        }
        for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!handled.contains(f) && !IGNORED.contains(f) && !c.get(f).isNull()) {
                report.add(f, "not supported by MQScope profiles");
            }
        }
        out.add(b.build());
    }

    private static void connectProperties(JsonNode p, Profile.Builder b, Issues report, Set<String> handled) {
        for (String f : List.of("sessionExpiryInterval", "receiveMaximum", "maximumPacketSize", "topicAliasMaximum",
                "requestResponseInformation", "requestProblemInformation", "userProperties", "authenticationMethod",
                "authenticationData")) {
            handled.add(f);
        }
        if (p.hasNonNull("sessionExpiryInterval")) {
            b.sessionExpirySeconds(p.get("sessionExpiryInterval").asLong());
        }
        if (p.hasNonNull("receiveMaximum")) {
            b.receiveMaximum(p.get("receiveMaximum").asInt());
        }
        if (p.hasNonNull("maximumPacketSize")) {
            b.maximumPacketSize(p.get("maximumPacketSize").asInt());
        }
        if (p.hasNonNull("topicAliasMaximum")) {
            b.topicAliasMaximum(p.get("topicAliasMaximum").asInt());
        }
        if (p.hasNonNull("requestResponseInformation")) {
            b.requestResponseInformation(p.get("requestResponseInformation").asBoolean());
        }
        if (p.hasNonNull("requestProblemInformation")) {
            b.requestProblemInformation(p.get("requestProblemInformation").asBoolean());
        }
        if (p.hasNonNull("userProperties")) {
            b.userProperties(userProperties(p.get("userProperties")));
        }
        if (p.hasNonNull("authenticationMethod") && !p.get("authenticationMethod").asText().isEmpty()) {
            report.add("properties.authenticationMethod", "enhanced authentication (AUTH) is not supported");
        }
        if (p.hasNonNull("authenticationData") && !p.get("authenticationData").asText().isEmpty()) {
            report.add("properties.authenticationData", "enhanced authentication (AUTH) is not supported");
        }
    }

    private static List<Profile.UserProperty> userProperties(JsonNode n) {
        List<Profile.UserProperty> l = new ArrayList<>();
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> {
                if (e.getValue().isArray()) {
                    e.getValue().forEach(v -> l.add(new Profile.UserProperty(e.getKey(), v.asText())));
                } else {
                    l.add(new Profile.UserProperty(e.getKey(), e.getValue().asText()));
                }
            });
        } else if (n.isArray()) {
            n.forEach(e -> l.add(new Profile.UserProperty(e.path("key").asText(e.path("name").asText()),
                    e.path("value").asText())));
        }
        return l;
    }

    /** A whole number in 0..{@code max}; anything else is reported with the field's name and the default used. */
    private static int period(JsonNode c, String field, int dflt, int max, Issues report) {
        JsonNode n = c.get(field);
        if (n == null || n.isNull()) {
            return dflt;
        }
        long v;
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            v = n.asLong();
        } else if (n.isTextual() && n.asText().trim().matches("-?\\d{1,18}")) {
            v = Long.parseLong(n.asText().trim());
        } else {
            report.add(field, "not a whole number: " + n + "; using " + dflt);
            return dflt;
        }
        if (v < 0) {
            report.add(field, v + " is negative; rejected, using " + dflt);
            return dflt;
        }
        if (v > max) {
            report.add(field, v + " is larger than " + max + "; rejected, using " + dflt);
            return dflt;
        }
        return (int) v;
    }

    private static void tls(JsonNode c, Transport t, Profile.Builder b, Issues report, Set<String> handled,
                            Path home) {
        for (String f : List.of("certType", "rejectUnauthorized", "ca", "cert", "key", "ALPNProtocols")) {
            handled.add(f);
        }
        String certType = c.path("certType").asText("");
        boolean reject = c.path("rejectUnauthorized").asBoolean(true);
        String ca = file(c, "ca", report, home);
        String cert = file(c, "cert", report, home);
        String key = file(c, "key", report, home);
        List<String> alpn = new ArrayList<>();
        for (String s : c.path("ALPNProtocols").asText("").split(",")) {
            if (!s.isBlank()) {
                alpn.add(s.trim());
            }
        }
        if (!t.secure()) {
            if (ca != null || cert != null || key != null) {
                report.add("ssl", "certificates given for a non-TLS connection were not imported");
            }
            return;
        }
        if (certType.equals("self") && ca == null && cert == null) {
            report.add("certType", "'self' without certificate files; the system trust store will be used");
        }
        // rejectUnauthorized=false is an explicit choice in MQTTX, so it maps to our explicit "insecure"; the user
        // must still see that before applying the import.
        if (!reject) {
            report.security("rejectUnauthorized", "false: imported as insecure, so neither the broker's certificate"
                    + " chain nor its host name will be verified");
        }
        b.tls(new Profile.TlsSettings(ca, cert, key, null, null, alpn, reject, !reject));
    }

    private static String file(JsonNode c, String field, Issues report, Path home) {
        JsonNode nested = c.path(field);
        String v = nested.isObject() ? nested.path("path").asText(nested.path("name").asText(""))
                : nested.asText("");
        if (v.isBlank()) {
            return null;
        }
        if (v.contains("-----BEGIN")) {
            report.add(field, "inline PEM content is not imported; save it to a file and select it");
            return null;
        }
        if (v.indexOf('\0') >= 0) {
            report.security(field, "the path contains a NUL byte; not imported");
            return null;
        }
        Path p;
        try {
            p = home.resolve(v).normalize();
        } catch (InvalidPathException e) {
            report.security(field, "'" + v + "' is not a valid path (" + e.getReason() + "); not imported");
            return null;
        }
        Path real = realOrAsWritten(p);
        // Kernel pseudo-files (/proc/self/environ) look like regular files but hand out the process's own secrets.
        boolean pseudo = List.of("/proc", "/sys", "/dev").stream().anyMatch(d -> real.startsWith(d) || p.startsWith(d));
        if (pseudo || Files.exists(real) && !Files.isRegularFile(real)) {
            report.security(field, "'" + v + "' is not a regular file" + (pseudo ? " (a system pseudo-file)" : "")
                    + "; not imported");
            return null;
        }
        if (!real.startsWith(realHome(home))) {
            report.security(field, "'" + v + "' points outside your home directory (" + real
                    + "); imported, check that it is the certificate you meant");
        }
        return p.toString();
    }

    private static Path realHome(Path home) {
        return realOrAsWritten(home.normalize());
    }

    /** The path with symbolic links resolved (a link in the home directory may point anywhere), if it exists. */
    private static Path realOrAsWritten(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException | SecurityException e) {
            return p;
        }
    }

    private static void will(JsonNode w, Profile.Builder b, Issues report) {
        if (w.isMissingNode() || w.isNull()) {
            return;
        }
        String topic = w.path("lastWillTopic").asText("");
        if (topic.isEmpty()) {
            if (!w.path("lastWillPayload").asText("").isEmpty()) {
                report.add("will.lastWillPayload", "will payload without a topic was not imported");
            }
            return;
        }
        JsonNode p = w.path("properties");
        Long delay = p.hasNonNull("willDelayInterval") ? p.get("willDelayInterval").asLong() : null;
        Long expiry = p.hasNonNull("messageExpiryInterval") ? p.get("messageExpiryInterval").asLong() : null;
        String contentType = emptyToNull(p.path("contentType").asText(null));
        String responseTopic = emptyToNull(p.path("responseTopic").asText(null));
        String correlation = null;
        if (p.hasNonNull("correlationData")) {
            JsonNode cd = p.get("correlationData");
            if (cd.isTextual()) {
                correlation = emptyToNull(cd.asText());
            } else {
                report.add("will.properties.correlationData", "binary correlation data (Buffer) is not imported");
            }
        }
        Boolean utf8 = p.hasNonNull("payloadFormatIndicator") ? p.get("payloadFormatIndicator").asBoolean() : null;
        List<Profile.UserProperty> ups = p.hasNonNull("userProperties") ? userProperties(p.get("userProperties"))
                : List.of();
        int qos = w.path("lastWillQos").asInt(0);
        if (qos < 0 || qos > 2) {
            report.add("will.lastWillQos", "invalid QoS " + qos + "; using 0");
            qos = 0;
        }
        b.will(new Profile.Will(topic, w.path("lastWillPayload").asText(""), "text", qos,
                w.path("lastWillRetain").asBoolean(false), delay, expiry, contentType, responseTopic, correlation,
                utf8, ups));
    }

    private static void subscriptions(JsonNode subs, Profile.Builder b, Issues report) {
        List<Profile.SavedSubscription> l = new ArrayList<>();
        int i = 0;
        for (JsonNode s : subs) {
            String topic = s.path("topic").asText("");
            if (topic.isEmpty()) {
                report.add("subscriptions[" + i + "]", "no topic; skipped");
            } else {
                int qos = s.path("qos").asInt(0);
                Integer subId = s.hasNonNull("subscriptionIdentifier") ? s.get("subscriptionIdentifier").asInt()
                        : null;
                l.add(new Profile.SavedSubscription(topic, qos < 0 || qos > 2 ? 0 : qos, s.path("nl").asBoolean(false),
                        s.path("rap").asBoolean(false), s.path("rh").asInt(0), subId,
                        emptyToNull(s.path("color").asText(null)), emptyToNull(s.path("alias").asText(null))));
                if (s.path("disabled").asBoolean(false)) {
                    report.add("subscriptions[" + i + "].disabled", "disabled subscriptions are imported as enabled");
                }
            }
            i++;
        }
        b.subscriptions(l);
    }

    private static String text(JsonNode c, String field, Set<String> handled) {
        handled.add(field);
        JsonNode n = c.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private record Issues(String connection, List<ImportReport.Issue> sink) {
        void add(String field, String reason) {
            sink.add(new ImportReport.Issue(connection, field, reason));
        }

        void security(String field, String reason) {
            sink.add(new ImportReport.Issue(connection, field, reason, true));
        }
    }
}
