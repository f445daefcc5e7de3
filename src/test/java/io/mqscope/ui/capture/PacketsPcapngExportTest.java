package io.mqscope.ui.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.capture.CaptureFixtures;
import io.mqscope.capture.Endpoint;
import io.mqscope.capture.Tools;
import io.mqscope.capture.Transport;
import io.mqscope.tap.PacketEvent;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.packets.PacketsViewModel;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.StreamDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Export pcapng" on the Packets view writes what Wireshark reads: tshark dissects the same MQTT packets in the file,
 * for a live connection's packets (one TCP stream per relay connection) and for a conversation opened from a
 * capture (the WeChat CONNECT over WebSocket, its findings as the packet's comment).
 */
class PacketsPcapngExportTest {
    @TempDir
    Path dir;

    private static List<String> tshark(Path file, String... fields) throws Exception {
        Path lua = file.resolveSibling("ws-mqtt.lua");
        // Wireshark 4.0 hands WebSocket payloads to MQTT only with "mqtt" in its ws.protocol table (see
        // TsharkExportTest)
        Files.writeString(lua, "DissectorTable.get(\"ws.protocol\"):add(\"mqtt\", Dissector.get(\"mqtt\"))\n");
        List<String> cmd = new ArrayList<>(List.of(Tools.require("tshark").toString(), "-r", file.toString(), "-X",
                "lua_script:" + lua, "-Y", "mqtt", "-T", "fields"));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        return Tools.run(cmd);
    }

    private static List<PacketEvent> events(String connection, Direction dir, String hex, long at) {
        List<PacketEvent> out = new ArrayList<>();
        for (DecodedPacket p : new StreamDecoder(dir, 0).feed(HexFormat.of().parseHex(hex.replace(" ", "")))) {
            Instant t = Instant.ofEpochSecond(1_700_000_000L, at + out.size() * 1000L);
            out.add(new PacketEvent(connection, 0, t, dir, p));
        }
        return out;
    }

    @Test
    void a_live_connection_exports_one_tcp_stream_per_relay_connection() throws Exception {
        String connect = "10 0d 00 04 4d 51 54 54 04 02 00 3c 00 01 61";
        List<PacketEvent> all = new ArrayList<>();
        for (String id : List.of("c1", "c2")) {
            long base = id.equals("c1") ? 0 : 1_000_000;
            all.addAll(events(id, Direction.CLIENT_TO_BROKER, connect, base));
            all.addAll(events(id, Direction.BROKER_TO_CLIENT, "20 02 00 00", base + 10_000));
            // SUBSCRIBE id 1 "t" QoS 0, then PUBLISH "t" "hello"
            all.addAll(events(id, Direction.CLIENT_TO_BROKER, "82 06 00 01 00 01 74 00 30 08 00 01 74 68 65 6c 6c 6f",
                    base + 20_000));
            all.addAll(events(id, Direction.BROKER_TO_CLIENT, "90 03 00 01 00", base + 30_000));
        }
        PacketsViewModel vm = new PacketsViewModel(100, TaskExecutor.sameThread());
        vm.setSource(() -> all, () -> { });
        assertThat(vm.pcapngAvailableProperty().get()).isFalse();
        vm.setPcapngSource(events -> SessionPcapng.conversations(new Endpoint("mqscope", 0),
                new Endpoint("broker.example.com", 1883), Transport.TCP, events));
        assertThat(vm.pcapngAvailableProperty().get()).isTrue();
        // only CONNACKs shown: the export still writes every packet of the connection
        vm.typeProperty().set(io.mqscope.wire.PacketType.CONNACK);
        Path file = dir.resolve("live.pcapng");
        vm.exportPcapng(file.toFile());
        assertThat(vm.exportErrorProperty().get()).isEmpty();
        assertThat(vm.exportDoneProperty().get()).isEqualTo("Wrote 10 packets to live.pcapng");
        // CONNECT 1, CONNACK 2, SUBSCRIBE 8, PUBLISH 3, SUBACK 9 per stream
        assertThat(tshark(file, "tcp.stream", "mqtt.msgtype")).containsExactly("0\t1", "0\t2", "0\t8", "0\t3",
                "0\t9", "1\t1", "1\t2", "1\t8", "1\t3", "1\t9");
    }

    @Test
    void an_opened_conversation_exports_with_its_findings_as_comments() throws Exception {
        Path capture = dir.resolve("mixed.pcapng");
        Files.write(capture, CaptureFixtures.mixed());
        CaptureViewModel vm = new CaptureViewModel(TaskExecutor.sameThread(), 1000);
        vm.open(capture);
        vm.selectedProperty().set(vm.conversations().get(0));
        Path tcp = dir.resolve("tcp.pcapng");
        vm.packets().exportPcapng(tcp.toFile());
        assertThat(tshark(tcp, "mqtt.msgtype")).containsExactly("1", "2", "3");

        vm.selectedProperty().set(vm.conversations().get(1));
        Path ws = dir.resolve("ws.pcapng");
        vm.packets().exportPcapng(ws.toFile());
        List<String> connect = tshark(ws, "mqtt.msgtype", "frame.comment");
        assertThat(connect).hasSize(1);
        // Wireshark takes the padded Remaining Length literally: a CONNECT, then a "packet" of type 0 in the rest
        assertThat(connect.get(0)).startsWith("1,0\t")
                .contains("diagnosis: Remaining Length written as 4 bytes \"1a 00 00 00\" instead of \"1a\"");
    }

    private static final String CONNECT = "10 0d 00 04 4d 51 54 54 04 02 00 3c 00 01 61";
    /** SUBSCRIBE id 1 "t" QoS 0, then PUBLISH "t" "hello". */
    private static final String SUBSCRIBE_PUBLISH = "82 06 00 01 00 01 74 00 30 08 00 01 74 68 65 6c 6c 6f";

    private static void tap(java.util.function.Consumer<io.mqscope.tap.TapEvent> feed, String conn, String hex,
                            Direction dir, long at) {
        for (PacketEvent e : events(conn, dir, hex, at)) {
            feed.accept(new io.mqscope.tap.TapEvent.Packet(conn, 0, e.time(), dir, e.packet(), false));
        }
    }

    @Test
    void a_tapped_websocket_client_exports_as_http_upgrade_and_websocket_frames_on_port_80() throws Exception {
        io.mqscope.ui.wiretap.TapClients clients = new io.mqscope.ui.wiretap.TapClients();
        var feed = clients.feed("ws-");
        Instant t = Instant.ofEpochSecond(1_700_000_000L);
        feed.accept(new io.mqscope.tap.TapEvent.Opened("c1", 0, t, "127.0.0.1:50001", "ws://127.0.0.1:8083/mqtt"));
        feed.accept(new io.mqscope.tap.TapEvent.Opened("c2", 0, t, "127.0.0.1:50002", "ws://127.0.0.1:8083/mqtt"));
        tap(feed, "c1", CONNECT, Direction.CLIENT_TO_BROKER, 0);
        tap(feed, "c2", CONNECT, Direction.CLIENT_TO_BROKER, 5_000);
        tap(feed, "c1", "20 02 00 00", Direction.BROKER_TO_CLIENT, 10_000);
        tap(feed, "c1", SUBSCRIBE_PUBLISH, Direction.CLIENT_TO_BROKER, 20_000);
        tap(feed, "c1", "90 03 00 01 00", Direction.BROKER_TO_CLIENT, 30_000);
        io.mqscope.ui.wiretap.TapInspectorViewModel inspector =
                new io.mqscope.ui.wiretap.TapInspectorViewModel(100, TaskExecutor.sameThread());
        assertThat(inspector.packets().pcapngAvailableProperty().get()).isFalse();
        inspector.show(clients, clients.row("ws-c1"));
        assertThat(inspector.packets().pcapngAvailableProperty().get()).isTrue();
        Path file = dir.resolve("tapped.pcapng");
        inspector.packets().exportPcapng(file.toFile());
        assertThat(inspector.packets().exportErrorProperty().get()).isEmpty();
        assertThat(inspector.packets().exportDoneProperty().get()).isEqualTo("Wrote 5 packets to tapped.pcapng");
        // only c1's packets, each in a WebSocket frame to port 80 after the HTTP upgrade
        // (the client's synthetic port written as C)
        assertThat(tshark(file, "tcp.dstport", "tcp.srcport", "mqtt.msgtype")).extracting(l -> String.join(" ",
                java.util.Arrays.stream(l.split("\t")).map(f -> f.matches("\\d{5}") ? "C" : f).toList()))
                .containsExactly("80 C 1", "C 80 2", "80 C 8", "80 C 3", "C 80 9");
        List<String> frames = Tools.run(List.of(Tools.require("tshark").toString(), "-r", file.toString(), "-T",
                "fields", "-e", "frame.protocols"));
        assertThat(frames).anyMatch(l -> l.endsWith(":http"));
        assertThat(frames.stream().filter(l -> l.contains(":websocket")).count()).isEqualTo(5);
        // the first packet's comment names the tapped client and the listener it connected to
        assertThat(Tools.run(List.of(Tools.require("tshark").toString(), "-r", file.toString(), "-T", "fields",
                "-e", "frame.comment")).get(0)).contains("WebSocket between client 127.0.0.1:50001 and broker "
                + "127.0.0.1:8083");

        inspector.show(clients, null);
        assertThat(inspector.packets().pcapngAvailableProperty().get()).isFalse();
    }

    @Test
    void the_selection_exports_only_the_selected_rows() throws Exception {
        List<PacketEvent> all = new ArrayList<>();
        all.addAll(events("c1", Direction.CLIENT_TO_BROKER, CONNECT, 0));
        all.addAll(events("c1", Direction.BROKER_TO_CLIENT, "20 02 00 00", 10_000));
        all.addAll(events("c1", Direction.CLIENT_TO_BROKER, SUBSCRIBE_PUBLISH, 20_000));
        all.addAll(events("c1", Direction.BROKER_TO_CLIENT, "90 03 00 01 00", 30_000));
        PacketsViewModel vm = new PacketsViewModel(100, TaskExecutor.sameThread());
        vm.setSource(() -> all, () -> { });
        vm.setPcapngSource(events -> SessionPcapng.conversations(new Endpoint("mqscope", 0),
                new Endpoint("broker.example.com", 1883), Transport.TCP, events));
        Path file = dir.resolve("selection.pcapng");
        // CONNECT and the PUBLISH: a CONNACK and the SUBSCRIBE and SUBACK are left out
        vm.exportPcapng(file.toFile(), List.of(all.get(0), all.get(3)));
        assertThat(vm.exportDoneProperty().get()).isEqualTo("Wrote 2 packets to selection.pcapng");
        assertThat(tshark(file, "mqtt.msgtype")).containsExactly("1", "3");
        assertThat(tshark(file, "mqtt.topic", "mqtt.msg")).containsExactly("\t", "t\t68656c6c6f");
    }

    @Test
    void a_tapped_client_endpoint_is_read_from_its_address() {
        assertThat(SessionPcapng.endpoint("127.0.0.1:50001")).isEqualTo(new Endpoint("127.0.0.1", 50001));
        assertThat(SessionPcapng.endpoint("[::1]:50001")).isEqualTo(new Endpoint("::1", 50001));
        assertThat(SessionPcapng.endpoint("somewhere")).isEqualTo(new Endpoint("somewhere", 0));
    }
}
