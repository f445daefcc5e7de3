package io.mqscope.ui.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.payload.PayloadFormat;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.publisher.PublishTemplate;
import io.mqscope.ui.publisher.PublisherViewModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decoding choices per topic filter (with Protobuf's .proto files and message type) and publish templates survive a
 * restart: a second view model over the same config directory reads what the first one saved. A file that cannot be
 * read is moved aside ({@code .corrupt-<time>}), never overwritten.
 */
class DecodingChoicesPersistenceTest {
    private static final Path PROTO = Path.of("src/test/resources/io/mqscope/payload/proto");

    private static PayloadViewModel started(Path config) {
        PayloadViewModel vm = new PayloadViewModel(null, TaskExecutor.sameThread());
        vm.useChoicesFile(config.resolve("decoding.json"));
        return vm;
    }

    private static Path copyProtos(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("common"));
        Files.copy(PROTO.resolve("sensor.proto"), dir.resolve("sensor.proto"));
        Files.copy(PROTO.resolve("common/geo.proto"), dir.resolve("common/geo.proto"));
        return dir.resolve("sensor.proto");
    }

    private static List<Path> corrupt(Path config) throws IOException {
        try (Stream<Path> s = Files.list(config)) {
            return s.filter(p -> p.getFileName().toString().contains(".corrupt-")).toList();
        }
    }

    @Test
    void choices_and_protobuf_types_are_there_after_a_restart(@TempDir Path config, @TempDir Path protos)
            throws Exception {
        Path sensor = copyProtos(protos);
        PayloadViewModel first = started(config);
        first.show("plant/1/json", "{}".getBytes());
        first.formatProperty().set(PayloadFormat.CBOR);
        first.rememberFilterProperty().set("plant/+/json");
        assertThat(first.remember()).isTrue();
        first.proto().load(List.of(sensor.toFile()));
        first.proto().typeProperty().set("demo.sensor.Reading");
        first.show("pb/1", new byte[] {0x0a, 0x01, 0x41});
        first.formatProperty().set(PayloadFormat.PROTOBUF);
        first.rememberFilterProperty().set("pb/#");
        assertThat(first.remember()).isTrue();
        assertThat(Files.readString(config.resolve("decoding.json"))).contains("\"filter\" : \"plant/+/json\"",
                "\"format\" : \"cbor\"", "\"type\" : \"demo.sensor.Reading\"", sensor.toAbsolutePath().toString());

        PayloadViewModel next = started(config);
        next.show("plant/7/json", new byte[] {(byte) 0xa0});
        assertThat(next.formatProperty().get()).isEqualTo(PayloadFormat.CBOR);
        assertThat(next.textProperty().get()).isEqualTo("{}");
        next.show("pb/x", new byte[] {0x0a, 0x01, 0x41});
        assertThat(next.formatProperty().get()).isEqualTo(PayloadFormat.PROTOBUF);
        assertThat(next.proto().typeProperty().get()).isEqualTo("demo.sensor.Reading");
        assertThat(next.textProperty().get()).contains("device_id", "\"A\"");
        assertThat(next.choicesStatusProperty().get()).isEmpty();
    }

    @Test
    void a_rule_whose_proto_is_gone_is_kept_inactive_and_written_back(@TempDir Path config, @TempDir Path protos)
            throws Exception {
        Path sensor = copyProtos(protos);
        PayloadViewModel first = started(config);
        first.proto().load(List.of(sensor.toFile()));
        first.proto().typeProperty().set("demo.sensor.Reading");
        first.show("pb/1", new byte[0]);
        first.formatProperty().set(PayloadFormat.PROTOBUF);
        first.rememberFilterProperty().set("pb/#");
        first.remember();
        Files.delete(sensor);

        PayloadViewModel next = started(config);
        assertThat(next.choicesStatusProperty().get()).contains("1", "sensor.proto");
        next.show("pb/1", new byte[] {1});
        assertThat(next.formatProperty().get()).isNotEqualTo(PayloadFormat.PROTOBUF);
        next.formatProperty().set(PayloadFormat.JSON);
        next.rememberFilterProperty().set("other/#");
        next.remember();
        assertThat(Files.readString(config.resolve("decoding.json"))).contains("\"filter\" : \"pb/#\"",
                "\"filter\" : \"other/#\"", "demo.sensor.Reading");
    }

    @Test
    void a_corrupt_choices_file_is_moved_aside_and_a_fresh_one_written(@TempDir Path config) throws Exception {
        Files.writeString(config.resolve("decoding.json"), "{\"rules\": [ {\"filter\": ");
        PayloadViewModel vm = started(config);
        assertThat(corrupt(config)).hasSize(1);
        assertThat(Files.readString(corrupt(config).get(0))).isEqualTo("{\"rules\": [ {\"filter\": ");
        assertThat(vm.choicesStatusProperty().get()).startsWith(I18n.t("decoding.quarantined", "", "", "")
                .substring(0, 10)).contains("decoding.json.corrupt-");
        vm.show("a/b", "x".getBytes());
        vm.formatProperty().set(PayloadFormat.HEX);
        vm.rememberFilterProperty().set("a/#");
        vm.remember();
        assertThat(started(config).choices().forTopic("a/z").format()).isEqualTo(PayloadFormat.HEX);
    }

    @Test
    void templates_survive_a_restart_and_a_corrupt_file_is_moved_aside(@TempDir Path config) throws Exception {
        Path kept = config.resolve("templates.json");
        Files.writeString(kept, "[{\"name\": ");
        PublisherViewModel first = new PublisherViewModel(TaskExecutor.sameThread());
        first.templates().useFile(kept);
        assertThat(corrupt(config)).hasSize(1);
        assertThat(first.templates().statusProperty().get()).contains("templates.json.corrupt-");
        first.topicProperty().set("a/b");
        first.formatProperty().set(PayloadFormat.MSGPACK);
        first.saveTemplate("kept", false);
        PublisherViewModel next = new PublisherViewModel(TaskExecutor.sameThread());
        next.templates().useFile(kept);
        assertThat(next.templates().all()).extracting(PublishTemplate::topic).containsExactly("a/b");
        assertThat(next.templates().all()).extracting(PublishTemplate::format).containsExactly("msgpack");
        try (Stream<Path> s = Files.list(config)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp"));
        }
    }
}
