package io.mqscope.profile;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which profile fields are secrets, and moving them out of and back into a profile. Secret names: {@code password},
 * {@code tls.keyPassword}, {@code proxy.password} and {@code signing.<param>} for vendor secrets (deviceSecret,
 * secretKey, devicePsk, secret, readToken, writeToken, readWriteToken, and OneNET's accessKey).
 */
public final class ProfileSecrets {
    private static final Set<String> SECRET_SIGNING_PARAMS = Set.of("deviceSecret", "secretKey", "devicePsk",
            "secret", "readToken", "writeToken", "readWriteToken");

    private ProfileSecrets() {
    }

    /** Whether a vendor signing parameter is a secret. OneNET's accessKey is a key; Aliyun's is only an id. */
    public static boolean isSecretSigningParam(String vendor, String param) {
        return SECRET_SIGNING_PARAMS.contains(param) || ("onenet".equals(vendor) && "accessKey".equals(param));
    }

    /** The secrets of a profile by name; only non-null values. */
    public static Map<String, String> extract(Profile p) {
        Map<String, String> m = new LinkedHashMap<>();
        if (p.password() != null) {
            m.put("password", p.password());
        }
        if (p.tls().keyPassword() != null) {
            m.put("tls.keyPassword", p.tls().keyPassword());
        }
        if (p.proxy() != null && p.proxy().password() != null) {
            m.put("proxy.password", p.proxy().password());
        }
        if (p.signing() != null) {
            p.signing().params().forEach((k, v) -> {
                if (v != null && isSecretSigningParam(p.signing().vendor(), k)) {
                    m.put("signing." + k, v);
                }
            });
        }
        return m;
    }

    /** The profile without any secret. */
    public static Profile strip(Profile p) {
        Profile.Builder b = p.toBuilder().password(null);
        Profile.TlsSettings t = p.tls();
        b.tls(new Profile.TlsSettings(t.caFile(), t.clientCertFile(), t.clientKeyFile(), null, t.sniHost(), t.alpn(),
                t.verifyHostname(), t.insecure()));
        if (p.proxy() != null) {
            Profile.ProxySettings x = p.proxy();
            b.proxy(new Profile.ProxySettings(x.type(), x.host(), x.port(), x.username(), null));
        }
        if (p.signing() != null) {
            Map<String, String> params = new HashMap<>(p.signing().params());
            params.keySet().removeIf(k -> isSecretSigningParam(p.signing().vendor(), k));
            b.signing(new Profile.Signing(p.signing().vendor(), params));
        }
        return b.build();
    }

    /** The profile with the named secrets put back (names as from {@link #extract}). */
    public static Profile fill(Profile p, Map<String, String> secrets) {
        if (secrets.isEmpty()) {
            return p;
        }
        Profile.Builder b = p.toBuilder();
        if (secrets.containsKey("password")) {
            b.password(secrets.get("password"));
        }
        if (secrets.containsKey("tls.keyPassword")) {
            Profile.TlsSettings t = p.tls();
            b.tls(new Profile.TlsSettings(t.caFile(), t.clientCertFile(), t.clientKeyFile(),
                    secrets.get("tls.keyPassword"), t.sniHost(), t.alpn(), t.verifyHostname(), t.insecure()));
        }
        if (secrets.containsKey("proxy.password") && p.proxy() != null) {
            Profile.ProxySettings x = p.proxy();
            b.proxy(new Profile.ProxySettings(x.type(), x.host(), x.port(), x.username(),
                    secrets.get("proxy.password")));
        }
        if (p.signing() != null) {
            Map<String, String> params = new HashMap<>(p.signing().params());
            secrets.forEach((k, v) -> {
                if (k.startsWith("signing.")) {
                    params.put(k.substring("signing.".length()), v);
                }
            });
            b.signing(new Profile.Signing(p.signing().vendor(), params));
        }
        return b.build();
    }
}
