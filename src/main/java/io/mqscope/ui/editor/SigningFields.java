package io.mqscope.ui.editor;

import io.mqscope.auth.Signer;
import io.mqscope.auth.SigningException;
import io.mqscope.ui.I18n;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The vendor signing inputs as labelled fields, one per signer parameter (the same names as the options of
 * {@code mqscope sign <vendor>} in camelCase). The model stays {@code Profile.Signing(vendor, params)}: the fields
 * and the editor's "name=value" text are kept in sync both ways, and each field carries the reason it is wrong.
 */
public final class SigningFields {
    /** One signer input: required or not, a secret (masked), and a fixed choice list when it has one. */
    public record Param(String name, boolean required, boolean secret, List<String> choices) {
        static Param req(String name) {
            return new Param(name, true, false, List.of());
        }

        static Param secretReq(String name) {
            return new Param(name, true, true, List.of());
        }

        static Param opt(String name) {
            return new Param(name, false, false, List.of());
        }

        static Param secretOpt(String name) {
            return new Param(name, false, true, List.of());
        }

        /** An optional choice: the empty first entry means "the signer's default". */
        static Param choice(String name, String... values) {
            List<String> c = new java.util.ArrayList<>();
            c.add("");
            c.addAll(List.of(values));
            return new Param(name, false, false, List.copyOf(c));
        }
    }

    /** Per vendor, its inputs in the order a user fills them in (io.mqscope.auth signers, mqscope sign options). */
    public static final Map<String, List<Param>> VENDORS = new LinkedHashMap<>();

    static {
        VENDORS.put("aliyun-iot", List.of(Param.req("productKey"), Param.req("deviceName"),
                Param.secretReq("deviceSecret"), Param.opt("clientId"),
                Param.choice("signMethod", "hmacsha256", "hmacsha1", "hmacmd5"), Param.choice("secureMode", "2", "3"),
                Param.choice("transport", "tcp", "tls", "wss"), Param.opt("region"), Param.opt("instanceEndpoint"),
                Param.opt("port"), Param.opt("timestamp"), Param.opt("keepAlive")));
        VENDORS.put("aliyun-mqtt", List.of(Param.req("accessKey"), Param.secretOpt("secretKey"),
                Param.req("instanceId"), Param.req("groupId"), Param.req("deviceId"),
                Param.choice("mode", "signature", "token", "devicecredential"), Param.secretOpt("readToken"),
                Param.secretOpt("writeToken"), Param.secretOpt("readWriteToken"),
                Param.choice("transport", "tcp", "tls", "ws", "wss"), Param.opt("endpoint"), Param.opt("port"),
                Param.opt("parentTopic")));
        VENDORS.put("tencent", List.of(Param.req("productId"), Param.req("deviceName"), Param.secretReq("devicePsk"),
                Param.opt("connId"), Param.opt("expiry"), Param.opt("lifetime"),
                Param.choice("signMethod", "hmacsha256", "hmacsha1"), Param.opt("sdkAppId"),
                Param.choice("transport", "tcp", "tls"), Param.opt("host"), Param.opt("port")));
        VENDORS.put("huawei", List.of(Param.req("deviceId"), Param.secretReq("secret"), Param.opt("timestamp"),
                Param.choice("signType", "0", "1"), Param.choice("transport", "tls", "tcp"), Param.opt("host"),
                Param.opt("port")));
        VENDORS.put("onenet", List.of(Param.req("productId"), Param.req("deviceName"), Param.secretReq("accessKey"),
                Param.opt("et"), Param.opt("lifetime"), Param.choice("method", "sha256", "sha1", "md5"),
                Param.opt("version"), Param.opt("res"), Param.choice("transport", "tcp", "tls"), Param.opt("host"),
                Param.opt("port")));
    }

    private final StringProperty vendor;
    private final StringProperty paramsText;
    private final Map<String, StringProperty> values = new LinkedHashMap<>();
    private final Map<String, StringProperty> errors = new LinkedHashMap<>();
    private boolean syncing;

    /** @param paramsText the editor's "name=value" lines, the profile's signing parameters */
    SigningFields(StringProperty vendor, StringProperty paramsText) {
        this.vendor = vendor;
        this.paramsText = paramsText;
        for (List<Param> ps : VENDORS.values()) {
            for (Param p : ps) {
                values.computeIfAbsent(p.name(), k -> {
                    StringProperty v = new SimpleStringProperty("");
                    v.addListener((o, a, b) -> fieldsChanged());
                    return v;
                });
                errors.computeIfAbsent(p.name(), k -> new SimpleStringProperty(""));
            }
        }
        paramsText.addListener((o, a, b) -> textChanged());
        vendor.addListener((o, a, b) -> fieldsChanged());
        textChanged();
    }

    /** The inputs of the selected vendor (empty when none is selected). */
    public List<Param> params() {
        String v = vendor.get();
        return v == null ? List.of() : VENDORS.getOrDefault(v.trim(), List.of());
    }

    public StringProperty value(String name) {
        return values.get(name);
    }

    public StringProperty error(String name) {
        return errors.get(name);
    }

    private void textChanged() {
        if (syncing) {
            return;
        }
        syncing = true;
        try {
            Map<String, String> parsed = parse(paramsText.get());
            for (Map.Entry<String, StringProperty> e : values.entrySet()) {
                e.getValue().set(parsed.getOrDefault(e.getKey(), ""));
            }
        } finally {
            syncing = false;
        }
        validate();
    }

    private void fieldsChanged() {
        if (syncing) {
            return;
        }
        List<Param> ps = params();
        if (!ps.isEmpty()) {
            Map<String, String> old = parse(paramsText.get());
            Set<String> known = new LinkedHashSet<>();
            VENDORS.values().forEach(l -> l.forEach(p -> known.add(p.name())));
            StringBuilder sb = new StringBuilder();
            for (Param p : ps) {
                String v = values.get(p.name()).get();
                if (v != null && !v.isBlank()) {
                    sb.append(p.name()).append('=').append(v.strip()).append('\n');
                }
            }
            // inputs no field knows about (e.g. typed by hand, or from a newer version) are kept
            old.forEach((k, v) -> {
                if (!known.contains(k)) {
                    sb.append(k).append('=').append(v).append('\n');
                }
            });
            syncing = true;
            try {
                paramsText.set(sb.toString().strip());
            } finally {
                syncing = false;
            }
        }
        validate();
    }

    /** Required inputs present, choices valid, and the signer's own complaint shown next to the input it names. */
    void validate() {
        errors.values().forEach(e -> e.set(""));
        List<Param> ps = params();
        if (ps.isEmpty()) {
            return;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (Param p : ps) {
            String v = values.get(p.name()).get();
            if (v == null || v.isBlank()) {
                if (p.required()) {
                    errors.get(p.name()).set(I18n.t("editor.error.required"));
                }
                continue;
            }
            params.put(p.name(), v.strip());
        }
        parse(paramsText.get()).forEach(params::putIfAbsent);
        try {
            Signer.sign(vendor.get().trim(), params, Instant.now());
        } catch (SigningException e) {
            StringProperty err = e.param() == null ? null : errors.get(e.param());
            if (err != null && err.get().isEmpty()) {
                err.set(e.getMessage());
            }
        } catch (RuntimeException e) {
            // the preview shows other failures
        }
    }

    static Map<String, String> parse(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        if (text == null) {
            return m;
        }
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return m;
    }
}
