package io.mqscope.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tencent Cloud IoT Hub / IoT Explorer key authentication over MQTT. clientId {@code productIddeviceName}; username
 * {@code productIddeviceName;sdkappid;connid;expiry}; password {@code hex(HMAC(base64decode(devicePsk), username));
 * hmacsha256|hmacsha1}. Source: Tencent Cloud, "MQTT-Based Device Connection over TCP"
 * (cloud.tencent.com/document/product/634/32546, tencentcloud.com/document/product/1105/41824).
 *
 * <p>Inputs: productId, deviceName, devicePsk (Base64, as shown in the console) required; connId (5 characters;
 * default derived from {@code now}); expiry (Unix seconds; default now + lifetime); lifetime (seconds, default
 * 3600); signMethod hmacsha256 (default) | hmacsha1; sdkAppId (default 12010126); transport tcp | tls; host; port.
 */
public final class TencentSigner {
    public static final String VENDOR = "tencent";
    public static final String DEFAULT_SDK_APP_ID = "12010126";

    private TencentSigner() {
    }

    public static SignedCredentials sign(Map<String, String> params, Instant now) {
        Params p = new Params(params);
        String productId = p.required("productId");
        String deviceName = p.required("deviceName");
        byte[] psk = p.base64("devicePsk");
        String signMethod = p.oneOf("signMethod", "hmacsha256", "hmacsha256", "hmacsha1");
        String sdkAppId = p.or("sdkAppId", DEFAULT_SDK_APP_ID);
        String connId = p.optional("connId");
        if (connId == null) {
            // Deterministic for a given instant so signing stays a pure function of its inputs.
            String b36 = Long.toString(now.toEpochMilli(), 36);
            connId = b36.substring(Math.max(0, b36.length() - 5));
        }
        String expiry = p.digits("expiry", false);
        if (expiry == null) {
            Integer lifetime = p.integer("lifetime", 1, Integer.MAX_VALUE);
            expiry = String.valueOf(now.getEpochSecond() + (lifetime == null ? 3600 : lifetime));
        }
        List<String> warnings = new ArrayList<>();
        if (Long.parseLong(expiry) <= now.getEpochSecond()) {
            warnings.add("expiry " + expiry + " is not in the future; the broker will refuse the connection");
        }
        String clientId = productId + deviceName;
        String username = clientId + ";" + sdkAppId + ";" + connId + ";" + expiry;
        String token = Hmac.hex(Hmac.mac(Hmac.javaName(signMethod), psk, username));
        String transport = p.oneOf("transport", "tcp", "tcp", "tls");
        Integer port = p.integer("port", 1, 65535);
        if (port == null) {
            port = transport.equals("tls") ? 8883 : 1883;
        }
        String host = p.or("host", productId + ".iotcloud.tencentdevices.com");
        return new SignedCredentials(clientId, username, token + ";" + signMethod, host, port, transport, null,
                username, warnings);
    }
}
