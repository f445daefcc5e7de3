package io.mqscope.ui.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.payload.PayloadCodec;
import io.mqscope.payload.PayloadFormat;
import io.mqscope.payload.ParseResult;
import io.mqscope.payload.TextCharset;
import io.mqscope.profile.Profile;
import io.mqscope.session.PublishRequest;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.TaskExecutor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publisher with plain JUnit: tasks and completions run on the test's thread. */
class PublisherViewModelTest {

    @Test
    void the_nothing_sent_line_goes_once_the_input_is_fixed_and_json_errors_say_their_position_once() {
        PublisherViewModel vm = new PublisherViewModel(TaskExecutor.sameThread());
        vm.setTarget(r -> CompletableFuture.completedFuture(null));
        vm.connectedProperty().set(true);
        vm.topicProperty().set("t");
        vm.formatProperty().set(PayloadFormat.JSON);
        vm.payloadProperty().set("{\"temp\": 21.5,}");
        assertThat(vm.payloadErrorProperty().get())
                .isEqualTo("Line 1, column 15: expected a field name in double quotes, found '}'");
        assertThat(vm.send()).isFalse();
        assertThat(vm.statusProperty().get()).isEqualTo(I18n.t("publisher.invalid"));
        vm.payloadProperty().set("{\"temp\": 21.5}");
        assertThat(vm.statusProperty().get()).isEmpty();
        // still wrong elsewhere: the line stays
        vm.topicProperty().set("a/+");
        assertThat(vm.send()).isFalse();
        vm.payloadProperty().set("{}");
        assertThat(vm.statusProperty().get()).isEqualTo(I18n.t("publisher.invalid"));
    }

    @Test
    void sends_exact_bytes_and_nothing_when_invalid() {
        PublisherViewModel vm = new PublisherViewModel(TaskExecutor.sameThread());
        List<PublishRequest> sent = new ArrayList<>();
        vm.setTarget(r -> {
            sent.add(r);
            return CompletableFuture.completedFuture(null);
        });
        vm.connectedProperty().set(true);
        vm.topicProperty().set("a/+/c");
        assertThat(vm.topicErrorProperty().get()).contains("'+'").contains("position 3");
        assertThat(vm.send()).isFalse();
        assertThat(vm.statusProperty().get()).isEqualTo(I18n.t("publisher.invalid"));
        vm.topicProperty().set("a/b");
        vm.formatProperty().set(PayloadFormat.HEX);
        vm.payloadProperty().set("0xde,0xad x");
        assertThat(vm.payloadErrorPositionProperty().get()).isEqualTo(10);
        assertThat(vm.canSendProperty().get()).isFalse();
        assertThat(vm.send()).isFalse();
        assertThat(sent).isEmpty();
        vm.payloadProperty().set("de ad be ef");
        assertThat(vm.send()).isTrue();
        assertThat(sent.get(0).payload()).containsExactly(0xde, 0xad, 0xbe, 0xef);
        assertThat(vm.history()).hasSize(1);
        assertThat(vm.statusProperty().get()).isEqualTo(I18n.t("publisher.sent", 4, "a/b"));
    }

    @Test
    void cbor_and_msgpack_are_typed_as_json_and_sent_encoded() {
        PublisherViewModel vm = new PublisherViewModel(TaskExecutor.sameThread());
        List<PublishRequest> sent = new ArrayList<>();
        vm.setTarget(r -> {
            sent.add(r);
            return CompletableFuture.completedFuture(null);
        });
        vm.connectedProperty().set(true);
        vm.topicProperty().set("a/b");
        vm.formatProperty().set(PayloadFormat.CBOR);
        vm.payloadProperty().set("{\"a\": 1,\n \"b\": }");
        assertThat(vm.payloadErrorProperty().get()).startsWith("Line 2, column 7: expected a value");
        assertThat(vm.payloadErrorPositionProperty().get()).isEqualTo(15);
        assertThat(vm.send()).isFalse();
        vm.payloadProperty().set("{\"a\": 1, \"b\": [2, 3]}");
        assertThat(vm.send()).isTrue();
        // RFC 8949 appendix A
        assertThat(sent.get(0).payload()).containsExactly(0xa2, 0x61, 0x61, 0x01, 0x61, 0x62, 0x82, 0x02, 0x03);
        vm.formatProperty().set(PayloadFormat.MSGPACK);
        vm.payloadProperty().set("{\"compact\":true,\"schema\":0}");
        assertThat(vm.send()).isTrue();
        // msgpack.org's example
        assertThat(PayloadCodec.hex(sent.get(1).payload(), 0, sent.get(1).payload().length))
                .isEqualTo("82 a7 63 6f 6d 70 61 63 74 c3 a6 73 63 68 65 6d 61 00");
    }

    @Test
    void a_failed_publish_says_why() {
        PublisherViewModel vm = new PublisherViewModel(TaskExecutor.sameThread());
        vm.setTarget(r -> CompletableFuture.failedFuture(new IllegalStateException("broker went away")));
        vm.connectedProperty().set(true);
        vm.topicProperty().set("a/b");
        assertThat(vm.send()).isTrue();
        assertThat(vm.statusProperty().get()).isEqualTo(I18n.t("publisher.failed", "broker went away"));
    }

    @Test
    void json_format_minify_and_mqtt5_properties() {
        PublisherViewModel vm = new PublisherViewModel(TaskExecutor.sameThread());
        vm.formatProperty().set(PayloadFormat.JSON);
        vm.payloadProperty().set("{\"a\":[1,2]}");
        vm.format();
        assertThat(vm.payloadProperty().get()).contains("\n");
        vm.minify();
        assertThat(vm.payloadProperty().get()).isEqualTo("{\"a\":[1,2]}");
        vm.payloadProperty().set("{\"a\":");
        ParseResult<byte[]> bad = PayloadCodec.parse("{\"a\":", PayloadFormat.JSON, TextCharset.UTF_8);
        assertThat(vm.payloadErrorProperty().get())
                .isEqualTo(I18n.t("hex.error", bad.line(), bad.column(), bad.error()));
        vm.payloadProperty().set("{}");
        vm.topicProperty().set("t");
        vm.mqtt5Property().set(true);
        vm.userPropertiesProperty().set("k=v\nbad");
        assertThat(vm.request()).isNull();
        assertThat(vm.propertiesErrorProperty().get()).isEqualTo(I18n.t("publisher.userProperty.invalid", 2));
        vm.userPropertiesProperty().set("k=v");
        vm.correlationDataProperty().set("0x0102");
        vm.messageExpiryProperty().set("60");
        PublishRequest r = vm.request();
        assertThat(r.properties().userProperties()).containsExactly(new Profile.UserProperty("k", "v"));
        assertThat(r.properties().correlationData()).containsExactly(1, 2);
        assertThat(r.properties().messageExpirySeconds()).isEqualTo(60L);
    }

    @Test
    void a_file_loads_as_text_or_as_hex_and_a_missing_one_is_reported(@TempDir Path dir) throws Exception {
        PublisherViewModel vm = new PublisherViewModel(TaskExecutor.sameThread());
        Path text = Files.writeString(dir.resolve("t.json"), "{\"a\": 1}", StandardCharsets.UTF_8);
        vm.loadFile(text.toFile());
        assertThat(vm.payloadProperty().get()).isEqualTo("{\"a\": 1}");
        Path binary = Files.write(dir.resolve("b.bin"), new byte[] {0, (byte) 0xff, 1});
        vm.loadFile(binary.toFile());
        assertThat(vm.formatProperty().get()).isEqualTo(PayloadFormat.HEX);
        assertThat(PayloadCodec.parse(vm.payloadProperty().get(), PayloadFormat.HEX, TextCharset.UTF_8).value())
                .containsExactly(0, 0xff, 1);
        vm.loadFile(dir.resolve("missing").toFile());
        assertThat(vm.statusProperty().get()).startsWith(I18n.t("publisher.loadFailed", ""));
    }
}
