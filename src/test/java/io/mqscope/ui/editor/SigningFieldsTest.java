package io.mqscope.ui.editor;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.Profile;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.TaskExecutor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The vendor signing fields: synced with Profile.Signing params both ways, validated per field. */
class SigningFieldsTest {

    @Test
    void fields_fill_the_signing_params_and_show_reasons_per_field() {
        ConnectionEditorViewModel vm = new ConnectionEditorViewModel(null, TaskExecutor.sameThread());
        vm.signing().vendor().set("aliyun-iot");
        SigningFields sf = vm.signing().signingFields();
        assertThat(sf.params()).extracting(SigningFields.Param::name)
                .startsWith("productKey", "deviceName", "deviceSecret", "clientId", "signMethod", "secureMode");
        assertThat(sf.error("productKey").get()).isEqualTo(I18n.t("editor.error.required"));
        sf.value("productKey").set("pk");
        sf.value("deviceName").set("device");
        sf.value("deviceSecret").set("secret");
        sf.value("clientId").set("12345");
        sf.value("signMethod").set("hmacsha1");
        sf.value("timestamp").set("789");
        assertThat(sf.error("productKey").get()).isEmpty();
        assertThat(vm.signing().signingParams().get())
                .contains("productKey=pk", "deviceSecret=secret", "timestamp=789");
        // Aliyun's documented example (clientId 12345, deviceName device, productKey pk, timestamp 789, secret)
        assertThat(vm.signing().signingResultProperty().get())
                .contains("clientId12345deviceNamedeviceproductKeypktimestamp789");
        sf.value("timestamp").set("78x");
        assertThat(sf.error("timestamp").get()).isNotEmpty();
        assertThat(sf.error("productKey").get()).isEmpty();

        Profile p = vm.build();
        assertThat(p.signing().vendor()).isEqualTo("aliyun-iot");
        assertThat(p.signing().params()).containsEntry("deviceName", "device").containsEntry("clientId", "12345");
    }

    @Test
    void a_loaded_profile_fills_the_fields_and_unknown_params_are_kept() {
        Profile src = Profile.builder().name("t").host("h")
                .signing(new Profile.Signing("onenet", Map.of("productId", "p1", "deviceName", "d1",
                        "accessKey", "a2V5", "custom", "x")))
                .build();
        ConnectionEditorViewModel vm = new ConnectionEditorViewModel(src, TaskExecutor.sameThread());
        SigningFields sf = vm.signing().signingFields();
        assertThat(sf.value("productId").get()).isEqualTo("p1");
        assertThat(sf.value("accessKey").get()).isEqualTo("a2V5");
        sf.value("method").set("sha1");
        assertThat(vm.build().signing().params()).containsEntry("method", "sha1").containsEntry("custom", "x")
                .containsEntry("productId", "p1");
        vm.signing().vendor().set("huawei");
        assertThat(sf.error("deviceId").get()).isEqualTo(I18n.t("editor.error.required"));
    }
}
