package io.mqscope.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alibaba Cloud IoT Platform (物联网平台) device-secret authentication over MQTT.
 *
 * <p>mqttClientId {@code id|securemode=2|3,signmethod=...,timestamp=...|}, username {@code deviceName&productKey},
 * password the hex HMAC of the parameters clientId, deviceName, productKey and timestamp, sorted by name and
 * concatenated as name+value without separators. Source: Alibaba Cloud, "Establish MQTT connections over TCP"
 * (help.aliyun.com/document_detail/73742.html).
 *
 * <p>Inputs ({@link io.mqscope.profile.Profile.Signing#params()} names): productKey, deviceName, deviceSecret
 * (required); clientId (default {@code productKey.deviceName}); timestamp (milliseconds, {@code now}, or absent);
 * signMethod hmacsha1 | hmacsha256 (default) | hmacmd5; secureMode 2 (TLS) | 3 (TCP); transport tcp | tls | wss;
 * region (default cn-shanghai) or instanceEndpoint (host of an Enterprise Edition instance); port; keepAlive.
 */
public final class AliyunIotSigner {
    public static final String VENDOR = "aliyun-iot";
    static final int KEEPALIVE_MIN = 30;
    static final int KEEPALIVE_MAX = 1200;

    private AliyunIotSigner() {
    }

    public static SignedCredentials sign(Map<String, String> params, Instant now) {
        Params p = new Params(params);
        String productKey = p.required("productKey");
        String deviceName = p.required("deviceName");
        String deviceSecret = p.required("deviceSecret");
        String clientId = p.or("clientId", productKey + "." + deviceName);
        String timestamp = "now".equalsIgnoreCase(p.optional("timestamp"))
                ? String.valueOf(now.toEpochMilli()) : p.digits("timestamp", false);
        String signMethod = p.oneOf("signMethod", "hmacsha256", "hmacsha1", "hmacsha256", "hmacmd5");
        String transport = p.optional("transport") == null ? null : p.oneOf("transport", null, "tcp", "tls", "wss");
        Integer secureMode = p.integer("secureMode", 2, 3);
        List<String> warnings = new ArrayList<>();
        if (secureMode == null) {
            secureMode = transport == null || !transport.equals("tcp") ? 2 : 3;
        }
        if (transport == null) {
            transport = secureMode == 3 ? "tcp" : "tls";
        }
        if (secureMode == 3 && !transport.equals("tcp")) {
            warnings.add("securemode=3 means plain TCP but transport is " + transport);
        } else if (secureMode == 2 && transport.equals("tcp")) {
            warnings.add("securemode=2 means TLS but transport is tcp");
        }
        if (secureMode == 3) {
            warnings.add("plain TCP (securemode=3) is refused for devices created after 2022-08-02; prefer TLS");
        }
        if (clientId.length() > 64) {
            warnings.add("clientId is " + clientId.length() + " characters; Aliyun allows at most 64");
        }
        Integer keepAlive = p.integer("keepAlive", 0, 65535);
        if (keepAlive != null && (keepAlive < KEEPALIVE_MIN || keepAlive > KEEPALIVE_MAX)) {
            warnings.add("keepalive " + keepAlive + " s is outside Aliyun's accepted 30..1200 s; the broker will"
                    + " refuse the connection");
        }

        // Parameter names in dictionary order, each followed by its value, no separators.
        TreeMap<String, String> signed = new TreeMap<>();
        signed.put("clientId", clientId);
        signed.put("deviceName", deviceName);
        signed.put("productKey", productKey);
        if (timestamp != null) {
            signed.put("timestamp", timestamp);
        }
        StringBuilder content = new StringBuilder();
        signed.forEach((k, v) -> content.append(k).append(v));
        String signedString = content.toString();
        String password = Hmac.hex(Hmac.mac(Hmac.javaName(signMethod), deviceSecret, signedString));

        String mqttClientId = clientId + "|securemode=" + secureMode + ",signmethod=" + signMethod
                + (timestamp == null ? "" : ",timestamp=" + timestamp) + "|";
        String endpoint = p.optional("instanceEndpoint");
        String host = endpoint != null ? endpoint
                : productKey + ".iot-as-mqtt." + p.or("region", "cn-shanghai") + ".aliyuncs.com";
        Integer port = p.integer("port", 1, 65535);
        if (port == null) {
            port = transport.equals("wss") ? 443 : 1883;
        }
        return new SignedCredentials(mqttClientId, deviceName + "&" + productKey, password, host, port, transport,
                transport.equals("wss") ? "/mqtt" : null, signedString, warnings);
    }
}
