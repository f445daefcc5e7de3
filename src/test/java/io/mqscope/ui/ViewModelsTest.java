package io.mqscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.payload.PayloadFormat;
import io.mqscope.profile.MqttVersion;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.session.MessageEvent;
import io.mqscope.session.MessageProperties;
import io.mqscope.session.PublishRequest;
import io.mqscope.tap.PacketEvent;
import io.mqscope.ui.editor.ConnectionEditorViewModel;
import io.mqscope.ui.live.EventRing;
import io.mqscope.ui.messages.MessagesViewModel;
import io.mqscope.ui.messages.PayloadViewModel;
import io.mqscope.ui.packets.HexDumpModel;
import io.mqscope.ui.packets.PacketsViewModel;
import io.mqscope.ui.publisher.PublisherViewModel;
import io.mqscope.ui.settings.SettingsViewModel;
import io.mqscope.ui.settings.UiSettings;
import io.mqscope.ui.subscriptions.SubscriptionsViewModel;
import io.mqscope.wire.Direction;
import io.mqscope.wire.StreamDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** View models with plain JUnit: no scene, no FX thread (completions run on the calling thread). */
class ViewModelsTest {

    static MessageEvent msg(String topic, String payload, boolean outgoing) {
        return new MessageEvent("c", System.nanoTime(), Instant.now(), outgoing, topic, 0, false, false,
                payload.getBytes(StandardCharsets.UTF_8), MessageProperties.NONE);
    }

    @Test
    void publisher_sends_exact_bytes_and_nothing_when_invalid() {
        PublisherViewModel vm = new PublisherViewModel();
        List<PublishRequest> sent = new ArrayList<>();
        vm.setTarget(r -> {
            sent.add(r);
            return CompletableFuture.completedFuture(null);
        });
        vm.connectedProperty().set(true);
        vm.topicProperty().set("a/+/c");
        assertThat(vm.topicErrorProperty().get()).contains("'+'").contains("position 3");
        assertThat(vm.send()).isFalse();
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
        assertThat(vm.statusProperty().get()).contains("Sent 4 bytes");
    }

    @Test
    void publisher_json_format_minify_and_mqtt5_properties() {
        PublisherViewModel vm = new PublisherViewModel();
        vm.formatProperty().set(PayloadFormat.JSON);
        vm.payloadProperty().set("{\"a\":[1,2]}");
        vm.format();
        assertThat(vm.payloadProperty().get()).contains("\n");
        vm.minify();
        assertThat(vm.payloadProperty().get()).isEqualTo("{\"a\":[1,2]}");
        vm.payloadProperty().set("{\"a\":");
        assertThat(vm.payloadErrorProperty().get()).startsWith("Line 1, column");
        vm.payloadProperty().set("{}");
        vm.topicProperty().set("t");
        vm.mqtt5Property().set(true);
        vm.userPropertiesProperty().set("k=v\nbad");
        assertThat(vm.request()).isNull();
        vm.userPropertiesProperty().set("k=v");
        vm.correlationDataProperty().set("0x0102");
        vm.messageExpiryProperty().set("60");
        PublishRequest r = vm.request();
        assertThat(r.properties().userProperties()).containsExactly(new Profile.UserProperty("k", "v"));
        assertThat(r.properties().correlationData()).containsExactly(1, 2);
        assertThat(r.properties().messageExpirySeconds()).isEqualTo(60L);
    }

    @Test
    void messages_window_is_bounded_filtered_and_pausable() {
        MessagesViewModel vm = new MessagesViewModel(100);
        EventRing<MessageEvent> ring = new EventRing<>(1000);
        vm.setSource(() -> ring.last(100), ring::clear);
        List<MessageEvent> batch = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            MessageEvent m = msg(i % 2 == 0 ? "a/x" : "b/y", "v" + i, false);
            ring.add(m);
            batch.add(m);
        }
        vm.append(batch);
        assertThat(vm.visible()).hasSize(100);
        assertThat(new String(vm.visible().get(99).payload())).isEqualTo("v249");
        vm.topicFilterProperty().set("a/#");
        assertThat(vm.visible()).allMatch(m -> m.topic().equals("a/x"));
        vm.topicFilterProperty().set("a/#/x");
        assertThat(vm.topicFilterErrorProperty().get()).contains("last");
        vm.topicFilterProperty().set("");
        vm.textFilterProperty().set("v24");
        assertThat(vm.visible()).extracting(m -> new String(m.payload())).contains("v240", "v249");
        vm.textFilterProperty().set("");
        vm.pausedProperty().set(true);
        MessageEvent late = msg("a/x", "late", false);
        ring.add(late);
        vm.append(List.of(late));
        assertThat(vm.visible()).doesNotContain(late);
        assertThat(vm.missedWhilePausedProperty().get()).isEqualTo(1);
        vm.pausedProperty().set(false);
        assertThat(vm.visible()).last().isEqualTo(late);
        vm.clear();
        assertThat(vm.visible()).isEmpty();
        assertThat(ring.size()).isZero();
    }

    @Test
    void older_messages_are_paged_from_the_log_in_bounded_windows() {
        MessagesViewModel vm = new MessagesViewModel(100);
        EventRing<MessageEvent> ring = new EventRing<>(1000);
        for (int i = 0; i < 250; i++) {
            ring.add(msg("t", "v" + i, false));
        }
        vm.setSource(() -> ring.last(1000), ring::clear);
        assertThat(vm.pagesProperty().get()).isEqualTo(3);
        assertThat(new String(vm.visible().get(0).payload())).isEqualTo("v150");
        vm.older();
        assertThat(vm.visible()).hasSize(100);
        assertThat(new String(vm.visible().get(0).payload())).isEqualTo("v50");
        vm.older();
        assertThat(vm.visible()).hasSize(50);
        assertThat(new String(vm.visible().get(0).payload())).isEqualTo("v0");
        vm.append(List.of(msg("t", "new", false)));
        assertThat(vm.visible()).hasSize(50);
        assertThat(vm.missedWhilePausedProperty().get()).isEqualTo(1);
        vm.newer();
        vm.newer();
        assertThat(vm.pageProperty().get()).isZero();
        assertThat(new String(vm.visible().get(99).payload())).isEqualTo("v249");
    }

    @Test
    void payload_viewer_renders_original_bytes_and_truncates_large_ones() {
        PayloadViewModel vm = new PayloadViewModel(null);
        byte[] gbk = "温度".getBytes(java.nio.charset.Charset.forName("GBK"));
        vm.show(gbk);
        assertThat(vm.formatProperty().get()).isEqualTo(PayloadFormat.HEX);
        vm.charsetProperty().set(io.mqscope.payload.TextCharset.GBK);
        vm.formatProperty().set(PayloadFormat.TEXT);
        assertThat(vm.textProperty().get()).isEqualTo("温度");
        vm.formatProperty().set(PayloadFormat.BASE64);
        assertThat(java.util.Base64.getDecoder().decode(vm.textProperty().get())).isEqualTo(gbk);
        byte[] big = new byte[PayloadViewModel.TRUNCATE_AT + 10];
        vm.show(big);
        assertThat(vm.truncatedProperty().get()).isTrue();
        vm.formatProperty().set(PayloadFormat.BASE64);
        assertThat(java.util.Base64.getDecoder().decode(vm.textProperty().get())).hasSize(PayloadViewModel.TRUNCATE_AT);
        vm.showAllProperty().set(true);
        assertThat(vm.truncatedProperty().get()).isFalse();
        assertThat(java.util.Base64.getDecoder().decode(vm.textProperty().get())).hasSize(big.length);
    }

    @Test
    void subscriptions_validate_count_mute_and_save() {
        SubscriptionsViewModel vm = new SubscriptionsViewModel();
        List<List<Profile.SavedSubscription>> saved = new ArrayList<>();
        List<String> subscribed = new ArrayList<>();
        vm.bind(List.of(), s -> {
            subscribed.add(s.topicFilter());
            return CompletableFuture.completedFuture(null);
        }, f -> CompletableFuture.completedFuture(null), saved::add);
        vm.filterProperty().set("a/#/b");
        assertThat(vm.add()).isFalse();
        assertThat(vm.filterErrorProperty().get()).contains("'#'");
        vm.filterProperty().set("a/b+");
        assertThat(vm.filterErrorProperty().get()).contains("'+'").contains("whole level");
        vm.filterProperty().set("a/+");
        vm.qosProperty().set(1);
        assertThat(vm.add()).isTrue();
        assertThat(subscribed).containsExactly("a/+");
        assertThat(saved.get(saved.size() - 1)).extracting(Profile.SavedSubscription::qos).containsExactly(1);
        vm.count(List.of(msg("a/1", "x", false), msg("a/2", "x", false), msg("b/1", "x", false),
                msg("a/3", "x", true)));
        assertThat(vm.rows().get(0).countProperty().get()).isEqualTo(2);
        assertThat(vm.hidden(msg("a/1", "x", false))).isFalse();
        vm.rows().get(0).mutedProperty().set(true);
        assertThat(vm.hidden(msg("a/1", "x", false))).isTrue();
        assertThat(vm.hidden(msg("b/1", "x", false))).isFalse();
        vm.unsubscribe(vm.rows().get(0));
        assertThat(saved.get(saved.size() - 1)).isEmpty();
    }

    @Test
    void editor_validates_as_typed_and_fills_from_a_url() {
        ConnectionEditorViewModel vm = new ConnectionEditorViewModel(null);
        vm.text("port").set("70000");
        assertThat(vm.error("port").get()).contains("1").contains("65535");
        assertThat(vm.build()).isNull();
        vm.text("url").set("wss://user:secret@broker.example.com:8084/mqtt");
        assertThat(vm.error("url").get()).isEmpty();
        assertThat(vm.text("port").get()).isEqualTo("8084");
        Profile p = vm.build();
        assertThat(p.transport()).isEqualTo(Transport.WSS);
        assertThat(p.host()).isEqualTo("broker.example.com");
        assertThat(p.username()).isEqualTo("user");
        assertThat(p.password()).isEqualTo("secret");
        vm.text("url").set("foo://x");
        assertThat(vm.error("url").get()).isNotEmpty();
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
    void editor_shows_aliyun_signing_with_the_signed_string() {
        ConnectionEditorViewModel vm = new ConnectionEditorViewModel(null);
        vm.text("vendor").set("aliyun-iot");
        vm.text("signingParams")
                .set("productKey=a1FxISeKbq9\ndeviceName=dev01\ndeviceSecret=s3cr3t\ntimestamp=1700000000000");
        String out = vm.signingResultProperty().get();
        assertThat(out)
                .contains("clientId: a1FxISeKbq9.dev01|securemode=2,signmethod=hmacsha256,timestamp=1700000000000|")
                .contains("username: dev01&a1FxISeKbq9")
                .contains("clientIda1FxISeKbq9.dev01deviceNamedev01productKeya1FxISeKbq9timestamp1700000000000");
        vm.text("signingParams").set("productKey=a1");
        assertThat(vm.signingResultProperty().get()).contains("deviceName");
    }

    @Test
    void settings_limits_are_validated() {
        SettingsViewModel vm = new SettingsViewModel(UiSettings.DEFAULT);
        vm.maxMessagesProperty().set("abc");
        assertThat(vm.validProperty().get()).isFalse();
        vm.maxMessagesProperty().set("5");
        assertThat(vm.maxMessagesErrorProperty().get()).contains("100");
        vm.maxMessagesProperty().set("20000");
        vm.chineseProperty().set(true);
        vm.darkProperty().set(true);
        UiSettings s = vm.result();
        assertThat(s.maxMessages()).isEqualTo(20000);
        assertThat(s.chinese()).isTrue();
        assertThat(s.dark()).isTrue();
    }

    @Test
    void settings_file_round_trips(@TempDir Path dir) throws Exception {
        var f = new io.mqscope.ui.settings.SettingsFile(dir.resolve("ui.properties"));
        assertThat(f.load()).isEqualTo(UiSettings.DEFAULT);
        UiSettings s = new UiSettings(I18n.CHINESE, true, 500, 600, PayloadFormat.HEX);
        f.save(s);
        assertThat(f.load()).isEqualTo(s);
    }

    @Test
    void profiles_export_and_import_through_the_exchange_format(@TempDir Path dir) throws Exception {
        Profile a = Profile.builder().id("a").name("A").host("h1").password("secret").build();
        Profile b = Profile.builder().id("b").name("B").host("h2").transport(Transport.WSS).port(8084).build();
        Path f = dir.resolve("x.json");
        io.mqscope.ui.app.ProfileFiles.write(f, List.of(a, b));
        assertThat(Files.readString(f)).doesNotContain("\"secret\"");
        var back = io.mqscope.ui.app.ProfileFiles.read(f).profiles();
        assertThat(back).extracting(Profile::name).containsExactly("A", "B");
        assertThat(back.get(1).transport()).isEqualTo(Transport.WSS);
        Files.writeString(f, "{\n  \"format\": ");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> io.mqscope.ui.app.ProfileFiles.read(f)))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("x.json:2:");
    }

    @Test
    void hex_dump_maps_bytes_and_characters_both_ways() {
        byte[] b = new byte[40];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (0x41 + i % 26);
        }
        HexDumpModel d = HexDumpModel.of(b);
        String t = d.text();
        assertThat(t).startsWith("0000  41 42 43 44 45 46 47 48  49 4a 4b 4c 4d 4e 4f 50  ABCDEFGHIJKLMNOP\n0010  ");
        for (int i = 0; i < b.length; i++) {
            String pair = String.format("%02x", b[i] & 0xff);
            assertThat(t.substring(d.hexStart(i), d.hexStart(i) + 2)).isEqualTo(pair);
            assertThat(t.charAt(d.asciiStart(i))).isEqualTo((char) b[i]);
            assertThat(d.byteAt(d.hexStart(i))).isEqualTo(i);
            assertThat(d.byteAt(d.hexStart(i) + 1)).isEqualTo(i);
            assertThat(d.byteAt(d.asciiStart(i))).isEqualTo(i);
        }
        assertThat(d.byteAt(0)).isEqualTo(-1);
        assertThat(d.byteAt(d.hexStart(7) + 2)).isEqualTo(-1);
    }

    @Test
    void event_ring_is_bounded_and_readers_miss_nothing_after_clear() {
        EventRing<Integer> r = new EventRing<>(3);
        for (int i = 0; i < 5; i++) {
            r.add(i);
        }
        List<Integer> out = new ArrayList<>();
        long seq = r.since(0, out);
        assertThat(out).containsExactly(2, 3, 4);
        r.clear();
        r.add(9);
        out.clear();
        r.since(seq, out);
        assertThat(out).containsExactly(9);
        assertThat(r.last(5)).containsExactly(9);
    }

    @Test
    void packets_filter_and_export_json_lines(@TempDir Path dir) throws Exception {
        PacketsViewModel vm = new PacketsViewModel(100);
        StreamDecoder dec = new StreamDecoder(Direction.CLIENT_TO_BROKER, 4);
        List<PacketEvent> events = new ArrayList<>();
        byte[] stream = HexFormat.of().parseHex("c000" + "30050003612f62" + "c000");
        for (var p : dec.feed(stream)) {
            events.add(new PacketEvent("c", System.nanoTime(), Instant.now(), Direction.CLIENT_TO_BROKER, p));
        }
        vm.setSource(() -> events, () -> { });
        assertThat(vm.visible()).hasSize(3);
        vm.typeProperty().set(io.mqscope.wire.PacketType.PUBLISH);
        assertThat(vm.visible()).hasSize(1);
        vm.directionProperty().set(Direction.BROKER_TO_CLIENT);
        assertThat(vm.visible()).isEmpty();
        vm.directionProperty().set(null);
        vm.typeProperty().set(null);
        Path out = dir.resolve("p.jsonl");
        vm.exportJsonLines(out);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains("\"type\":\"PUBLISH\"").contains("\"hex\":\"30050003612f62\"")
                .contains("\"direction\":\"client\"");
    }
}
