package io.mqscope.ui.editor;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.MqttVersion;
import io.mqscope.profile.Profile;
import io.mqscope.profile.ProfileUrl;
import io.mqscope.profile.Transport;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.TaskExecutor;
import org.junit.jupiter.api.Test;

class ConnectionEditorViewModelTest {

    @Test
    void validates_as_typed_and_fills_from_a_url() {
        ConnectionEditorViewModel vm = new ConnectionEditorViewModel(null, TaskExecutor.sameThread());
        vm.text("port").set("70000");
        assertThat(vm.error("port").get()).isEqualTo(I18n.t("editor.error.range", 1, 65535));
        assertThat(vm.build()).isNull();
        vm.text("url").set("wss://user:secret@broker.example.com:8084/mqtt");
        assertThat(vm.error("url").get()).isEmpty();
        assertThat(vm.text("port").get()).isEqualTo("8084");
        Profile p = vm.build();
        assertThat(p.transport()).isEqualTo(Transport.WSS);
        assertThat(p.host()).isEqualTo("broker.example.com");
        assertThat(p.username()).isEqualTo("user");
        assertThat(p.password()).isEqualTo("secret");
        assertThat(p.wsPath()).isEqualTo("/mqtt");
        vm.text("url").set("foo://x");
        var bad = ProfileUrl.parse("foo://x");
        assertThat(vm.error("url").get()).isEqualTo(I18n.t("editor.error.url", bad.column(), bad.error()));
        vm.text("url").set("");
        vm.flag("willEnabled").set(true);
        vm.text("willTopic").set("will/#");
        assertThat(vm.error("willTopic").get()).contains("'#'");
        vm.text("willTopic").set("will/me");
        vm.text("mqttVersion").set("5");
        vm.text("sessionExpiry").set("3600");
        Profile p2 = vm.build();
        assertThat(p2.mqttVersion()).isEqualTo(MqttVersion.V5);
        assertThat(p2.will().topic()).isEqualTo("will/me");
        assertThat(p2.sessionExpirySeconds()).isEqualTo(3600L);
    }

    @Test
    void shows_aliyun_signing_with_the_signed_string() {
        ConnectionEditorViewModel vm = new ConnectionEditorViewModel(null, TaskExecutor.sameThread());
        vm.text("vendor").set("aliyun-iot");
        vm.text("signingParams")
                .set("productKey=a1FxISeKbq9\ndeviceName=dev01\ndeviceSecret=s3cr3t\ntimestamp=1700000000000");
        String out = vm.signingResultProperty().get();
        assertThat(out)
                .contains("clientId: a1FxISeKbq9.dev01|securemode=2,signmethod=hmacsha256,timestamp=1700000000000|")
                .contains("username: dev01&a1FxISeKbq9")
                .contains("clientIda1FxISeKbq9.dev01deviceNamedev01productKeya1FxISeKbq9timestamp1700000000000");
        vm.text("signingParams").set("productKey=a1");
        assertThat(vm.signingResultProperty().get()).startsWith(I18n.t("editor.signing.failed", ""))
                .contains("deviceName");
    }
}
