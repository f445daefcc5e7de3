package io.mqscope.ui.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.capture.CaptureFixtures;
import io.mqscope.doctor.Insight;
import io.mqscope.doctor.PacketRef;
import io.mqscope.testing.Mosquitto;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.wire.Direction;
import io.mqscope.wire.PacketType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An opened capture's insights: the conversation doctor reads the file in the same pass that lists its
 * conversations ({@link CaptureImport}, as {@code decode --pcap} does), naming each conversation by its client's
 * endpoint as its entry shows it; opening an insight selects its conversation and packet. Plain JUnit over a capture
 * of a real takeover at mosquitto ({@link TakeoverCapture}).
 */
@ExtendWith(Mosquitto.class)
class CaptureInsightsTest {
    @TempDir
    Path dir;

    @Test
    void a_capture_of_two_clients_with_one_id_gives_the_takeover(Mosquitto m) throws Exception {
        Path file = TakeoverCapture.record(m.tcpPort, dir.resolve("takeover.pcapng"));
        CaptureImport.Result r = CaptureImport.read(file, 1000, new AtomicBoolean(), p -> { });

        assertThat(r.conversations()).hasSize(2);
        String displaced = r.conversations().get(0).summary().client().toString();
        String displacing = r.conversations().get(1).summary().client().toString();
        assertThat(r.insights()).extracting(i -> i.rule().id()).containsExactly("client_id.takeover");
        Insight takeover = r.insights().get(0);
        assertThat(takeover.conns()).containsExactlyInAnyOrder(displaced, displacing);
        // the displacing CONNECT first: what a click shows
        assertThat(takeover.packets().get(0)).isEqualTo(new PacketRef(displacing, Direction.CLIENT_TO_BROKER, 0));
        assertThat(takeover.message(Locale.ENGLISH)).contains("The broker closed " + displaced + " right after "
                + displacing + " connected with the same client id \"triplet-");
    }

    @Test
    void opening_the_insight_shows_its_conversation_and_packet(Mosquitto m) throws Exception {
        Path file = TakeoverCapture.record(m.tcpPort, dir.resolve("takeover.pcapng"));
        CapturesViewModel captures = new CapturesViewModel(TaskExecutor.sameThread(), 1000);
        CaptureViewModel capture = captures.open(file);
        assertThat(captures.shownInsightsProperty().get()).as("no capture shown yet").isNull();
        captures.show(capture, capture.conversations().get(0));
        List<Insight> shown = captures.shownInsightsProperty().get();
        assertThat(shown).extracting(i -> i.rule().id()).containsExactly("client_id.takeover");

        assertThat(captures.reveal(shown.get(0).packets().get(0))).isTrue();
        assertThat(capture.selectedProperty().get()).isSameAs(capture.conversations().get(1));
        assertThat(capture.packets().selectedProperty().get().packet().type()).isEqualTo(PacketType.CONNECT);
        String displacing = capture.conversations().get(1).summary().client().toString();
        assertThat(captures.reveal(new PacketRef(displacing, Direction.CLIENT_TO_BROKER, 9)))
                .as("a packet the conversation does not hold").isFalse();

        captures.hide();
        assertThat(captures.shownInsightsProperty().get()).isNull();
    }

    /** A classic pcap (raw IP) whose broker sends FIN right after the client's PUBLISH: 3.1.1's way to refuse it. */
    @Test
    void a_broker_closing_right_after_a_publish_is_named_in_a_classic_pcap() throws Exception {
        Path file = dir.resolve("closed.pcap");
        Files.write(file, CaptureFixtures.clean());
        CaptureViewModel capture = new CaptureViewModel(TaskExecutor.sameThread(), 1000);
        capture.open(file);
        assertThat(capture.status()).isEqualTo("1 conversations in 7 frames · 1 insight in the "
                + "Insights tab");
        assertThat(capture.insightsProperty().get()).extracting(i -> i.rule().id() + " " + i.conns()
                + " " + i.packets()).containsExactly("publish.refused [192.0.2.10:50000] "
                + List.of(new PacketRef("192.0.2.10:50000", Direction.CLIENT_TO_BROKER, 1)));
    }

    @Test
    void a_file_that_is_no_capture_has_no_insight() throws Exception {
        Path file = dir.resolve("not.pcap");
        Files.writeString(file, "not a capture");
        CaptureViewModel capture = new CaptureViewModel(TaskExecutor.sameThread(), 1000);
        capture.open(file);
        assertThat(capture.error()).isNotEmpty();
        assertThat(capture.insightsProperty().get()).isEmpty();
    }
}
