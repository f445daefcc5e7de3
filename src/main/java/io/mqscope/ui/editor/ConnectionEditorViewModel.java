package io.mqscope.ui.editor;

import io.mqscope.payload.ParseResult;
import io.mqscope.payload.TopicNames;
import io.mqscope.profile.MqttVersion;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.BackgroundTask;
import io.mqscope.ui.app.TaskExecutor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Every profile field as text or a switch, validated as it is typed (the reason shown next to the field). Pasting a
 * URL ({@code mqtts://user:pass@host:8883}, {@code wss://host/mqtt}) fills transport, host, port, path and login.
 */
public final class ConnectionEditorViewModel {
    /** Field keys by section, in display order. Text fields unless listed in {@link #SWITCHES}. */
    public static final Map<String, List<String>> SECTIONS = new LinkedHashMap<>();
    public static final List<String> SWITCHES = List.of("randomClientIdSuffix", "cleanStart", "verifyHostname",
            "insecure", "requestResponseInformation", "requestProblemInformation", "willEnabled", "willRetain",
            "autoConnect", "reconnect");
    /** Fields offered as a fixed choice; the value is one of the listed strings. */
    public static final Map<String, List<String>> CHOICES = Map.of(
            "transport", List.of("tcp", "tls", "ws", "wss"),
            "mqttVersion", List.of("3.1", "3.1.1", "5"),
            "willQos", List.of("0", "1", "2"),
            "willFormat", List.of("text", "json", "hex", "base64"),
            "vendor", List.of("", "aliyun-iot", "aliyun-mqtt", "tencent", "huawei", "onenet"),
            "proxyType", List.of("none", "http", "socks5"));

    static {
        SECTIONS.put("general", List.of("url", "name", "group", "transport", "host", "port", "mqttVersion",
                "clientId", "randomClientIdSuffix", "username", "password", "keepAlive", "cleanStart"));
        SECTIONS.put("transport", List.of("wsPath", "wsSubprotocol", "caFile", "clientCertFile", "clientKeyFile",
                "keyPassword", "sniHost", "alpn", "verifyHostname", "insecure"));
        SECTIONS.put("mqtt5", List.of("sessionExpiry", "receiveMaximum", "maximumPacketSize", "topicAliasMaximum",
                "requestResponseInformation", "requestProblemInformation", "userProperties"));
        SECTIONS.put("will", List.of("willEnabled", "willTopic", "willPayload", "willFormat", "willQos", "willRetain",
                "willDelay", "willExpiry", "willContentType"));
        SECTIONS.put("signing", List.of("vendor", "signingParams"));
        SECTIONS.put("advanced", List.of("connectTimeout", "autoConnect", "reconnect", "reconnectInitial",
                "reconnectMax", "proxyType", "proxyHost", "proxyPort", "proxyUsername", "proxyPassword"));
    }

    private final Map<String, StringProperty> text = new LinkedHashMap<>();
    private final Map<String, BooleanProperty> switches = new LinkedHashMap<>();
    private final Map<String, StringProperty> errors = new LinkedHashMap<>();
    private final Map<String, Function<String, String>> rules = new LinkedHashMap<>();
    private final BooleanBinding valid;
    private final StringProperty signingResult = new SimpleStringProperty("");
    private final SigningFields signingFields;
    /** Computes the vendor signing preview (io.mqscope.auth), on the I/O executor. */
    private final Function<Profile.Signing, String> signer;
    private final TaskExecutor tasks;
    /** Counts preview requests, so a slow, older signing result never replaces a newer one. */
    private long signingGeneration;
    private final String id;
    private final List<Profile.SavedSubscription> subscriptions;

    public ConnectionEditorViewModel(Profile p, TaskExecutor tasks) {
        this(p, tasks, ConnectionEditorViewModel::sign);
    }

    /** @param signer computes the signing preview from the vendor and its inputs */
    public ConnectionEditorViewModel(Profile p, TaskExecutor tasks, Function<Profile.Signing, String> signer) {
        this.tasks = tasks;
        this.signer = signer;
        Profile src = p == null ? Profile.builder().build() : p;
        id = src.id();
        subscriptions = src.subscriptions();
        for (List<String> keys : SECTIONS.values()) {
            for (String k : keys) {
                if (SWITCHES.contains(k)) {
                    switches.put(k, new SimpleBooleanProperty());
                } else {
                    text.put(k, new SimpleStringProperty(""));
                    errors.put(k, new SimpleStringProperty(""));
                }
            }
        }
        rules.put("name", v -> v.isBlank() ? I18n.t("editor.error.required") : "");
        rules.put("host", v -> v.isBlank() ? I18n.t("editor.error.required")
                : v.contains(" ") || v.contains("/") ? I18n.t("editor.error.host") : "");
        rules.put("port", v -> intRange(v, 1, 65535, false));
        rules.put("keepAlive", v -> intRange(v, 0, 65535, false));
        rules.put("sessionExpiry", v -> longRange(v, 0, 0xffffffffL));
        rules.put("receiveMaximum", v -> intRange(v, 1, 65535, true));
        rules.put("maximumPacketSize", v -> longRange(v, 1, 268_435_460L));
        rules.put("topicAliasMaximum", v -> intRange(v, 0, 65535, true));
        rules.put("willDelay", v -> longRange(v, 0, 0xffffffffL));
        rules.put("willExpiry", v -> longRange(v, 0, 0xffffffffL));
        rules.put("connectTimeout", v -> intRange(v, 1, 600, false));
        rules.put("reconnectInitial", v -> intRange(v, 0, 3_600_000, false));
        rules.put("reconnectMax", v -> intRange(v, 0, 3_600_000, false));
        rules.put("proxyPort", v -> intRange(v, 1, 65535, true));
        rules.put("clientId", v -> v.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 65535
                ? I18n.t("editor.error.tooLong") : "");
        rules.put("willTopic", v -> {
            if (!switches.get("willEnabled").get()) {
                return "";
            }
            ParseResult<String> r = TopicNames.validateName(v);
            return r.ok() ? "" : r.error();
        });
        rules.put("userProperties", v -> pairsError(v));
        rules.put("signingParams", v -> pairsError(v));
        rules.put("url", v -> v.isBlank() ? "" : urlError(v));
        for (Map.Entry<String, Function<String, String>> r : rules.entrySet()) {
            StringProperty t = text.get(r.getKey());
            t.addListener((o, a, b) -> errors.get(r.getKey()).set(r.getValue().apply(b == null ? "" : b)));
        }
        switches.get("willEnabled").addListener((o, a, b) -> validate("willTopic"));
        text.get("url").addListener((o, a, b) -> {
            if (b != null && !b.isBlank() && urlError(b).isEmpty()) {
                applyUrl(b.trim());
            }
        });
        load(src);
        signingFields = new SigningFields(text.get("vendor"), text.get("signingParams"));
        text.get("vendor").addListener((o, a, b) -> updateSigning());
        text.get("signingParams").addListener((o, a, b) -> updateSigning());
        updateSigning();
        List<javafx.beans.Observable> deps = new ArrayList<>(errors.values());
        valid = Bindings.createBooleanBinding(() -> errors.values().stream().allMatch(e -> e.get().isEmpty()),
                deps.toArray(new javafx.beans.Observable[0]));
    }

    private void validate(String key) {
        Function<String, String> r = rules.get(key);
        if (r != null) {
            errors.get(key).set(r.apply(text.get(key).get()));
        }
    }

    private static String intRange(String v, int min, int max, boolean optional) {
        if (v.isBlank()) {
            return optional ? "" : I18n.t("editor.error.required");
        }
        try {
            int n = Integer.parseInt(v.trim());
            return n < min || n > max ? I18n.t("editor.error.range", min, max) : "";
        } catch (NumberFormatException e) {
            return I18n.t("editor.error.number");
        }
    }

    private static String longRange(String v, long min, long max) {
        if (v.isBlank()) {
            return "";
        }
        try {
            long n = Long.parseLong(v.trim());
            return n < min || n > max ? I18n.t("editor.error.range", min, max) : "";
        } catch (NumberFormatException e) {
            return I18n.t("editor.error.number");
        }
    }

    private static String pairsError(String v) {
        int line = 0;
        for (String l : v.split("\n")) {
            line++;
            if (!l.isBlank() && l.indexOf('=') <= 0) {
                return I18n.t("editor.error.pair", line);
            }
        }
        return "";
    }

    static String urlError(String v) {
        ParseResult<Profile> r = io.mqscope.profile.ProfileUrl.parse(v);
        return r.ok() ? "" : I18n.t("editor.error.url", r.column(), r.error());
    }

    private void applyUrl(String v) {
        ParseResult<Profile> r = io.mqscope.profile.ProfileUrl.parse(v, Profile.builder().build());
        if (!r.ok()) {
            return;
        }
        Profile p = r.value();
        text.get("transport").set(p.transport().name().toLowerCase(Locale.ROOT));
        text.get("host").set(p.host());
        text.get("port").set(Integer.toString(p.port()));
        text.get("wsPath").set(p.wsPath() == null ? "" : p.wsPath());
        if (p.username() != null) {
            text.get("username").set(p.username());
        }
        if (p.password() != null) {
            text.get("password").set(p.password());
        }
        if (p.mqttVersion() != null) {
            text.get("mqttVersion").set(p.mqttVersion().label());
        }
        if (p.clientId() != null && !p.clientId().equals(Profile.builder().build().clientId())) {
            text.get("clientId").set(p.clientId());
        }
    }

    private void load(Profile p) {
        set("name", p.name());
        set("group", p.group());
        set("transport", p.transport().name().toLowerCase(Locale.ROOT));
        set("host", p.host());
        set("port", Integer.toString(p.port()));
        set("mqttVersion", p.mqttVersion().label());
        set("clientId", p.clientId());
        switches.get("randomClientIdSuffix").set(p.randomClientIdSuffix());
        set("username", p.username());
        set("password", p.password());
        set("keepAlive", Integer.toString(p.keepAliveSeconds()));
        switches.get("cleanStart").set(p.cleanStart());
        set("wsPath", p.wsPath());
        set("wsSubprotocol", p.wsSubprotocol());
        Profile.TlsSettings tls = p.tls();
        set("caFile", tls.caFile());
        set("clientCertFile", tls.clientCertFile());
        set("clientKeyFile", tls.clientKeyFile());
        set("keyPassword", tls.keyPassword());
        set("sniHost", tls.sniHost());
        set("alpn", String.join(",", tls.alpn()));
        switches.get("verifyHostname").set(tls.verifyHostname());
        switches.get("insecure").set(tls.insecure());
        set("sessionExpiry", str(p.sessionExpirySeconds()));
        set("receiveMaximum", str(p.receiveMaximum()));
        set("maximumPacketSize", str(p.maximumPacketSize()));
        set("topicAliasMaximum", str(p.topicAliasMaximum()));
        switches.get("requestResponseInformation").set(p.requestResponseInformation());
        switches.get("requestProblemInformation").set(p.requestProblemInformation());
        set("userProperties", pairs(p.userProperties()));
        Profile.Will w = p.will();
        switches.get("willEnabled").set(w != null);
        set("willTopic", w == null ? "" : w.topic());
        set("willPayload", w == null ? "" : w.payload());
        set("willFormat", w == null || w.payloadFormat() == null ? "text" : w.payloadFormat());
        set("willQos", w == null ? "0" : Integer.toString(w.qos()));
        switches.get("willRetain").set(w != null && w.retain());
        set("willDelay", w == null ? "" : str(w.delaySeconds()));
        set("willExpiry", w == null ? "" : str(w.messageExpirySeconds()));
        set("willContentType", w == null ? "" : w.contentType());
        set("vendor", p.signing() == null ? "" : p.signing().vendor());
        StringBuilder sp = new StringBuilder();
        if (p.signing() != null) {
            p.signing().params().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> sp.append(e.getKey()).append('=').append(e.getValue()).append('\n'));
        }
        set("signingParams", sp.toString().strip());
        set("connectTimeout", Integer.toString(p.connectTimeoutSeconds()));
        switches.get("autoConnect").set(p.autoConnect());
        switches.get("reconnect").set(p.reconnect().enabled());
        set("reconnectInitial", Integer.toString(p.reconnect().initialDelayMillis()));
        set("reconnectMax", Integer.toString(p.reconnect().maxDelayMillis()));
        Profile.ProxySettings px = p.proxy();
        set("proxyType", px == null ? "none" : px.type());
        set("proxyHost", px == null ? "" : px.host());
        set("proxyPort", px == null || px.port() == 0 ? "" : Integer.toString(px.port()));
        set("proxyUsername", px == null ? "" : px.username());
        set("proxyPassword", px == null ? "" : px.password());
        for (String k : rules.keySet()) {
            validate(k);
        }
    }

    private void set(String key, String v) {
        text.get(key).set(v == null ? "" : v);
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static String pairs(List<Profile.UserProperty> ups) {
        StringBuilder sb = new StringBuilder();
        for (Profile.UserProperty u : ups) {
            sb.append(u.name()).append('=').append(u.value()).append('\n');
        }
        return sb.toString().strip();
    }

    private static List<Profile.UserProperty> parsePairs(String v) {
        List<Profile.UserProperty> out = new ArrayList<>();
        for (String l : v.split("\n")) {
            int eq = l.indexOf('=');
            if (eq > 0) {
                out.add(new Profile.UserProperty(l.substring(0, eq).trim(), l.substring(eq + 1).trim()));
            }
        }
        return out;
    }

    private String get(String k) {
        return text.get(k).get().trim();
    }

    private String orNull(String k) {
        String v = get(k);
        return v.isEmpty() ? null : v;
    }

    private Long longOrNull(String k) {
        String v = get(k);
        return v.isEmpty() ? null : Long.parseLong(v);
    }

    private Integer intOrNull(String k) {
        String v = get(k);
        return v.isEmpty() ? null : Integer.parseInt(v);
    }

    /** The profile, or null while any field is invalid. */
    public Profile build() {
        for (String k : rules.keySet()) {
            validate(k);
        }
        if (!valid.get()) {
            return null;
        }
        Profile.Will will = null;
        if (switches.get("willEnabled").get()) {
            will = new Profile.Will(get("willTopic"), text.get("willPayload").get(), get("willFormat"),
                    Integer.parseInt(get("willQos")), switches.get("willRetain").get(), longOrNull("willDelay"),
                    longOrNull("willExpiry"), orNull("willContentType"), null, null, null, List.of());
        }
        Profile.Signing signing = null;
        if (!get("vendor").isEmpty()) {
            Map<String, String> params = new LinkedHashMap<>();
            for (Profile.UserProperty u : parsePairs(text.get("signingParams").get())) {
                params.put(u.name(), u.value());
            }
            signing = new Profile.Signing(get("vendor"), params);
        }
        List<String> alpn = new ArrayList<>();
        for (String a : get("alpn").split(",")) {
            if (!a.isBlank()) {
                alpn.add(a.trim());
            }
        }
        Profile.ProxySettings proxy = get("proxyType").equals("none") || get("proxyType").isEmpty() ? null
                : new Profile.ProxySettings(get("proxyType"), get("proxyHost"),
                        get("proxyPort").isEmpty() ? 0 : Integer.parseInt(get("proxyPort")), orNull("proxyUsername"),
                        orNull("proxyPassword"));
        return Profile.builder().id(id).name(get("name")).group(get("group"))
                .transport(Transport.valueOf(get("transport").toUpperCase(Locale.ROOT))).host(get("host"))
                .port(Integer.parseInt(get("port"))).mqttVersion(MqttVersion.fromLabel(get("mqttVersion")))
                .clientId(text.get("clientId").get()).randomClientIdSuffix(switches.get("randomClientIdSuffix").get())
                .username(orNull("username")).password(text.get("password").get().isEmpty() ? null
                        : text.get("password").get())
                .keepAliveSeconds(Integer.parseInt(get("keepAlive"))).cleanStart(switches.get("cleanStart").get())
                .wsPath(get("wsPath")).wsSubprotocol(get("wsSubprotocol"))
                .tls(new Profile.TlsSettings(orNull("caFile"), orNull("clientCertFile"), orNull("clientKeyFile"),
                        orNull("keyPassword"), orNull("sniHost"), alpn, switches.get("verifyHostname").get(),
                        switches.get("insecure").get()))
                .sessionExpirySeconds(longOrNull("sessionExpiry")).receiveMaximum(intOrNull("receiveMaximum"))
                .maximumPacketSize(intOrNull("maximumPacketSize")).topicAliasMaximum(intOrNull("topicAliasMaximum"))
                .requestResponseInformation(switches.get("requestResponseInformation").get())
                .requestProblemInformation(switches.get("requestProblemInformation").get())
                .userProperties(parsePairs(text.get("userProperties").get())).will(will).signing(signing)
                .connectTimeoutSeconds(Integer.parseInt(get("connectTimeout")))
                .autoConnect(switches.get("autoConnect").get())
                .reconnect(new Profile.Reconnect(switches.get("reconnect").get(),
                        Integer.parseInt(get("reconnectInitial")), Integer.parseInt(get("reconnectMax"))))
                .proxy(proxy).subscriptions(subscriptions).build();
    }

    public StringProperty text(String key) {
        return text.get(key);
    }

    public BooleanProperty flag(String key) {
        return switches.get(key);
    }

    public StringProperty error(String key) {
        return errors.get(key);
    }

    /** Signs now and shows every output, including the exact string that went into the HMAC. */
    static String sign(Profile.Signing s) {
        try {
            io.mqscope.auth.SignedCredentials c = io.mqscope.auth.Signer.sign(s, java.time.Instant.now());
            StringBuilder sb = new StringBuilder();
            sb.append("clientId: ").append(c.clientId()).append('\n');
            sb.append("username: ").append(c.username()).append('\n');
            sb.append("password: ").append(c.password()).append('\n');
            if (c.host() != null) {
                sb.append("host: ").append(c.host()).append(c.port() == null ? "" : ":" + c.port()).append('\n');
            }
            sb.append(I18n.t("editor.signing.signed")).append('\n').append(c.signedString());
            for (String w : c.warnings()) {
                sb.append('\n').append(I18n.t("editor.signing.warning", w));
            }
            return sb.toString();
        } catch (io.mqscope.auth.SigningException e) {
            return I18n.t("editor.signing.failed", e.getMessage());
        }
    }

    private void updateSigning() {
        String vendor = text.get("vendor").get();
        if (vendor == null || vendor.isBlank() || !errors.get("signingParams").get().isEmpty()) {
            signingGeneration++;
            signingResult.set("");
            return;
        }
        java.util.Map<String, String> params = new LinkedHashMap<>();
        for (Profile.UserProperty u : parsePairs(text.get("signingParams").get())) {
            params.put(u.name(), u.value());
        }
        long generation = ++signingGeneration;
        Profile.Signing signing = new Profile.Signing(vendor.trim(), params);
        BackgroundTask.wrap(() -> signer.apply(signing)).onSuccess(out -> {
            if (generation == signingGeneration) {
                signingResult.set(out);
            }
        }).onFailure(e -> {
            if (generation == signingGeneration) {
                signingResult.set(I18n.t("editor.signing.failed", String.valueOf(e.getMessage())));
            }
        }).executeWith(tasks);
    }

    /** The vendor's inputs as labelled, validated fields, kept in sync with the signing parameters. */
    public SigningFields signingFields() {
        return signingFields;
    }

    public StringProperty signingResultProperty() {
        return signingResult;
    }

    public BooleanBinding validProperty() {
        return valid;
    }
}
