package io.mqscope.auth;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Huawei Cloud IoTDA secret authentication over MQTT. clientId {@code deviceId_0_signType_yyyyMMddHH} (UTC hour),
 * username deviceId, password lowercase hex HMAC-SHA256 of the device secret keyed by the timestamp. signType 0 means
 * the platform does not check the timestamp against its clock, 1 means it does. Source: Huawei Cloud, "Device
 * Connection Authentication" (support.huaweicloud.com/intl/en-us/api-iothub/iot_06_v5_3009.html).
 *
 * <p>Inputs: deviceId, secret required; timestamp ({@code yyyyMMddHH}; default {@code now} in UTC); signType 0
 * (default) | 1; transport tls (default) | tcp; host (the instance's access address, shown in the console); port.
 */
public final class HuaweiSigner {
    public static final String VENDOR = "huawei";
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMddHH").withZone(ZoneOffset.UTC);

    private HuaweiSigner() {
    }

    public static SignedCredentials sign(Map<String, String> params, Instant now) {
        Params p = new Params(params);
        String deviceId = p.required("deviceId");
        String secret = p.required("secret");
        String timestamp = p.digits("timestamp", false);
        if (timestamp == null) {
            timestamp = HOUR.format(now);
        } else if (timestamp.length() != 10) {
            throw new SigningException("timestamp", "timestamp must be the UTC hour as yyyyMMddHH (10 digits), not '"
                    + timestamp + "'");
        }
        int signType = p.integer("signType", 0, 1) == null ? 0 : p.integer("signType", 0, 1);
        String password = Hmac.hex(Hmac.mac("HmacSHA256", timestamp, secret));
        String transport = p.oneOf("transport", "tls", "tls", "tcp");
        Integer port = p.integer("port", 1, 65535);
        if (port == null) {
            port = transport.equals("tls") ? 8883 : 1883;
        }
        List<String> warnings = new ArrayList<>();
        String host = p.optional("host");
        if (host == null) {
            warnings.add("no host given: use the access address shown on your IoTDA instance's overview page");
        }
        return new SignedCredentials(deviceId + "_0_" + signType + "_" + timestamp, deviceId, password, host, port,
                transport, null, secret, warnings);
    }
}
