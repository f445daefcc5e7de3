package io.mqscope.ui.packets;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.tap.PacketEvent;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.wire.Direction;
import io.mqscope.wire.PacketType;
import io.mqscope.wire.StreamDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PacketsViewModelTest {

    static List<PacketEvent> events() {
        StreamDecoder dec = new StreamDecoder(Direction.CLIENT_TO_BROKER, 4);
        List<PacketEvent> events = new ArrayList<>();
        // PINGREQ, PUBLISH QoS 0 "a/b" with an empty payload, PINGREQ
        byte[] stream = HexFormat.of().parseHex("c000" + "30050003612f62" + "c000");
        for (var p : dec.feed(stream)) {
            events.add(new PacketEvent("c", System.nanoTime(), Instant.now(), Direction.CLIENT_TO_BROKER, p));
        }
        return events;
    }

    @Test
    void filters_by_type_and_direction() {
        PacketsViewModel vm = new PacketsViewModel(100, TaskExecutor.sameThread());
        vm.setSource(PacketsViewModelTest::events, () -> { });
        assertThat(vm.visible()).hasSize(3);
        vm.typeProperty().set(PacketType.PUBLISH);
        assertThat(vm.visible()).hasSize(1);
        vm.directionProperty().set(Direction.BROKER_TO_CLIENT);
        assertThat(vm.visible()).isEmpty();
    }

    @Test
    void exports_the_shown_packets_as_json_lines_and_reports_a_failure(@TempDir Path dir) throws Exception {
        PacketsViewModel vm = new PacketsViewModel(100, TaskExecutor.sameThread());
        vm.setSource(PacketsViewModelTest::events, () -> { });
        Path out = dir.resolve("p.jsonl");
        vm.export(out.toFile());
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains("\"type\":\"PUBLISH\"").contains("\"hex\":\"30050003612f62\"")
                .contains("\"direction\":\"client\"");
        assertThat(vm.exportErrorProperty().get()).isEmpty();
        vm.export(dir.resolve("no/such/dir/p.jsonl").toFile());
        assertThat(vm.exportErrorProperty().get()).startsWith(I18n.t("packets.exportFailed", ""));
    }
}
