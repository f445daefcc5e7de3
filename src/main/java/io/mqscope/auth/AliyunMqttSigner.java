package io.mqscope.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Alibaba Cloud Message Queue for MQTT (微消息队列 MQTT 版). clientId {@code GroupId@@@DeviceId}.
 * Signature mode: username {@code Signature|AccessKeyId|InstanceId}, password Base64(HMAC-SHA1(AccessKeySecret,
 * clientId)); DeviceCredential mode (upgraded instances) is the same computation with the device's credential pair.
 * Token mode: username {@code Token|AccessKeyId|InstanceId}, password the tokens as {@code type|token} joined by
 * {@code |}, e.g. {@code R|123|W|abcd} (types R, W, RW). Source: Alibaba Cloud, "Authentication overview" and
 * "Client-related methods in token authentication" (alibabacloud.com/help/doc-detail/54282.htm).
 *
 * <p>Inputs: accessKey, instanceId, groupId, deviceId (required); secretKey (signature mode); readToken, writeToken
 * readWriteToken (token mode); mode signature | token | devicecredential (default: token when a token is given);
 * transport tcp | tls | ws | wss;
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
        boolean hasToken = p.optional("readToken") != null || p.optional("writeToken") != null
                || p.optional("readWriteToken") != null;
        String mode = p.oneOf("mode", hasToken ? "token" : "signature", "signature", "token", "devicecredential");
        String username;
        String password;
        String signedString;
        if (!mode.equals("token")) {
            String secretKey = p.required("secretKey");
            signedString = clientId;
            password = Base64.getEncoder().encodeToString(Hmac.mac("HmacSHA1", secretKey, clientId));
            username = (mode.equals("signature") ? "Signature|" : "DeviceCredential|") + accessKey + "|" + instanceId;
        } else {
            StringBuilder sb = new StringBuilder();
            for (String[] t : new String[][] {{"R", "readToken"}, {"W", "writeToken"}, {"RW", "readWriteToken"}}) {
                String token = p.optional(t[1]);
                if (token != null) {
                    sb.append(sb.length() > 0 ? "|" : "").append(t[0]).append('|').append(token);
                }
            }
            if (sb.length() == 0) {
                throw new SigningException("readToken", "token mode needs readToken, writeToken or readWriteToken");
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
