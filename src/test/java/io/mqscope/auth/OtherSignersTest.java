package io.mqscope.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Aliyun MQTT, Tencent, Huawei and OneNET. None of these vendors' pages publishes a complete worked example with its
 * key (OneNET's token page shows only the token layout, with a placeholder sign), so every expected password below
 * was computed independently with openssl; the command is in the comment next to each value.
 */
class OtherSignersTest {
    private static final Instant NOW = Instant.parse("2023-11-14T22:13:20Z"); // epoch second 1700000000

    @Test
    void aliyunMqttSignatureMode() {
        Map<String, String> m = new HashMap<>(Map.of("accessKey", "AK", "secretKey", "SK", "instanceId",
                "post-cn-abc", "groupId", "GID_x", "deviceId", "d1"));
        SignedCredentials c = AliyunMqttSigner.sign(m, NOW);
        assertThat(c.clientId()).isEqualTo("GID_x@@@d1");
        assertThat(c.username()).isEqualTo("Signature|AK|post-cn-abc");
        // printf %s 'GID_x@@@d1' | openssl dgst -sha1 -hmac SK -binary | base64
        assertThat(c.password()).isEqualTo("WCQV3Js9IB04XCO4+69+AZ9LOI8=");
        assertThat(c.signedString()).isEqualTo("GID_x@@@d1");
        assertThat(c.host()).isEqualTo("post-cn-abc.mqtt.aliyuncs.com");
        assertThat(c.port()).isEqualTo(1883);
        assertThat(AliyunMqttSigner.p2pTopic("parent/", c.clientId())).isEqualTo("parent/p2p/GID_x@@@d1");
        m.put("mode", "devicecredential");
        SignedCredentials dc = AliyunMqttSigner.sign(m, NOW);
        assertThat(dc.username()).isEqualTo("DeviceCredential|AK|post-cn-abc");
        assertThat(dc.password()).isEqualTo(c.password());
    }

    @Test
    void aliyunMqttTokenMode() {
        Map<String, String> m = new HashMap<>(Map.of("accessKey", "AK", "instanceId", "post-cn-abc", "groupId",
                "GID_x", "deviceId", "d1", "readToken", "tokR", "writeToken", "tokW", "transport", "wss"));
        SignedCredentials c = AliyunMqttSigner.sign(m, NOW);
        assertThat(c.username()).isEqualTo("Token|AK|post-cn-abc");
        assertThat(c.password()).isEqualTo("R|tokR|W|tokW");
        assertThat(c.port()).isEqualTo(443);
        assertThat(c.wsPath()).isEqualTo("/mqtt");
        m.remove("readToken");
        assertThat(AliyunMqttSigner.sign(m, NOW).password()).isEqualTo("W|tokW");
        m.put("readWriteToken", "tokRW");
        assertThat(AliyunMqttSigner.sign(m, NOW).password()).isEqualTo("W|tokW|RW|tokRW");
        m.remove("readWriteToken");
        m.remove("writeToken");
        m.put("mode", "token");
        assertThatThrownBy(() -> AliyunMqttSigner.sign(m, NOW)).isInstanceOf(SigningException.class);
    }

    @Test
    void tencent() {
        // devicePsk MTIzNDU2Nzg5MDEyMzQ1Ng== is Base64 of the ASCII key 1234567890123456.
        Map<String, String> m = new HashMap<>(Map.of("productId", "ABCDEFGHIJ", "deviceName", "dev1", "devicePsk",
                "MTIzNDU2Nzg5MDEyMzQ1Ng==", "connId", "abcde", "expiry", "1700003600"));
        SignedCredentials c = TencentSigner.sign(m, NOW);
        assertThat(c.clientId()).isEqualTo("ABCDEFGHIJdev1");
        assertThat(c.username()).isEqualTo("ABCDEFGHIJdev1;12010126;abcde;1700003600");
        assertThat(c.signedString()).isEqualTo(c.username());
        assertThat(c.host()).isEqualTo("ABCDEFGHIJ.iotcloud.tencentdevices.com");
        assertThat(c.warnings()).isEmpty();
        m.put("expiry", "1700000000");
        SignedCredentials fixed = TencentSigner.sign(m, NOW);
        // printf %s 'ABCDEFGHIJdev1;12010126;abcde;1700000000' | openssl dgst -sha256 -hmac 1234567890123456
        assertThat(fixed.password())
                .isEqualTo("794b8df0d98ce436f5c88a77e178e706a838c7b8c901858f60ef504aee9407ab;hmacsha256");
        assertThat(fixed.warnings()).anyMatch(w -> w.contains("not in the future"));
        m.put("signMethod", "hmacsha1");
        // ... | openssl dgst -sha1 -hmac 1234567890123456
        assertThat(TencentSigner.sign(m, NOW).password())
                .isEqualTo("f8c6bb28a3ea93132d89bb8ea3a9b1d3f0097420;hmacsha1");
        m.remove("expiry");
        assertThat(TencentSigner.sign(m, NOW).username()).endsWith(";1700003600");
        m.put("devicePsk", "not base64!");
        assertThatThrownBy(() -> TencentSigner.sign(m, NOW))
                .extracting(e -> ((SigningException) e).param()).isEqualTo("devicePsk");
    }

    @Test
    void huawei() {
        Map<String, String> m = new HashMap<>(Map.of("deviceId", "5f1234_dev", "secret", "12345678", "timestamp",
                "2018072417"));
        SignedCredentials c = HuaweiSigner.sign(m, NOW);
        assertThat(c.clientId()).isEqualTo("5f1234_dev_0_0_2018072417");
        assertThat(c.username()).isEqualTo("5f1234_dev");
        // printf %s 12345678 | openssl dgst -sha256 -hmac 2018072417
        assertThat(c.password()).isEqualTo("cda20ea47ca2e8f01d9dd8aa9eb7e7937562f5be6982ea82d46c582c4a476b3f");
        assertThat(c.port()).isEqualTo(8883);
        m.remove("timestamp");
        m.put("signType", "1");
        SignedCredentials now = HuaweiSigner.sign(m, Instant.parse("2024-01-02T03:59:59Z"));
        assertThat(now.clientId()).isEqualTo("5f1234_dev_0_1_2024010203");
        // printf %s 12345678 | openssl dgst -sha256 -hmac 2024010203
        assertThat(now.password()).isEqualTo("2b7be4e17e09a059116b2dcefc9c0857559ed473d684d902e43afd92dbdf8b64");
        m.put("timestamp", "20240102");
        assertThatThrownBy(() -> HuaweiSigner.sign(m, NOW)).hasMessageContaining("yyyyMMddHH");
    }

    @Test
    void oneNet() {
        // accessKey q83vEjRWeJA= is Base64 of the bytes ab cd ef 12 34 56 78 90.
        Map<String, String> m = new HashMap<>(Map.of("productId", "123123", "deviceName", "mydev", "accessKey",
                "q83vEjRWeJA=", "et", "1537255523", "method", "sha1"));
        SignedCredentials c = OneNetSigner.sign(m, Instant.parse("2018-09-01T00:00:00Z"));
        assertThat(c.clientId()).isEqualTo("mydev");
        assertThat(c.username()).isEqualTo("123123");
        assertThat(c.signedString()).isEqualTo("1537255523\nsha1\nproducts/123123/devices/mydev\n2018-10-31");
        // printf '1537255523\nsha1\nproducts/123123/devices/mydev\n2018-10-31'
        //   | openssl dgst -sha1 -mac HMAC -macopt hexkey:abcdef1234567890 -binary | base64
        assertThat(c.password()).isEqualTo("version=2018-10-31&res=products%2F123123%2Fdevices%2Fmydev"
                + "&et=1537255523&method=sha1&sign=LKWmxbURMK3aUh4PhrzBcsrjO4Q%3D");
        m.put("method", "sha256");
        // same with -sha256: QWrZGKcSFVDh+n1AFMmXobCxHghsMdt7MBIbPY6RCdM=  ('+' must be %2B)
        assertThat(OneNetSigner.sign(m, NOW).password())
                .endsWith("&method=sha256&sign=QWrZGKcSFVDh%2Bn1AFMmXobCxHghsMdt7MBIbPY6RCdM%3D");
        m.put("method", "md5");
        // same with -md5: K5KcMKsmBsOxiF8w3fOR3Q==
        assertThat(OneNetSigner.sign(m, NOW).password()).endsWith("&sign=K5KcMKsmBsOxiF8w3fOR3Q%3D%3D");
        assertThat(OneNetSigner.sign(m, NOW).host()).isEqualTo("mqtts.heclouds.com");
    }

    /**
     * Layout from OneNET's token page (open.iot.10086.cn/doc/mqtt/book/manual/auth/token.html): et 1537255523,
     * method sha1, res products/123123, version 2018-10-31 give StringForSignature "1537255523\nsha1\nproducts/123123
     * \n2018-10-31" and a token whose values are URL-encoded (res=products%2F123123). The page's sign value is a
     * placeholder and its key is not given, so only the layout is checked here.
     */
    @Test
    void oneNetDocumentedLayout() {
        Map<String, String> m = Map.of("productId", "123123", "deviceName", "d", "accessKey", "q83vEjRWeJA=",
                "et", "1537255523", "method", "sha1", "res", "products/123123");
        SignedCredentials c = OneNetSigner.sign(m, Instant.parse("2018-09-01T00:00:00Z"));
        assertThat(c.signedString()).isEqualTo("1537255523\nsha1\nproducts/123123\n2018-10-31");
        assertThat(c.password()).startsWith("version=2018-10-31&res=products%2F123123&et=1537255523&method=sha1&sign=");
    }

    /** clientId example from Huawei's API reference (support.huaweicloud.com/intl/en-us/api-IoT/iot_06_3009.html). */
    @Test
    void huaweiDocumentedClientId() {
        SignedCredentials c = HuaweiSigner.sign(Map.of("deviceId", "D39564861q3gDa", "secret", "s", "timestamp",
                "2018072417"), NOW);
        assertThat(c.clientId()).isEqualTo("D39564861q3gDa_0_0_2018072417");
        // The page's rule: 2018/7/24 17:56:20 UTC gives timestamp 2018072417.
        assertThat(HuaweiSigner.sign(Map.of("deviceId", "D39564861q3gDa", "secret", "s"),
                Instant.parse("2018-07-24T17:56:20Z")).clientId()).isEqualTo("D39564861q3gDa_0_0_2018072417");
    }

    @Test
    void signerAppliesFreshCredentialsToAProfile() {
        Profile p = Profile.builder().name("dev").clientId("old").randomClientIdSuffix(true)
                .signing(new Profile.Signing("aliyun-iot", Map.of("productKey", "pk", "deviceName", "device",
                        "deviceSecret", "secret", "clientId", "12345", "timestamp", "now", "signMethod",
                        "hmacsha1", "transport", "wss")))
                .build();
        SignedCredentials first = Signer.sign(p.signing(), Instant.ofEpochMilli(1000));
        SignedCredentials second = Signer.sign(p.signing(), Instant.ofEpochMilli(2000));
        assertThat(first.password()).isNotEqualTo(second.password());
        Profile applied = Signer.apply(p, first);
        assertThat(applied.clientId()).isEqualTo("12345|securemode=2,signmethod=hmacsha1,timestamp=1000|");
        assertThat(applied.randomClientIdSuffix()).isFalse();
        assertThat(applied.username()).isEqualTo("device&pk");
        assertThat(applied.password()).isEqualTo(first.password());
        assertThat(applied.transport()).isEqualTo(Transport.WSS);
        assertThat(applied.port()).isEqualTo(443);
        assertThat(applied.wsPath()).isEqualTo("/mqtt");
        assertThat(applied.name()).isEqualTo("dev");
        assertThatThrownBy(() -> Signer.sign(new Profile.Signing("acme", Map.of()), Instant.EPOCH))
                .hasMessageContaining("unknown signing vendor");
        assertThat(Signer.isSecretParam("onenet", "accessKey")).isTrue();
        assertThat(Signer.isSecretParam("aliyun-mqtt", "accessKey")).isFalse();
    }
}
