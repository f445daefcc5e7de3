package io.mqscope.ui.editor;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.MqttVersion;
import io.mqscope.profile.Profile;
import io.mqscope.profile.ProfileUrl;
import io.mqscope.profile.Transport;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.TaskExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionEditorViewModelTest {

    @Test
    void validates_as_typed_and_fills_from_a_url() {
        ConnectionEditorViewModel vm = new ConnectionEditorViewModel(null, TaskExecutor.sameThread());
        vm.general().port().set("70000");
        assertThat(vm.general().error("port").get()).isEqualTo(I18n.t("editor.error.range", 1, 65535));
        assertThat(vm.build()).isNull();
        vm.general().url().set("wss://user:secret@broker.example.com:8084/mqtt");
        assertThat(vm.general().error("url").get()).isEmpty();
        assertThat(vm.general().port().get()).isEqualTo("8084");
        Profile p = vm.build();
        assertThat(p.transport()).isEqualTo(Transport.WSS);
        assertThat(p.host()).isEqualTo("broker.example.com");
        assertThat(p.username()).isEqualTo("user");
        assertThat(p.password()).isEqualTo("secret");
        assertThat(p.wsPath()).isEqualTo("/mqtt");
        vm.general().url().set("foo://x");
        var bad = ProfileUrl.parse("foo://x");
        assertThat(vm.general().error("url").get()).isEqualTo(I18n.t("editor.error.url", bad.column(), bad.error()));
        vm.general().url().set("");
        vm.will().willEnabled().set(true);
        vm.will().willTopic().set("will/#");
        assertThat(vm.will().error("willTopic").get()).contains("'#'");
        vm.will().willTopic().set("will/me");
        vm.general().mqttVersion().set("5");
        vm.mqtt5().sessionExpiry().set("3600");
        Profile p2 = vm.build();
        assertThat(p2.mqttVersion()).isEqualTo(MqttVersion.V5);
        assertThat(p2.will().topic()).isEqualTo("will/me");
        assertThat(p2.sessionExpirySeconds()).isEqualTo(3600L);
    }

    @Test
    void shows_aliyun_signing_with_the_signed_string() {
        ConnectionEditorViewModel vm = new ConnectionEditorViewModel(null, TaskExecutor.sameThread());
        vm.signing().vendor().set("aliyun-iot");
        vm.signing().signingParams()
                .set("productKey=a1FxISeKbq9\ndeviceName=dev01\ndeviceSecret=s3cr3t\ntimestamp=1700000000000");
        String out = vm.signing().signingResultProperty().get();
        assertThat(out)
                .contains("clientId: a1FxISeKbq9.dev01|securemode=2,signmethod=hmacsha256,timestamp=1700000000000|")
                .contains("username: dev01&a1FxISeKbq9")
                .contains("clientIda1FxISeKbq9.dev01deviceNamedev01productKeya1FxISeKbq9timestamp1700000000000");
        vm.signing().signingParams().set("productKey=a1");
        assertThat(vm.signing().signingResultProperty().get()).startsWith(I18n.t("editor.signing.failed", ""))
                .contains("deviceName");
    }

    @Test
    void every_tab_loads_and_applies_its_part_so_a_full_profile_round_trips() {
        Profile full = Profile.builder().id("x").name("Full").group("g").transport(Transport.WSS).host("h.example")
                .port(8084).mqttVersion(MqttVersion.V5).clientId("cid").randomClientIdSuffix(true).username("u")
                .password("p").keepAliveSeconds(30).cleanStart(false).wsPath("/mqtt").wsSubprotocol("mqttv3.1")
                .tls(new Profile.TlsSettings("ca.pem", "c.pem", "k.pem", "kp", "sni.example", List.of("mqtt", "x"),
                        false, true))
                .sessionExpirySeconds(60L).receiveMaximum(10).maximumPacketSize(1000).topicAliasMaximum(5)
                .requestResponseInformation(true).requestProblemInformation(false)
                .userProperties(List.of(new Profile.UserProperty("k", "v")))
                .will(new Profile.Will("w/t", "bye", "text", 1, true, 5L, 7L, "text/plain", null, null, null,
                        List.of()))
                .signing(new Profile.Signing("tencent", Map.of("productId", "P", "deviceName", "d",
                        "devicePsk", "a2V5")))
                .connectTimeoutSeconds(9).autoConnect(true).reconnect(new Profile.Reconnect(true, 100, 2000))
                .proxy(new Profile.ProxySettings("socks5", "proxy", 1080, "pu", "pp"))
                .subscriptions(List.of(new Profile.SavedSubscription("a/#", 1, false, false, 0, null, "#fff", null)))
                .build();
        ConnectionEditorViewModel vm = new ConnectionEditorViewModel(full, TaskExecutor.sameThread(), s -> "");
        assertThat(vm.tabs()).extracting(EditorTabViewModel::key)
                .containsExactly("general", "transport", "mqtt5", "will", "signing", "advanced");
        assertThat(vm.validProperty().get()).isTrue();
        assertThat(vm.build()).isEqualTo(full);
    }

    @Test
    void one_invalid_tab_makes_the_form_invalid() {
        ConnectionEditorViewModel vm = new ConnectionEditorViewModel(null, TaskExecutor.sameThread(), s -> "");
        assertThat(vm.validProperty().get()).isTrue();
        vm.advanced().proxyPort().set("0");
        assertThat(vm.advanced().error("proxyPort").get()).isEqualTo(I18n.t("editor.error.range", 1, 65535));
        assertThat(vm.advanced().validProperty().get()).isFalse();
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.general().validProperty().get()).isTrue();
        vm.advanced().proxyPort().set("");
        assertThat(vm.validProperty().get()).isTrue();
    }

    @Test
    void the_signing_preview_is_computed_on_the_io_executor_and_a_stale_result_is_dropped() {
        List<Runnable> io = new ArrayList<>();
        TaskExecutor tasks = new TaskExecutor(io::add, Runnable::run);
        ConnectionEditorViewModel vm = new ConnectionEditorViewModel(null, tasks, s -> "signed " + s.params());
        vm.signing().vendor().set("onenet");
        vm.signing().signingParams().set("productId=1");
        vm.signing().signingParams().set("productId=2");
        // nothing signed on the calling (FX) thread
        assertThat(vm.signing().signingResultProperty().get()).isEmpty();
        Runnable older = io.get(io.size() - 2);
        Runnable newest = io.get(io.size() - 1);
        newest.run();
        older.run();
        assertThat(vm.signing().signingResultProperty().get()).isEqualTo("signed {productId=2}");
    }
}
