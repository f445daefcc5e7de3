package io.mqscope.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqscope.profile.MqttVersion;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Profile.UserProperty;
import io.mqscope.tap.Stage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The connect specification: what a profile becomes in CONNECT, and what a profile may not ask for. */
class ConnectSpecTest {
    static Profile.Builder profile(MqttVersion v) {
        return Profile.builder().host("h").port(1883).mqttVersion(v).clientId("dev").randomClientIdSuffix(false);
    }

    static Profile.Will will(String payload, String format, int qos) {
        return new Profile.Will("w/t", payload, format, qos, true, 5L, 60L, "text/plain", "w/reply", "corr", true,
                List.of(new UserProperty("k", "v")));
    }

    static SessionException configFailure(Profile p) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> ConnectSpec.of(p, new Random(1)));
        assertThat(t).isInstanceOf(SessionException.class);
        SessionException e = (SessionException) t;
        assertThat(e.stage()).isEqualTo(Stage.CONFIG);
        return e;
    }

    @Test
    void mqtt_3_1_is_refused_before_anything_else() {
        Profile p = profile(MqttVersion.V3_1).password("p").will(will("zz", "hex", 9)).build();
        assertThat(configFailure(p).reason()).startsWith("MQTT 3.1 (protocol name MQIsdp, level 3) is not spoken")
                .endsWith("choose MQTT 3.1.1 or 5 for this profile");
    }

    @Test
    void mqtt_3_1_1_refuses_a_password_without_a_user_name() {
        // [MQTT-3.1.2-22]
        assertThat(configFailure(profile(MqttVersion.V3_1_1).password("secret").build()).reason())
                .isEqualTo("MQTT 3.1.1 does not allow a password without a username");
    }

    @Test
    void mqtt_5_allows_a_password_without_a_user_name() {
        ConnectSpec s = ConnectSpec.of(profile(MqttVersion.V5).password("secret").build(), new Random(1));
        assertThat(s.username()).isNull();
        assertThat(s.password()).isEqualTo("secret".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void user_name_and_password_are_kept_and_the_password_is_utf8() {
        ConnectSpec s = ConnectSpec.of(profile(MqttVersion.V3_1_1).username("u").password("密码").build(),
                new Random(1));
        assertThat(s.version()).isEqualTo(MqttVersion.V3_1_1);
        assertThat(s.username()).isEqualTo("u");
        assertThat(s.password()).containsExactly(0xe5, 0xaf, 0x86, 0xe7, 0xa0, 0x81);
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    void the_will_payload_is_parsed_in_its_format(MqttVersion v) {
        ConnectSpec s = ConnectSpec.of(profile(v).will(will("de ad be ef", "hex", 1)).build(), new Random(1));
        ConnectSpec.Will w = s.will();
        assertThat(w.payload()).containsExactly(0xde, 0xad, 0xbe, 0xef);
        assertThat(w.topic()).isEqualTo("w/t");
        assertThat(w.qos()).isEqualTo(1);
        assertThat(w.retain()).isTrue();
        assertThat(w.properties().correlationData()).isEqualTo("corr".getBytes(StandardCharsets.UTF_8));
        assertThat(w.properties().payloadIsUtf8()).isTrue();
        assertThat(w.properties().messageExpirySeconds()).isEqualTo(60L);
        assertThat(w.properties().contentType()).isEqualTo("text/plain");
        assertThat(w.properties().responseTopic()).isEqualTo("w/reply");
        assertThat(w.delaySeconds()).isEqualTo(5L);
        assertThat(w.properties().userProperties()).containsExactly(new UserProperty("k", "v"));
        assertThat(ConnectSpec.of(profile(v).will(will(null, "text", 0)).build(), new Random(1)).will().payload())
                .isEmpty();
    }

    @Test
    void a_will_payload_that_does_not_parse_says_where() {
        assertThat(configFailure(profile(MqttVersion.V5).will(will("de zz", "hex", 1)).build()).reason())
                .startsWith("will payload (hex): ");
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    void a_will_qos_outside_0_to_2_is_refused(MqttVersion v) {
        assertThat(configFailure(profile(v).will(will("x", "text", 3)).build()).reason())
                .isEqualTo("QoS must be 0, 1 or 2, not 3");
        assertThat(configFailure(profile(v).will(will("x", "text", -1)).build()).reason())
                .isEqualTo("QoS must be 0, 1 or 2, not -1");
    }

    @Test
    void the_random_suffix_is_six_hex_digits_drawn_from_the_injected_random() {
        Profile p = profile(MqttVersion.V5).randomClientIdSuffix(true).build();
        String id = ConnectSpec.of(p, new Random(3)).clientIdentifier();
        assertThat(id).matches("dev-[0-9a-f]{6}");
        assertThat(ConnectSpec.of(p, new Random(3)).clientIdentifier()).isEqualTo(id);
        assertThat(ConnectSpec.of(p.toBuilder().clientId(null).build(), new Random(3)).clientIdentifier())
                .isEqualTo("mqscope-" + id.substring(4));
        assertThat(ConnectSpec.of(p.toBuilder().randomClientIdSuffix(false).build(), new Random(3))
                .clientIdentifier()).isEqualTo("dev");
        assertThat(ConnectSpec.of(p.toBuilder().clientId(null).randomClientIdSuffix(false).build(), new Random(3))
                .clientIdentifier()).isEmpty();
    }

    @Test
    void mqtt_5_fields_are_carried_and_the_timeout_is_at_least_one_second() {
        Profile p = profile(MqttVersion.V5).keepAliveSeconds(30).cleanStart(false).sessionExpirySeconds(600L)
                .receiveMaximum(10).maximumPacketSize(4096).topicAliasMaximum(5).requestProblemInformation(false)
                .requestResponseInformation(true).userProperties(List.of(new UserProperty("a", "b")))
                .connectTimeoutSeconds(0).build();
        ConnectSpec s = ConnectSpec.of(p, new Random(1));
        assertThat(s.version()).isEqualTo(MqttVersion.V5);
        assertThat(s.keepAliveSeconds()).isEqualTo(30);
        assertThat(s.cleanStart()).isFalse();
        assertThat(s.sessionExpirySeconds()).isEqualTo(600L);
        assertThat(s.receiveMaximum()).isEqualTo(10);
        assertThat(s.maximumPacketSize()).isEqualTo(4096);
        assertThat(s.topicAliasMaximum()).isEqualTo(5);
        assertThat(s.requestProblemInformation()).isFalse();
        assertThat(s.requestResponseInformation()).isTrue();
        assertThat(s.userProperties()).containsExactly(new UserProperty("a", "b"));
        assertThat(s.connectTimeoutSeconds()).isEqualTo(1);
        assertThat(s.will()).isNull();
        assertThat(s.password()).isNull();
    }

    @Test
    void signing_applies_fresh_credentials_or_says_what_is_missing() {
        Profile plain = profile(MqttVersion.V5).build();
        assertThat(ConnectSpec.signed(plain, Instant.EPOCH)).isSameAs(plain);
        Profile signed = profile(MqttVersion.V5).signing(new Profile.Signing("aliyun-iot", Map.of("productKey", "pk1",
                "deviceName", "dev1", "deviceSecret", "secret", "secureMode", "3"))).build();
        Profile withCredentials = ConnectSpec.signed(signed, Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(withCredentials.username()).isEqualTo("dev1&pk1");
        assertThat(withCredentials.password()).isNotBlank();
        Profile missing = profile(MqttVersion.V5).signing(new Profile.Signing("aliyun-iot",
                Map.of("productKey", "pk1"))).build();
        assertThatThrownBy(() -> ConnectSpec.signed(missing, Instant.EPOCH)).isInstanceOf(SessionException.class)
                .hasMessageStartingWith("config: aliyun-iot signing: ").hasMessageContaining("deviceName");
    }

    @Test
    void checked_qos_accepts_0_to_2() {
        assertThat(ConnectSpec.checkedQos(0)).isZero();
        assertThat(ConnectSpec.checkedQos(2)).isEqualTo(2);
        assertThatThrownBy(() -> ConnectSpec.checkedQos(3)).isInstanceOf(SessionException.class)
                .hasMessage("config: QoS must be 0, 1 or 2, not 3");
    }
}
