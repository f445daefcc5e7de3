package io.mqscope.ui.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.capture.CaptureFixtures;
import io.mqscope.capture.Transport;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.wire.PacketType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capture window's view model on real capture files, with a same-thread executor (plain JUnit). */
class CaptureViewModelTest {
    @TempDir
    Path dir;

    private final CaptureViewModel vm = new CaptureViewModel(TaskExecutor.sameThread(), 1000);

    @AfterEach
    void english() {
        I18n.setLocale(I18n.ENGLISH);
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    @Test
    void lists_the_conversations_and_shows_the_malformed_connect_with_its_diagnosis() throws Exception {
        vm.open(write("mixed.pcapng", CaptureFixtures.mixed()));
        assertThat(vm.readingProperty().get()).isFalse();
        assertThat(vm.error()).isEmpty();
        assertThat(vm.status()).isEqualTo("4 conversations in 36 frames · 1 insight in the Insights tab");
        assertThat(vm.conversations()).extracting(c -> c.summary().transport())
                .containsExactly(Transport.TCP, Transport.WS, Transport.TLS, Transport.TCP);
        CapturedConversation ws = vm.conversations().get(1);
        assertThat(ws.endpoints()).isEqualTo("192.0.2.10:50100 → 192.0.2.1:8083");
        assertThat(ws.errors()).isPositive();

        vm.selectedProperty().set(ws);
        assertThat(vm.packets().visible()).singleElement()
                .satisfies(e -> assertThat(e.packet().type()).isEqualTo(PacketType.CONNECT));
        assertThat(vm.packets().webSocketProperty().get()).isTrue();
        assertThat(vm.packets().frames()).isEmpty();
        vm.packets().showFramesProperty().set(true);
        assertThat(vm.packets().frames()).hasSize(13);
        // the malformed CONNECT is selected: the inspector shows its diagnosis
        assertThat(vm.packets().detail().packetProperty().get().diagnosis()).contains("1a 00 00 00");
        assertThat(vm.notes()).contains("The broker closed the connection (FIN) 0.2 ms after the other side's "
                + "CONNECT #0, which is malformed");

        vm.selectedProperty().set(vm.conversations().get(3));
        assertThat(vm.notes()).contains("10 bytes missing at stream offset 15 (client → broker); decoding starts "
                + "again after the gap");
        vm.selectedProperty().set(vm.conversations().get(2));
        assertThat(vm.notes().get(0)).startsWith("Encrypted (server name broker.example.com)");
        assertThat(vm.packets().pcapngAvailableProperty().get()).isFalse();
    }

    @Test
    void a_file_that_is_no_capture_says_where_and_shows_nothing() throws Exception {
        vm.open(write("mixed.pcapng", CaptureFixtures.mixed()));
        vm.open(write("notes.txt", "hello, this is text".getBytes(StandardCharsets.US_ASCII)));
        assertThat(vm.readingProperty().get()).isFalse();
        assertThat(vm.conversations()).isEmpty();
        assertThat(vm.packets().visible()).isEmpty();
        assertThat(vm.error()).startsWith("notes.txt cannot be read as a capture: the problem is at "
                + "byte offset 0.").contains("it looks like text");
    }

    @Test
    void a_file_cut_short_shows_what_was_read_and_where_it_ends() throws Exception {
        byte[] whole = CaptureFixtures.truncated();
        vm.open(write("cut.pcap", whole));
        assertThat(vm.conversations()).isNotEmpty();
        assertThat(vm.error()).startsWith("cut.pcap ends early at byte offset ");
    }

    @Test
    void a_missing_file_is_an_error_not_a_crash() {
        vm.open(dir.resolve("gone.pcap"));
        assertThat(vm.error()).startsWith("Cannot read ").contains("gone.pcap");
        assertThat(vm.readingProperty().get()).isFalse();
    }

    @Test
    void in_chinese() throws Exception {
        I18n.setLocale(I18n.CHINESE);
        vm.open(write("mixed.pcapng", CaptureFixtures.mixed()));
        assertThat(vm.status()).isEqualTo("共 36 帧，含 4 个会话 · 诊断 1 条，见“诊断”标签页");
        vm.selectedProperty().set(vm.conversations().get(1));
        assertThat(vm.notes()).contains("Broker 在对方发出 CONNECT #0 后 0.2 ms 关闭了连接（FIN），该报文格式错误");
        assertThat(List.copyOf(vm.notes())).anySatisfy(n -> assertThat(n).startsWith("读取器的原始说明"));
    }
}
