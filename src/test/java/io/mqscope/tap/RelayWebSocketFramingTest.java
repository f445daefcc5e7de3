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
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
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
                    out.write(switchingProtocols(TestServers.readHead(in)));
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
            List<String> toBroker = events.frames.stream().filter(f -> f.direction() == Direction.CLIENT_TO_BROKER)
                    .map(f -> f.opcode() + ":" + f.payloadLength() + (f.closeCode() == null ? "" : "/" + f.closeCode()))
                    .toList();
            assertThat(toBroker).as("the CONNECT, the pong answering the ping, the close echoing 1001")
                    .containsExactly("binary:" + MqttBytes.connect(4, "framing").length, "pong:2", "close:2/1001");
            assertThat(events.packets).filteredOn(e -> e.direction() == Direction.BROKER_TO_CLIENT)
                    .singleElement().satisfies(e -> assertThat(e.packet().raw()).containsExactly(0x20, 2, 0, 0));
            assertThat(events.failures).isEmpty();
        }
    }

    @Test
    void a_frame_in_the_same_segment_as_the_101_answer_is_not_lost() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Thread script = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.setSoTimeout(10_000);
                    byte[] head = switchingProtocols(TestServers.readHead(s.getInputStream()));
                    byte[] answer = Arrays.copyOf(head, head.length + 6);
                    System.arraycopy(new byte[] {
                        (byte) 0x82, 0x04,      // FIN, binary, unmasked, length 4
                        0x20, 0x02, 0x00, 0x00  // CONNACK
                    }, 0, answer, head.length, 6);
                    s.getOutputStream().write(answer); // one write: the frame rides with the HTTP answer
                    s.getOutputStream().flush();
                    s.getInputStream().readAllBytes(); // until the relay closes
                } catch (IOException e) {
                    // the relay closed first
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
                assertThat(MqttBytes.readPacket(client.getInputStream())).containsExactly(0x20, 0x02, 0x00, 0x00);
            }
            assertThat(events.frames).filteredOn(f -> f.direction() == Direction.BROKER_TO_CLIENT)
                    .extracting(WebSocketFrameEvent::opcode).first().isEqualTo("binary");
            assertThat(events.failures).isEmpty();
        }
    }

    /** The 101 answer to an upgrade request (RFC 6455 §4.2.2), subprotocol mqtt. */
    private static byte[] switchingProtocols(String request) {
        String key = request.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:"))
                .findFirst().orElseThrow().substring(18).trim();
        try {
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
            return ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\nSec-WebSocket-Protocol: mqtt\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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
