package io.mqscope.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqscope.testing.MqttBytes;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalBrokerTest {

    static LocalBroker broker;

    @BeforeAll
    static void start() {
        broker = LocalBroker.start(BrokerSettings.ephemeral());
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void urls_name_loopback_and_the_chosen_ports() {
        assertThat(broker.tcpPort()).isPositive();
        assertThat(broker.wsPort()).isPositive().isNotEqualTo(broker.tcpPort());
        assertThat(broker.tcpUrl()).isEqualTo("mqtt://127.0.0.1:" + broker.tcpPort());
        assertThat(broker.wsUrl()).isEqualTo("ws://127.0.0.1:" + broker.wsPort() + "/mqtt");
        assertThat(broker.tlsUrl()).isNull();
    }

    @Test
    void accepts_mqtt_3_1_1_and_routes_a_publish() throws Exception {
        roundTrip(4);
    }

    @Test
    void accepts_mqtt_5_and_routes_a_publish() throws Exception {
        roundTrip(5);
    }

    private static void roundTrip(int level) throws Exception {
        try (Socket s = new Socket("127.0.0.1", broker.tcpPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(MqttBytes.connect(level, "lb-test-" + level));
            byte[] connack = MqttBytes.readPacket(in);
            assertThat(connack[0]).isEqualTo((byte) 0x20);
            assertThat(connack[3]).as("CONNACK return/reason code").isZero();
            out.write(MqttBytes.subscribe(level, "lb/" + level, 0));
            byte[] suback = MqttBytes.readPacket(in);
            assertThat(suback[0]).isEqualTo((byte) 0x90);
            byte[] payload = {0, 1, (byte) 0xFF, (byte) 0xFE, 'x'};
            out.write(MqttBytes.publish(level, "lb/" + level, payload));
            byte[] publish = MqttBytes.readPacket(in);
            assertThat(publish[0] & 0xF0).isEqualTo(0x30);
            String text = new String(publish, StandardCharsets.ISO_8859_1);
            assertThat(text).contains("lb/" + level);
            assertThat(publish).endsWith(payload);
            out.write(MqttBytes.disconnect());
        }
    }

    @Test
    void stopped_broker_refuses_connections_and_frees_its_folder() throws Exception {
        LocalBroker other = LocalBroker.start(BrokerSettings.loopback(0, -1));
        int port = other.tcpPort();
        assertThat(other.wsPort()).isEqualTo(-1);
        assertThat(other.wsUrl()).isNull();
        try (Socket s = new Socket("127.0.0.1", port)) {
            assertThat(s.isConnected()).isTrue();
        }
        other.close();
        other.close(); // idempotent
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void config_binds_every_listener_to_the_bind_address() {
        String xml = LocalBroker.configXml(BrokerSettings.loopback(1883, 8083), 1883, 8083, -1, -1);
        assertThat(xml).contains("<bind-address>127.0.0.1</bind-address>")
                .doesNotContain("0.0.0.0")
                .contains("<path>/mqtt</path>")
                .contains("<subprotocol>mqtt</subprotocol>")
                .contains("<mode>in-memory</mode>");
    }

    @Test
    void a_taken_ws_port_fails_the_start_even_though_tcp_could_bind() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> LocalBroker.start(BrokerSettings.loopback(0, taken.getLocalPort())))
                    .isInstanceOf(BrokerException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void a_taken_port_gives_a_clear_error() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> LocalBroker.start(BrokerSettings.loopback(taken.getLocalPort(), -1)))
                    .isInstanceOf(BrokerException.class)
                    .hasMessageContaining("already in use")
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()));
        }
    }
}
