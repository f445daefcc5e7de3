package io.mqscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.broker.LocalBroker;
import io.mqscope.capture.Capture;
import io.mqscope.capture.CaptureFixtures;
import io.mqscope.capture.CaptureReader;
import io.mqscope.capture.CapturedPacket;
import io.mqscope.capture.Conversation;
import io.mqscope.capture.Transport;
import io.mqscope.testing.EmbeddedHiveMq;
import io.mqscope.wire.Direction;
import io.mqscope.wire.PacketType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code mqscope sub --pcap FILE} against HiveMQ CE embedded: the file reads back and Wireshark dissects it.
 */
@ExtendWith(EmbeddedHiveMq.class)
class SubPcapExportTest {
    static LocalBroker broker;

    @BeforeAll
    static void broker(LocalBroker shared) {
        broker = shared;
    }

    private static int run(StringWriter err, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** Publishes a retained message, then subscribes for it with --pcap; returns the one conversation read back. */
    private static Conversation subscribeAndReadBack(String url, String topic, Path file) throws Exception {
        StringWriter err = new StringWriter();
        assertThat(run(err, "pub", "--url", url, "-t", topic, "-m", "to the file", "--retain", "-q", "1"))
                .as(err.toString()).isZero();
        assertThat(run(err, "sub", "--url", url, "-t", topic, "-C", "1", "-W", "10", "--pcap", file.toString()))
                .as(err.toString()).isZero();
        run(err, "pub", "--url", url, "-t", topic, "-n", "--retain");
        Capture cap = CaptureReader.read(file);
        assertThat(cap.conversations()).hasSize(1);
        return cap.conversations().get(0);
    }

    private static List<PacketType> types(Conversation c, Direction d) {
        return c.packets().stream().filter(p -> p.from() == d).map(p -> p.packet().type()).toList();
    }

    @Test
    void the_session_is_written_as_pcapng_that_reads_back_and_tshark_dissects_as_mqtt(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("sub.pcapng");
        Conversation c = subscribeAndReadBack("mqtt://127.0.0.1:" + broker.tcpPort(), "cli/pcap", file);
        assertThat(c.transport()).isEqualTo(Transport.TCP);
        assertThat(types(c, Direction.CLIENT_TO_BROKER)).startsWith(PacketType.CONNECT, PacketType.SUBSCRIBE);
        assertThat(types(c, Direction.BROKER_TO_CLIENT)).startsWith(PacketType.CONNACK).contains(PacketType.SUBACK,
                PacketType.PUBLISH);
        CapturedPacket publish = c.packets().stream().filter(p -> p.packet().type() == PacketType.PUBLISH)
                .findFirst().orElseThrow();
        assertThat(new String(publish.packet().raw(), java.nio.charset.StandardCharsets.UTF_8))
                .endsWith("to the file");
        assertThat(c.packets()).allSatisfy(p -> assertThat(p.packet().malformed()).isFalse());
        // Wireshark sees the same MQTT packets in the same order (msgtype is the type's nibble).
        List<String> expected = c.packets().stream().map(p -> Integer.toString(p.packet().type().ordinal()))
                .toList();
        assertThat(CaptureFixtures.tsharkMqttTypes(file)).containsExactlyElementsOf(expected);
        // And decode --pcap reads it as a clean conversation.
        StringWriter err = new StringWriter();
        assertThat(run(err, "decode", "--pcap", file.toString())).as(err.toString()).isZero();
    }

    @Test
    void a_websocket_session_is_written_as_websocket(@TempDir Path dir) throws Exception {
        Conversation c = subscribeAndReadBack(broker.wsUrl(), "cli/pcap-ws", dir.resolve("ws.pcapng"));
        assertThat(c.transport()).isEqualTo(Transport.WS);
        assertThat(types(c, Direction.CLIENT_TO_BROKER)).startsWith(PacketType.CONNECT, PacketType.SUBSCRIBE);
        assertThat(types(c, Direction.BROKER_TO_CLIENT)).contains(PacketType.PUBLISH);
    }

    @Test
    void pub_writes_its_session_too(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pub.pcapng");
        StringWriter err = new StringWriter();
        assertThat(run(err, "pub", "--url", "mqtt://127.0.0.1:" + broker.tcpPort(), "-t", "cli/pcap-pub", "-m",
                "x", "-q", "1", "--pcap", file.toString())).as(err.toString()).isZero();
        Conversation c = CaptureReader.read(file).conversations().get(0);
        assertThat(types(c, Direction.CLIENT_TO_BROKER)).containsExactly(PacketType.CONNECT, PacketType.PUBLISH,
                PacketType.DISCONNECT);
        assertThat(types(c, Direction.BROKER_TO_CLIENT)).containsExactly(PacketType.CONNACK, PacketType.PUBACK);
        assertThat(run(err, "pub", "--url", "mqtt://127.0.0.1:1", "-t", "x", "-m", "x", "--pcap",
                dir.resolve("no/such/x.pcapng").toString())).isEqualTo(2);
    }

    @Test
    void a_pcap_file_in_a_missing_folder_is_bad_input_before_connecting(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        assertThat(run(err, "sub", "--url", "mqtt://127.0.0.1:1", "-t", "x", "--pcap",
                dir.resolve("no/such/x.pcapng").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--pcap: the folder").contains("does not exist");
    }
}
