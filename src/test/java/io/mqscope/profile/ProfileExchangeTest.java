package io.mqscope.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.payload.ParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileExchangeTest {

    private static ImportReport ok(String json) {
        ParseResult<ImportReport> r = ProfileExchange.importJson(json);
        assertThat(r.ok()).as(r.error()).isTrue();
        return r.value();
    }

    @Test
    void ownFormatRoundTripsLosslesslyWithSecrets() {
        List<Profile> profiles = List.of(ProfileStoreTest.withSecrets("a").toBuilder().id("1").build(),
                Profile.defaultLocalBroker(),
                Profile.builder().id("3").transport(Transport.WSS).wsPath("/ws").wsHeaders(Map.of("Origin", "x"))
                        .mqttVersion(MqttVersion.V5).sessionExpirySeconds(60L)
                        .will(new Profile.Will("t", "00ff", "hex", 1, true, 5L, 10L, "ct", "rt", "cd", true,
                                List.of(new Profile.UserProperty("a", "b"))))
                        .subscriptions(List.of(new Profile.SavedSubscription("a/#", 1, true, true, 2, 9, "#ff0000",
                                "alias")))
                        .build());
        String json = ProfileExchange.export(profiles, true);
        ImportReport r = ok(json);
        assertThat(r.format()).isEqualTo("mqscope");
        assertThat(r.profiles()).isEqualTo(profiles);
        assertThat(r.issues()).isEmpty();
    }

    @Test
    void exportLeavesSecretsOutUnlessAsked() {
        Profile p = ProfileStoreTest.withSecrets("a");
        String json = ProfileExchange.export(List.of(p), false);
        assertThat(json).doesNotContain("pw-a", "keypw-a", "proxypw-a", "devsecret-a").contains("\"secrets\" : false");
        Profile back = ok(json).profiles().get(0);
        assertThat(back).isEqualTo(ProfileSecrets.strip(p));
        assertThat(back.signing().params()).containsEntry("productKey", "pk").doesNotContainKey("deviceSecret");
        assertThat(ProfileExchange.export(List.of(p), true)).contains("pw-a", "devsecret-a");
    }

    @Test
    void malformedJsonIsAnErrorWithPosition() {
        ParseResult<ImportReport> r = ProfileExchange.importJson("{\n  \"format\": \"mqscope-profiles\",\n  oops\n}");
        assertThat(r.ok()).isFalse();
        assertThat(r.line()).isEqualTo(3);
        assertThat(r.column()).isEqualTo(3);
        assertThat(ProfileExchange.importJson("{\"hello\": 1}").error()).contains("neither");
    }

    @Test
    void importsARealisticMqttxExport() throws IOException {
        String json = new String(getClass().getResourceAsStream("/profile/mqttx-export.json").readAllBytes(),
                StandardCharsets.UTF_8);
        // The export's certificates live in /home/ops: imported as that user, they raise no "outside home" issue.
        ParseResult<ImportReport> parsed = ProfileExchange.importJson(json, java.nio.file.Path.of("/home/ops"));
        assertThat(parsed.ok()).as(parsed.error()).isTrue();
        ImportReport r = parsed.value();
        assertThat(r.format()).isEqualTo("mqttx");
        assertThat(r.profiles()).extracting(Profile::name).containsExactly("EMQX public", "Staging over wss",
                "Line 1");

        Profile emqx = r.profiles().get(0);
        assertThat(emqx.transport()).isEqualTo(Transport.TCP);
        assertThat(emqx.host()).isEqualTo("broker.emqx.io");
        assertThat(emqx.port()).isEqualTo(1883);
        assertThat(emqx.clientId()).isEqualTo("mqttx_5b2c8a1f");
        assertThat(emqx.randomClientIdSuffix()).isTrue();
        assertThat(emqx.username()).isNull();
        assertThat(emqx.mqttVersion()).isEqualTo(MqttVersion.V5);
        assertThat(emqx.reconnect().enabled()).isFalse();
        assertThat(emqx.reconnect().initialDelayMillis()).isEqualTo(4000);
        assertThat(emqx.sessionExpirySeconds()).isEqualTo(3600L);
        assertThat(emqx.receiveMaximum()).isEqualTo(100);
        assertThat(emqx.maximumPacketSize()).isEqualTo(1048576);
        assertThat(emqx.topicAliasMaximum()).isEqualTo(10);
        assertThat(emqx.requestResponseInformation()).isTrue();
        assertThat(emqx.requestProblemInformation()).isFalse();
        assertThat(emqx.userProperties()).containsExactly(new Profile.UserProperty("region", "eu"),
                new Profile.UserProperty("tag", "a"), new Profile.UserProperty("tag", "b"));
        assertThat(emqx.will().topic()).isEqualTo("devices/mqttx/status");
        assertThat(emqx.will().payload()).isEqualTo("{\"online\": false}");
        assertThat(emqx.will().qos()).isEqualTo(1);
        assertThat(emqx.will().retain()).isTrue();
        assertThat(emqx.will().delaySeconds()).isEqualTo(5L);
        assertThat(emqx.will().messageExpirySeconds()).isEqualTo(120L);
        assertThat(emqx.will().contentType()).isEqualTo("application/json");
        assertThat(emqx.will().payloadIsUtf8()).isTrue();
        assertThat(emqx.will().userProperties()).containsExactly(new Profile.UserProperty("k", "v"));
        assertThat(emqx.subscriptions()).containsExactly(
                new Profile.SavedSubscription("testtopic/#", 0, true, false, 0, 7, "#34C388", "all test"),
                new Profile.SavedSubscription("sensors/+/temp", 2, false, false, 0, null, "#E6A23C", null));

        Profile staging = r.profiles().get(1);
        assertThat(staging.transport()).isEqualTo(Transport.WSS);
        assertThat(staging.port()).isEqualTo(443);
        assertThat(staging.wsPath()).isEqualTo("/mqtt");
        assertThat(staging.cleanStart()).isFalse();
        assertThat(staging.username()).isEqualTo("ops");
        assertThat(staging.password()).isEqualTo("s3cret");
        assertThat(staging.connectTimeoutSeconds()).isEqualTo(5);
        assertThat(staging.tls().caFile()).isEqualTo("/home/ops/certs/ca.pem");
        assertThat(staging.tls().clientCertFile()).isEqualTo("/home/ops/certs/client.crt");
        assertThat(staging.tls().clientKeyFile()).isNull();
        assertThat(staging.tls().insecure()).isTrue();
        assertThat(staging.tls().verifyHostname()).isFalse();
        assertThat(staging.tls().alpn()).containsExactly("mqtt", "h2");
        assertThat(staging.will()).isNull();

        Profile line = r.profiles().get(2);
        assertThat(line.group()).isEqualTo("Factory");
        assertThat(line.transport()).isEqualTo(Transport.TLS);
        assertThat(line.mqttVersion()).isEqualTo(MqttVersion.V3_1);
        assertThat(line.tls().insecure()).isFalse();

        assertThat(r.issues()).extracting(ImportReport.Issue::toString).containsExactlyInAnyOrder(
                "EMQX public: properties.authenticationMethod: enhanced authentication (AUTH) is not supported",
                "EMQX public: will.properties.correlationData: binary correlation data (Buffer) is not imported",
                "EMQX public: subscriptions[1].disabled: disabled subscriptions are imported as enabled",
                "EMQX public: messages: 1 stored messages are not imported (history)",
                "Staging over wss: key: inline PEM content is not imported; save it to a file and select it",
                "Staging over wss: sslSessionCache: not supported by MQScope profiles",
                "Staging over wss: rejectUnauthorized: security: false: imported as insecure, so neither the broker's"
                        + " certificate chain nor its host name will be verified");
    }
}
