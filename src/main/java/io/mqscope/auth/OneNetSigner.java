package io.mqscope.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * China Mobile OneNET token authentication over MQTT: clientId deviceName, username productId, password the token
 * {@code version=..&res=..&et=..&method=..&sign=..} with URL-encoded values, where sign =
 * Base64(HMAC-method(base64decode(accessKey), et\nmethod\nres\nversion)). Source: OneNET, "token 算法"
 * (open.iot.10086.cn/doc/mqtt/book/manual/auth/token.html).
 *
 * <p>Inputs: productId, deviceName, accessKey (the device key, Base64) required; et (expiry, Unix seconds; default
 * now + lifetime); lifetime (seconds, default 3600); method sha256 (default) | sha1 | md5; version (default
 * 2018-10-31); res (default {@code products/{productId}/devices/{deviceName}}); transport tcp | tls; host; port.
 */
public final class OneNetSigner {
    public static final String VENDOR = "onenet";
    public static final String DEFAULT_VERSION = "2018-10-31";

    private OneNetSigner() {
    }

    public static SignedCredentials sign(Map<String, String> params, Instant now) {
        Params p = new Params(params);
        String productId = p.required("productId");
        String deviceName = p.required("deviceName");
        byte[] key = p.base64("accessKey");
        String raw = p.or("method", "sha256").toLowerCase(java.util.Locale.ROOT);
        String method = p.oneOf("method", "sha256", "sha256", "sha1", "md5", "hmacsha256", "hmacsha1", "hmacmd5");
        method = method.startsWith("hmac") ? method.substring(4) : method;
        String version = p.or("version", DEFAULT_VERSION);
        String res = p.or("res", "products/" + productId + "/devices/" + deviceName);
        String et = p.digits("et", false);
        if (et == null) {
            Integer lifetime = p.integer("lifetime", 1, Integer.MAX_VALUE);
            et = String.valueOf(now.getEpochSecond() + (lifetime == null ? 3600 : lifetime));
        }
        List<String> warnings = new ArrayList<>();
        if (Long.parseLong(et) <= now.getEpochSecond()) {
            warnings.add("et " + et + " is not in the future; the platform will refuse the token");
        }
        if (!raw.equals(method) && !raw.equals("hmac" + method)) {
            warnings.add("method normalised to " + method);
        }
        String signedString = et + "\n" + method + "\n" + res + "\n" + version;
        String sign = Base64.getEncoder().encodeToString(Hmac.mac(Hmac.javaName(method), key, signedString));
        String token = "version=" + encode(version) + "&res=" + encode(res) + "&et=" + et + "&method=" + method
                + "&sign=" + encode(sign);
        String transport = p.oneOf("transport", "tcp", "tcp", "tls");
        Integer port = p.integer("port", 1, 65535);
        if (port == null) {
            port = transport.equals("tls") ? 8883 : 1883;
        }
        return new SignedCredentials(deviceName, productId, token, p.or("host", "mqtts.heclouds.com"), port,
                transport, null, signedString, warnings);
    }

    /** Percent-encoding as the token requires: '/' -> %2F, '=' -> %3D, '+' -> %2B, space -> %20. */
    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
