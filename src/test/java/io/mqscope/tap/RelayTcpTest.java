package io.mqscope.tap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.broker.LocalBroker;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.testing.EmbeddedHiveMq;
import io.mqscope.testing.MqttBytes;
import io.mqscope.testing.RecordingRelayListener;
import io.mqscope.testing.RecordingTcpServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(EmbeddedHiveMq.class)
class RelayTcpTest {

    @ParameterizedTest(name = "MQTT level {0}")
    @ValueSource(ints = {4, 5})
    void relays_a_session_to_hivemq(int level, LocalBroker broker) throws Exception {
        RecordingRelayListener events = new RecordingRelayListener();
        Profile profile = Profile.builder().transport(Transport.TCP).host("127.0.0.1").port(broker.tcpPort()).build();
        try (Relay relay = Relay.start(profile, events)) {
            assertThat(relay.host()).isEqualTo("127.0.0.1");
            byte[] payload = new byte[300];
            new Random(level).nextBytes(payload);
            try (Socket s = new Socket("127.0.0.1", relay.port())) {
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                out.write(MqttBytes.connect(level, "relay-tcp-" + level));
                byte[] connack = MqttBytes.readPacket(in);
                assertThat(connack[0]).isEqualTo((byte) 0x20);
                assertThat(connack[3]).isZero();
                out.write(MqttBytes.subscribe(level, "relay/tcp/" + level, 0));
                assertThat(MqttBytes.readPacket(in)[0]).isEqualTo((byte) 0x90);
                out.write(MqttBytes.publish(level, "relay/tcp/" + level, payload));
                byte[] publish = MqttBytes.readPacket(in);
                assertThat(publish[0] & 0xF0).isEqualTo(0x30);
                assertThat(publish).endsWith(payload);
                out.write(MqttBytes.disconnect());
                assertThat(in.read()).as("broker closes after DISCONNECT").isEqualTo(-1);
            }
            assertThat(events.awaitClosed()).contains("closed the connection");
            assertThat(events.failures).isEmpty();
            await().atMost(Duration.ofSeconds(5)).until(() -> relay.connectionCount() == 0);
        }
    }

    @Test
    void forwards_every_byte_untouched_both_ways_under_backpressure() throws Exception {
        byte[] down = new byte[3 * 1024 * 1024];
        byte[] up = new byte[2 * 1024 * 1024];
        Random random = new Random(42);
        random.nextBytes(down);
        random.nextBytes(up);
        RecordingRelayListener events = new RecordingRelayListener();
        try (RecordingTcpServer peer = new RecordingTcpServer(down)) {
            Profile profile = Profile.builder().host("127.0.0.1").port(peer.port()).build();
            try (Relay relay = Relay.start(profile, events);
                 Socket s = new Socket("127.0.0.1", relay.port())) {
                s.setSoTimeout(20_000);
                Thread writer = new Thread(() -> {
                    try {
                        s.getOutputStream().write(up);
                        s.getOutputStream().flush();
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
                writer.start();
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                InputStream in = s.getInputStream();
                byte[] buf = new byte[8192];
                while (got.size() < down.length) {
                    // read slowly at first so the relay must stop reading from the peer
                    if (got.size() < 64 * 1024) {
                        Thread.sleep(2);
                    }
                    int n = in.read(buf);
                    if (n < 0) {
                        break;
                    }
                    got.write(buf, 0, n);
                }
                writer.join(20_000);
                assertThat(Arrays.equals(got.toByteArray(), down)).as("broker->client bytes identical").isTrue();
                await().atMost(Duration.ofSeconds(10)).until(() -> peer.received().length >= up.length);
                assertThat(Arrays.equals(peer.received(), up)).as("client->broker bytes identical").isTrue();
            }
            assertThat(events.failures).isEmpty();
        }
    }

    @Test
    void broker_side_close_is_reported_and_closes_the_client() throws Exception {
        RecordingRelayListener events = new RecordingRelayListener();
        try (RecordingTcpServer peer = new RecordingTcpServer(new byte[0])) {
            Profile profile = Profile.builder().host("127.0.0.1").port(peer.port()).build();
            try (Relay relay = Relay.start(profile, events);
                 Socket s = new Socket("127.0.0.1", relay.port())) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write(new byte[] {1, 2, 3});
                await().atMost(Duration.ofSeconds(10)).until(() -> peer.received().length == 3);
                peer.dropClient();
                assertThat(s.getInputStream().read()).isEqualTo(-1);
                assertThat(events.awaitClosed()).startsWith("broker closed the connection");
            }
        }
    }

    @Test
    void close_ends_open_connections_with_a_reason() throws Exception {
        RecordingRelayListener events = new RecordingRelayListener();
        try (RecordingTcpServer peer = new RecordingTcpServer(new byte[0])) {
            Profile profile = Profile.builder().host("127.0.0.1").port(peer.port()).build();
            Relay relay = Relay.start(profile, events);
            try (Socket s = new Socket("127.0.0.1", relay.port())) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write(new byte[] {7});
                await().atMost(Duration.ofSeconds(10)).until(() -> peer.received().length == 1);
                relay.close();
                assertThat(s.getInputStream().read()).isEqualTo(-1);
                assertThat(events.awaitClosed()).isEqualTo("relay stopped");
            }
        }
    }

    @Test
    void can_listen_on_a_given_port_for_outside_clients() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        RecordingRelayListener events = new RecordingRelayListener();
        try (RecordingTcpServer peer = new RecordingTcpServer(new byte[] {9, 8, 7});
             Relay relay = Relay.start(Profile.builder().host("127.0.0.1").port(peer.port()).build(), events,
                     "127.0.0.1", port);
             Socket s = new Socket("127.0.0.1", port)) {
            assertThat(relay.port()).isEqualTo(port);
            s.setSoTimeout(10_000);
            assertThat(s.getInputStream().readNBytes(3)).containsExactly(9, 8, 7);
        }
    }
}
