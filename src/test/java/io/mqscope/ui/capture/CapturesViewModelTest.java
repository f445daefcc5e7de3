package io.mqscope.ui.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.capture.CaptureFixtures;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.wire.PacketType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The open captures (read-only groups of the Connections list) with a same-thread executor (plain JUnit). */
class CapturesViewModelTest {
    @TempDir
    Path dir;

    private final CapturesViewModel vm = new CapturesViewModel(TaskExecutor.sameThread(), 1000);

    @Test
    void each_file_is_a_group_its_entry_is_shown_and_closing_forgets_it() throws Exception {
        Path mixed = dir.resolve("mixed.pcapng");
        Files.write(mixed, CaptureFixtures.mixed());
        Path clean = dir.resolve("clean.pcap");
        Files.write(clean, CaptureFixtures.clean());
        CaptureViewModel a = vm.open(mixed);
        CaptureViewModel b = vm.open(clean);
        assertThat(vm.captures()).containsExactly(a, b);
        assertThat(a.conversations()).hasSize(4);
        assertThat(vm.shownProperty().get()).as("nothing shown until an entry is selected").isNull();

        vm.show(a, a.conversations().get(1));
        assertThat(vm.shownProperty().get()).isSameAs(a);
        assertThat(a.packets().visible()).singleElement()
                .satisfies(e -> assertThat(e.packet().type()).isEqualTo(PacketType.CONNECT));
        vm.hide();
        assertThat(vm.shownProperty().get()).isNull();

        vm.show(b, b.conversations().get(0));
        vm.close(b);
        assertThat(vm.captures()).containsExactly(a);
        assertThat(vm.shownProperty().get()).as("a closed capture is not shown").isNull();
    }

    @Test
    void the_packet_limit_applies_to_captures_opened_after_it_changed() throws Exception {
        Path clean = dir.resolve("clean.pcap");
        Files.write(clean, CaptureFixtures.clean());
        vm.setMaxPackets(1);
        CaptureViewModel c = vm.open(clean);
        assertThat(c.conversations().get(0).packets()).hasSize(1);
        assertThat(c.conversations().get(0).cut()).isTrue();
    }
}
