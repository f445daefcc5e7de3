package io.mqscope.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Alibaba Cloud Message Queue for MQTT (微消息队列 MQTT 版). clientId {@code GroupId@@@DeviceId}.
 * Signature mode: username {@code Signature|AccessKeyId|InstanceId}, password Base64(HMAC-SHA1(AccessKeySecret,
 * clientId)). Token mode: username {@code Token|AccessKeyId|InstanceId}, password {@code R|readToken} and/or
 * {@code W|writeToken} joined by {@code |}. Source: Alibaba Cloud, "Signature authentication" / "Token-based
 * authentication" for ApsaraMQ for MQTT.
 *
 * <p>Inputs: accessKey, instanceId, groupId, deviceId (required); secretKey (signature mode); readToken, writeToken
 * (token mode); mode signature | token (default: token when a token is given); transport tcp | tls | ws | wss;
 * endpoint (default {@code instanceId.mqtt.aliyuncs.com}); port.
 */
public final class AliyunMqttSigner {
    public static final String VENDOR = "aliyun-mqtt";

    private AliyunMqttSigner() {
    }

    /** The P2P topic that delivers a message to exactly one client: {@code parentTopic/p2p/clientId}. */
    public static String p2pTopic(String parentTopic, String clientId) {
        String parent = parentTopic.endsWith("/") ? parentTopic.substring(0, parentTopic.length() - 1) : parentTopic;
        return parent + "/p2p/" + clientId;
    }

    public static SignedCredentials sign(Map<String, String> params, Instant now) {
        Params p = new Params(params);
        String accessKey = p.required("accessKey");
        String instanceId = p.required("instanceId");
        String groupId = p.required("groupId");
        String deviceId = p.required("deviceId");
        List<String> warnings = new ArrayList<>();
        if (!groupId.startsWith("GID_") && !groupId.startsWith("GID-")) {
            warnings.add("groupId usually starts with GID_ (got '" + groupId + "')");
        }
        String clientId = groupId + "@@@" + deviceId;
        if (clientId.length() > 64) {
            warnings.add("clientId is " + clientId.length() + " characters; the service allows at most 64");
        }
        boolean hasToken = p.optional("readToken") != null || p.optional("writeToken") != null;
        String mode = p.oneOf("mode", hasToken ? "token" : "signature", "signature", "token");
        String username;
        String password;
        String signedString;
        if (mode.equals("signature")) {
            String secretKey = p.required("secretKey");
            signedString = clientId;
            password = Base64.getEncoder().encodeToString(Hmac.mac("HmacSHA1", secretKey, clientId));
            username = "Signature|" + accessKey + "|" + instanceId;
        } else {
            String read = p.optional("readToken");
            String write = p.optional("writeToken");
            if (read == null && write == null) {
                throw new SigningException("readToken", "token mode needs readToken and/or writeToken");
            }
            StringBuilder sb = new StringBuilder();
            if (read != null) {
                sb.append("R|").append(read);
            }
            if (write != null) {
                sb.append(sb.length() > 0 ? "|" : "").append("W|").append(write);
            }
            password = sb.toString();
            signedString = null;
            username = "Token|" + accessKey + "|" + instanceId;
        }
        String transport = p.oneOf("transport", "tcp", "tcp", "tls", "ws", "wss");
        Integer port = p.integer("port", 1, 65535);
        if (port == null) {
            port = switch (transport) {
                case "tls" -> 8883;
                case "ws" -> 80;
                case "wss" -> 443;
                default -> 1883;
            };
        }
        String host = p.or("endpoint", instanceId + ".mqtt.aliyuncs.com");
        return new SignedCredentials(clientId, username, password, host, port, transport,
                transport.startsWith("ws") ? "/mqtt" : null, signedString, warnings);
    }
}
