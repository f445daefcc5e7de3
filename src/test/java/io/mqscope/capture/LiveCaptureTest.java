package io.mqscope.capture;

import static io.mqscope.capture.WebSocketCaptureTest.WECHAT;
import static io.mqscope.capture.WebSocketCaptureTest.WECHAT_MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.testing.Mosquitto;
import io.mqscope.wire.Direction;
import io.mqscope.wire.PacketType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captures recorded with tcpdump on the loopback interface while real clients talk to mosquitto, read back. Fails
 * when mosquitto, tcpdump or mosquitto_pub is missing and MQSCOPE_REQUIRE_MOSQUITTO=1, else skips with a notice.
 */
@ExtendWith(Mosquitto.class)
class LiveCaptureTest {
    static Mosquitto mosquitto;

    @BeforeAll
    static void broker(Mosquitto shared) {
        mosquitto = shared;
    }

    static List<PacketType> types(Conversation c, Direction d) {
        return c.packets().stream().filter(p -> p.from() == d).map(p -> p.packet().type()).toList();
    }

    static void publish(int port, String topic) throws Exception {
        Path pub = Tools.require("mosquitto_pub");
        Process p = new ProcessBuilder(pub.toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-t", topic,
                "-m", "hello", "-q", "1", "-V", "mqttv311").redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }

    static boolean closedBoth(Capture c) {
        return c.conversations().size() == 1 && c.conversations().get(0).closes().size() == 2;
    }

    static void assertPublishConversation(Capture cap) {
        Conversation c = cap.conversations().get(0);
        assertThat(c.transport()).isEqualTo(Transport.TCP);
        assertThat(c.server().port()).isEqualTo(mosquitto.tcpPort);
        assertThat(types(c, Direction.CLIENT_TO_BROKER)).containsExactly(PacketType.CONNECT, PacketType.PUBLISH,
                PacketType.DISCONNECT);
        assertThat(types(c, Direction.BROKER_TO_CLIENT)).containsExactly(PacketType.CONNACK, PacketType.PUBACK);
        assertThat(c.packets()).allSatisfy(p -> assertThat(p.packet().malformed()).isFalse());
        assertThat(c.gaps()).isEmpty();
        assertThat(c.packets().get(0).time().toEpochMilli()).isCloseTo(System.currentTimeMillis(),
                org.assertj.core.data.Offset.offset(60_000L));
        assertThat(c.closes()).filteredOn(cl -> cl.by() == Direction.BROKER_TO_CLIENT).singleElement()
                .satisfies(cl -> assertThat(cl.description()).matches(
                        "the broker sent FIN [0-9.]+ (µs|ms) after the client's DISCONNECT #2"));
    }

    @Test
    void mosquitto_pub_over_tcp_on_loopback_in_pcap_and_nanosecond_pcap(@TempDir Path dir) throws Exception {
        for (String[] precision : List.of(new String[0], new String[] {"--time-stamp-precision=nano"})) {
            Path file = dir.resolve("tcp" + precision.length + ".pcap");
            try (Tcpdump t = Tcpdump.start("lo", mosquitto.tcpPort, file, precision)) {
                publish(mosquitto.tcpPort, "capture/tcp");
                t.awaitCapture(LiveCaptureTest::closedBoth);
            }
            assertPublishConversation(CaptureReader.read(file));
        }
    }

    @Test
    void tcpdump_on_any_interface_writes_linux_cooked_v2_and_v1(@TempDir Path dir) throws Exception {
        for (String type : List.of("LINUX_SLL2", "LINUX_SLL")) {
            Path file = dir.resolve(type + ".pcap");
            try (Tcpdump t = Tcpdump.start("any", mosquitto.tcpPort, file, "-y", type)) {
                publish(mosquitto.tcpPort, "capture/any");
                t.awaitCapture(LiveCaptureTest::closedBoth);
            }
            byte[] header = java.nio.file.Files.readAllBytes(file);
            int linkType = header[20] & 0xff | (header[21] & 0xff) << 8;
            assertThat(linkType).isEqualTo(type.equals("LINUX_SLL2") ? 276 : 113);
            assertPublishConversation(CaptureReader.read(file));
        }
    }

    @Test
    void pcapng_converted_by_editcap_reads_the_same(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lo.pcap");
        try (Tcpdump t = Tcpdump.start("lo", mosquitto.tcpPort, file)) {
            publish(mosquitto.tcpPort, "capture/ng");
            t.awaitCapture(LiveCaptureTest::closedBoth);
        }
        Path ng = dir.resolve("lo.pcapng");
        Tools.run(List.of(Tools.require("editcap").toString(), "-F", "pcapng", file.toString(), ng.toString()));
        Capture a = CaptureReader.read(file);
        Capture b = CaptureReader.read(ng);
        assertPublishConversation(b);
        assertThat(b.conversations().get(0).packets()).hasSameSizeAs(a.conversations().get(0).packets());
        for (int i = 0; i < a.conversations().get(0).packets().size(); i++) {
            CapturedPacket x = a.conversations().get(0).packets().get(i);
            CapturedPacket y = b.conversations().get(0).packets().get(i);
            assertThat(y.time()).isEqualTo(x.time());
            assertThat(y.packet().raw()).isEqualTo(x.packet().raw());
        }
    }

    @Test
    void pcapng_written_by_dumpcap(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dumpcap.pcapng");
        try (Tcpdump t = Tcpdump.dumpcap("lo", mosquitto.tcpPort, file)) {
            publish(mosquitto.tcpPort, "capture/dumpcap");
            t.awaitCapture(LiveCaptureTest::closedBoth);
        }
        byte[] head = java.nio.file.Files.readAllBytes(file);
        assertThat(head).startsWith(0x0a, 0x0d, 0x0d, 0x0a);
        assertPublishConversation(CaptureReader.read(file));
    }

    /** A minimal RFC 6455 client: the upgrade, then masked binary frames exactly as given. */
    static final class WsClient implements AutoCloseable {
        final Socket socket;
        final OutputStream out;
        final InputStream in;

        WsClient(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            out = socket.getOutputStream();
            in = socket.getInputStream();
            out.write(WebSocketCaptureTest.UPGRADE.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            while (!header.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    throw new IOException("closed during the upgrade: " + header);
                }
                header.write(c);
            }
            assertThat(header.toString(StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 101");
        }

        void send(byte[] payload, int i) throws IOException {
            out.write(PcapngExport.wsFrame(payload, true, i));
            out.flush();
        }

        /** Reads until the broker closes the connection. */
        void drain() {
            try {
                while (in.read() >= 0) {
                    // the broker's frames are in the capture; here we only wait for the close
                }
            } catch (IOException e) {
                // a reset is a close too
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void a_websocket_client_over_mqtt_subprotocol(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ws.pcap");
        try (Tcpdump t = Tcpdump.start("lo", mosquitto.wsPort, file)) {
            try (WsClient ws = new WsClient(mosquitto.wsPort)) {
                ws.send(CaptureReaderTest.CONNECT, 0);
                byte[] connack = ws.in.readNBytes(6);
                assertThat(connack).startsWith(0x82, 4, 0x20, 2);
                ws.send(CaptureReaderTest.PUBLISH, 1);
                ws.send(new byte[] {(byte) 0xe0, 0}, 2);
                ws.drain();
            }
            t.awaitCapture(LiveCaptureTest::closedBoth);
        }
        Conversation c = CaptureReader.read(file).conversations().get(0);
        assertThat(c.transport()).isEqualTo(Transport.WS);
        assertThat(types(c, Direction.CLIENT_TO_BROKER)).containsExactly(PacketType.CONNECT, PacketType.PUBLISH,
                PacketType.DISCONNECT);
        assertThat(types(c, Direction.BROKER_TO_CLIENT)).startsWith(PacketType.CONNACK);
        assertThat(c.ws().stream().filter(f -> f.from() == Direction.CLIENT_TO_BROKER)).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(f -> assertThat(f.masked()).isTrue());
    }

    @Test
    void the_wechat_padded_connect_in_thirteen_websocket_messages_is_diagnosed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("wechat.pcap");
        try (Tcpdump t = Tcpdump.start("lo", mosquitto.wsPort, file)) {
            try (WsClient ws = new WsClient(mosquitto.wsPort)) {
                int at = 0;
                try {
                    for (int i = 0; i < WECHAT_MESSAGES.length; i++) {
                        ws.send(Arrays.copyOfRange(WECHAT, at, at + WECHAT_MESSAGES[i]), i);
                        at += WECHAT_MESSAGES[i];
                    }
                } catch (IOException hungUp) {
                    // mosquitto hangs up once it has read the 26 bytes the length declares; like mqtt.js on the
                    // phone, the client then has messages it can no longer send
                }
                ws.drain();
            }
            t.awaitCapture(c -> c.conversations().size() == 1 && !c.conversations().get(0).closes().isEmpty());
        }
        Conversation c = CaptureReader.read(file).conversations().get(0);
        assertThat(c.transport()).isEqualTo(Transport.WS);
        CapturedPacket connect = c.packets().get(0);
        assertThat(connect.packet().type()).isEqualTo(PacketType.CONNECT);
        assertThat(connect.packet().raw().length).isGreaterThanOrEqualTo(28);
        assertThat(WECHAT).startsWith(connect.packet().raw());
        assertThat(connect.packet().diagnosis()).startsWith("Remaining Length written as 4 bytes \"1a 00 00 00\"");
        assertThat(c.closes()).anySatisfy(cl -> assertThat(cl.description()).startsWith("the broker sent ")
                .endsWith("after the client's CONNECT #0, which is malformed"));
    }
}
