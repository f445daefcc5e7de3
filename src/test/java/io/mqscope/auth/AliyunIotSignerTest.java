package io.mqscope.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AliyunIotSignerTest {
    private static final Instant NOW = Instant.parse("2024-01-02T03:04:05Z");

    private static Map<String, String> docExample() {
        Map<String, String> m = new HashMap<>();
        m.put("clientId", "12345");
        m.put("deviceName", "device");
        m.put("productKey", "pk");
        m.put("timestamp", "789");
        m.put("signMethod", "hmacsha1");
        m.put("deviceSecret", "secret");
        m.put("secureMode", "3");
        return m;
    }

    /**
     * Worked example from Alibaba Cloud, "建立MQTT连接" (help.aliyun.com/document_detail/73742.html): clientId 12345,
     * deviceName device, productKey pk, timestamp 789, signmethod hmacsha1, deviceSecret secret. The page prints the
     * password upper-case with the last four digits masked: FAFD82A3D602B37FB0FA8B7892F24A477F85****. The full value
     * was cross-checked with {@code printf %s clientId12345deviceNamedeviceproductKeypktimestamp789 | openssl dgst
     * -sha1 -hmac secret}.
     */
    @Test
    void reproducesTheDocumentedExample() {
        SignedCredentials c = AliyunIotSigner.sign(docExample(), NOW);
        assertThat(c.clientId()).isEqualTo("12345|securemode=3,signmethod=hmacsha1,timestamp=789|");
        assertThat(c.username()).isEqualTo("device&pk");
        assertThat(c.signedString()).isEqualTo("clientId12345deviceNamedeviceproductKeypktimestamp789");
        assertThat(c.password().toUpperCase()).startsWith("FAFD82A3D602B37FB0FA8B7892F24A477F85");
        assertThat(c.password()).isEqualTo("fafd82a3d602b37fb0fa8b7892f24a477f851a14");
        assertThat(c.host()).isEqualTo("pk.iot-as-mqtt.cn-shanghai.aliyuncs.com");
        assertThat(c.port()).isEqualTo(1883);
        assertThat(c.transport()).isEqualTo("tcp");
    }

    /** Expected values from openssl dgst -sha256 / -md5 -hmac secret over the same content (no worked example). */
    @Test
    void otherSignMethods() {
        Map<String, String> m = docExample();
        m.put("signMethod", "hmacsha256");
        assertThat(AliyunIotSigner.sign(m, NOW).password())
                .isEqualTo("6074a46a91b1ebb2cc4ea42790ad0e80202c9843859fc292e57c4eb19fad9e57");
        m.put("signMethod", "HMACMD5");
        SignedCredentials md5 = AliyunIotSigner.sign(m, NOW);
        assertThat(md5.password()).isEqualTo("14b198324fe55e1d3c88f2e705e201ee");
        assertThat(md5.clientId()).contains("signmethod=hmacmd5");
    }

    @Test
    void withoutTimestampTheClientIdAndContentOmitIt() {
        Map<String, String> m = docExample();
        m.remove("timestamp");
        m.remove("clientId");
        m.put("signMethod", "hmacsha256");
        m.put("secureMode", "2");
        SignedCredentials c = AliyunIotSigner.sign(m, NOW);
        assertThat(c.clientId()).isEqualTo("pk.device|securemode=2,signmethod=hmacsha256|");
        assertThat(c.signedString()).isEqualTo("clientIdpk.devicedeviceNamedeviceproductKeypk");
        // openssl: printf %s clientIdpk.devicedeviceNamedeviceproductKeypk | openssl dgst -sha256 -hmac secret
        assertThat(c.password()).isEqualTo("b37eea641fa64792bc814a8dbde9fd0c10382605619b017f96e894993984f154");
        assertThat(c.transport()).isEqualTo("tls");
    }

    @Test
    void timestampNowUsesTheGivenInstant() {
        Map<String, String> m = docExample();
        m.put("timestamp", "now");
        assertThat(AliyunIotSigner.sign(m, NOW).clientId()).contains("timestamp=" + NOW.toEpochMilli() + "|");
    }

    @Test
    void endpointsPerTransport() {
        Map<String, String> m = docExample();
        m.remove("secureMode");
        m.put("transport", "wss");
        m.put("region", "cn-beijing");
        SignedCredentials wss = AliyunIotSigner.sign(m, NOW);
        assertThat(wss.host()).isEqualTo("pk.iot-as-mqtt.cn-beijing.aliyuncs.com");
        assertThat(wss.port()).isEqualTo(443);
        assertThat(wss.wsPath()).isEqualTo("/mqtt");
        assertThat(wss.clientId()).contains("securemode=2");
        m.put("instanceEndpoint", "iot-06z00abc.mqtt.iothub.aliyuncs.com");
        m.put("transport", "tls");
        SignedCredentials inst = AliyunIotSigner.sign(m, NOW);
        assertThat(inst.host()).isEqualTo("iot-06z00abc.mqtt.iothub.aliyuncs.com");
        assertThat(inst.port()).isEqualTo(1883);
    }

    @Test
    void warnsOnKeepAliveOutsideTheAcceptedRange() {
        Map<String, String> m = docExample();
        m.put("keepAlive", "20");
        assertThat(AliyunIotSigner.sign(m, NOW).warnings()).anyMatch(w -> w.contains("30..1200"));
        m.put("keepAlive", "300");
        assertThat(AliyunIotSigner.sign(m, NOW).warnings()).noneMatch(w -> w.contains("30..1200"));
        m.put("keepAlive", "1201");
        assertThat(AliyunIotSigner.sign(m, NOW).warnings()).anyMatch(w -> w.contains("30..1200"));
    }

    @Test
    void badInputsNameTheParameter() {
        Map<String, String> m = docExample();
        m.put("productKey", "");
        assertThatThrownBy(() -> AliyunIotSigner.sign(m, NOW)).isInstanceOf(SigningException.class)
                .extracting(e -> ((SigningException) e).param()).isEqualTo("productKey");
        Map<String, String> m2 = docExample();
        m2.put("signMethod", "sha512");
        assertThatThrownBy(() -> AliyunIotSigner.sign(m2, NOW)).hasMessageContaining("signMethod")
                .extracting(e -> ((SigningException) e).param()).isEqualTo("signMethod");
        Map<String, String> m3 = docExample();
        m3.put("timestamp", "78x9");
        assertThatThrownBy(() -> AliyunIotSigner.sign(m3, NOW)).hasMessageContaining("column 3")
                .extracting(e -> ((SigningException) e).param()).isEqualTo("timestamp");
        Map<String, String> m4 = docExample();
        m4.put("secureMode", "4");
        assertThatThrownBy(() -> AliyunIotSigner.sign(m4, NOW))
                .extracting(e -> ((SigningException) e).param()).isEqualTo("secureMode");
    }
}
