package io.mqscope.tap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.testing.MqttBytes;
import io.mqscope.testing.RecordingRelayListener;
import io.mqscope.wire.Direction;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * WebSocket framing real brokers rarely produce: an empty binary message, a packet fragmented over a binary and a
 * continuation frame, a ping, and a close with code and reason. The server side is scripted byte by byte.
 */
class RelayWebSocketFramingTest {

    @Test
    void tolerates_empty_and_fragmented_frames_answers_ping_and_reports_close() throws Exception {
        CompletableFuture<List<Integer>> clientOpcodes = new CompletableFuture<>();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Thread script = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.setSoTimeout(10_000);
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    String request = TestServers.readHead(in);
                    String key = request.lines().filter(l -> l.toLowerCase().startsWith("sec-websocket-key:"))
                            .findFirst().orElseThrow().substring(18).trim();
                    String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(
                            (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
                    out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Accept: " + accept + "\r\nSec-WebSocket-Protocol: mqtt\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    DataInputStream frames = new DataInputStream(in);
                    int first = readFrame(frames); // the client's CONNECT
                    out.write(new byte[] {(byte) 0x82, 0x00});                   // empty binary message
                    out.write(new byte[] {0x02, 0x02, 0x20, 0x02});             // CONNACK, first fragment
                    out.write(new byte[] {(byte) 0x80, 0x02, 0x00, 0x00});      // continuation, final
                    out.write(new byte[] {(byte) 0x89, 0x02, 'h', 'i'});        // ping
                    out.flush();
                    int second = readFrame(frames); // pong
                    byte[] reason = "going away".getBytes(StandardCharsets.US_ASCII);
                    out.write(new byte[] {(byte) 0x88, (byte) (2 + reason.length), 0x03, (byte) 0xE9});
                    out.write(reason);
                    out.flush();
                    int third = readFrame(frames); // close echoed
                    clientOpcodes.complete(List.of(first, second, third));
                } catch (Exception e) {
                    clientOpcodes.completeExceptionally(e);
                }
            }, "scripted-ws-server");
            script.setDaemon(true);
            script.start();

            RecordingRelayListener events = new RecordingRelayListener();
            Profile p = Profile.builder().transport(Transport.WS).host("127.0.0.1").port(server.getLocalPort())
                    .wsPath("/mqtt").build();
            try (Relay relay = Relay.start(p, events);
                 Socket client = new Socket("127.0.0.1", relay.port())) {
                client.setSoTimeout(10_000);
                client.getOutputStream().write(MqttBytes.connect(4, "framing"));
                assertThat(MqttBytes.readPacket(client.getInputStream()))
                        .as("CONNACK reassembled from two fragments").containsExactly(0x20, 0x02, 0x00, 0x00);
                assertThat(client.getInputStream().read()).as("closed after the WebSocket close").isEqualTo(-1);
                assertThat(clientOpcodes.get(10, TimeUnit.SECONDS)).containsExactly(0x2, 0xA, 0x8);
                String closed = events.awaitClosed();
                assertThat(closed).contains("WebSocket close code 1001 reason 'going away'");
            }
            List<String> fromBroker = events.frames.stream().filter(f -> f.direction() == Direction.BROKER_TO_CLIENT)
                    .map(f -> f.opcode() + (f.fin() ? "" : "+") + ":" + f.payloadLength()).toList();
            assertThat(fromBroker).containsExactly("binary:0", "binary+:2", "continuation:2", "ping:2", "close:12");
            WebSocketFrameEvent close = events.frames.stream().filter(f -> f.opcode().equals("close")
                    && f.direction() == Direction.BROKER_TO_CLIENT).findFirst().orElseThrow();
            assertThat(close.closeCode()).isEqualTo(1001);
            assertThat(close.closeReason()).isEqualTo("going away");
            assertThat(events.packets).filteredOn(e -> e.direction() == Direction.BROKER_TO_CLIENT)
                    .singleElement().satisfies(e -> assertThat(e.packet().raw()).containsExactly(0x20, 2, 0, 0));
            assertThat(events.failures).isEmpty();
        }
    }

    /** Reads one client frame (masked) and returns its opcode. */
    private static int readFrame(DataInputStream in) throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        assertThat(b1 & 0x80).as("client frames are masked").isEqualTo(0x80);
        long len = b1 & 0x7F;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        in.readFully(new byte[4]);
        in.readFully(new byte[(int) len]);
        return b0 & 0x0F;
    }
}
