package io.mqscope.ui.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.capture.Close;
import io.mqscope.capture.Conversation;
import io.mqscope.capture.Endpoint;
import io.mqscope.capture.PcapngExport;
import io.mqscope.capture.Transport;
import io.mqscope.tap.PacketEvent;
import io.mqscope.testing.MqttBytes;
import io.mqscope.wire.Direction;
import io.mqscope.wire.PacketDecoder;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A capture file of a real conversation that goes wrong: two MQTT 3.1.1 clients with one client id talk to a real
 * broker over real sockets (the second CONNECT makes the broker close the first connection, [MQTT-3.1.4-2]), each
 * byte as it crossed the socket, with its time, written by the project's pcapng writer ({@link PcapngExport}).
 */
public final class TakeoverCapture {
    private TakeoverCapture() {
    }

    /** Records the takeover against the broker on {@code port} into {@code file} (pcapng) and returns it. */
    public static Path record(int port, Path file) throws Exception {
        String id = "triplet-" + ProcessHandle.current().pid();
        List<PacketEvent> first = new ArrayList<>();
        List<PacketEvent> second = new ArrayList<>();
        Instant firstClosed;
        Instant secondClosed;
        try (Socket a = new Socket("127.0.0.1", port); Socket b = new Socket("127.0.0.1", port)) {
            a.setSoTimeout(10_000);
            b.setSoTimeout(10_000);
            send(a, first, "a", MqttBytes.connect(4, id));
            receive(a, first, "a");
            send(b, second, "b", MqttBytes.connect(4, id));
            receive(b, second, "b");
            // the broker drops the older connection: its read ends
            assertThat(a.getInputStream().read()).as("the broker closes the first connection").isEqualTo(-1);
            firstClosed = Instant.now();
            send(b, second, "b", MqttBytes.disconnect());
            secondClosed = Instant.now();
        }
        Endpoint server = new Endpoint("127.0.0.1", port);
        Conversation one = closed(SessionPcapng.conversations(new Endpoint("127.0.0.1", 0), server, Transport.TCP,
                first).get(0), new Close(Direction.BROKER_TO_CLIENT, "FIN", firstClosed, ""));
        Conversation two = closed(SessionPcapng.conversations(new Endpoint("127.0.0.1", 0), server, Transport.TCP,
                second).get(0), new Close(Direction.CLIENT_TO_BROKER, "FIN", secondClosed, ""));
        try (OutputStream out = Files.newOutputStream(file)) {
            PcapngExport.write(out, List.of(one, two), false);
        }
        return file;
    }

    private static Conversation closed(Conversation c, Close close) {
        return new Conversation(c.client(), c.server(), c.transport(), c.start(), c.sni(), c.packets(),
                c.packetCount(), c.ws(), c.findings(), c.gaps(), List.of(close), c.notes(), c.retransmissions());
    }

    private static void send(Socket s, List<PacketEvent> log, String conn, byte[] raw) throws Exception {
        s.getOutputStream().write(raw);
        s.getOutputStream().flush();
        log.add(event(conn, Direction.CLIENT_TO_BROKER, raw));
    }

    private static void receive(Socket s, List<PacketEvent> log, String conn) throws Exception {
        log.add(event(conn, Direction.BROKER_TO_CLIENT, MqttBytes.readPacket(s.getInputStream())));
    }

    private static PacketEvent event(String conn, Direction from, byte[] raw) {
        Instant now = Instant.now();
        return new PacketEvent(conn, System.nanoTime(), now, from, PacketDecoder.decode(raw, 4, from));
    }
}
