package io.mqscope.ui.wiretap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.mqscope.broker.BrokerSettings;
import io.mqscope.tap.TapEvent;
import io.mqscope.testing.RawWebSocketClient;
import io.mqscope.wire.Direction;
import io.mqscope.wire.PacketType;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The built-in broker behind its wiretaps, over real sockets: clients from outside reach HiveMQ through the
 * user-facing ports (tcp and ws) and are recorded with their packets and HTTP upgrade; MQScope's own session, which
 * dials the inner port, is not; a taken port gives way to a free one.
 */
class LocalBrokerFrontTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void outside_clients_over_tcp_and_ws_reach_the_broker_and_are_recorded() throws Exception {
        TapClients clients = new TapClients();
        try (LocalBrokerFront front = LocalBrokerFront.start(BrokerSettings.ephemeral(), clients, Locale.ENGLISH)) {
            assertThat(front.tcpPort()).isNotEqualTo(front.broker().tcpPort());
            assertThat(front.listening()).extracting(Object::toString).containsExactly(
                    "mqtt://127.0.0.1:" + front.tcpPort(), "ws://127.0.0.1:" + front.wsPort() + "/mqtt");

            Mqtt3BlockingClient subscriber = MqttClient.builder().useMqttVersion3().identifier("front-ws")
                    .serverHost("127.0.0.1").serverPort(front.wsPort())
                    .webSocketConfig().serverPath("mqtt").subprotocol("mqtt").applyWebSocketConfig().buildBlocking();
            Mqtt3BlockingClient publisher = MqttClient.builder().useMqttVersion3().identifier("front-tcp")
                    .serverHost("127.0.0.1").serverPort(front.tcpPort()).buildBlocking();
            Mqtt3BlockingClient own = MqttClient.builder().useMqttVersion3().identifier("mqscope-own")
                    .serverHost("127.0.0.1").serverPort(front.broker().tcpPort()).buildBlocking();
            subscriber.connect();
            publisher.connect();
            own.connect();
            try (Mqtt3BlockingClient.Mqtt3Publishes received = subscriber.publishes(
                    com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
                subscriber.subscribeWith().topicFilter("front/#").qos(MqttQos.AT_LEAST_ONCE).send();
                publisher.publishWith().topic("front/a").payload("hello".getBytes(StandardCharsets.UTF_8))
                        .qos(MqttQos.AT_LEAST_ONCE).send();
                Mqtt3Publish p = received.receive(10, TimeUnit.SECONDS).orElseThrow();
                assertThat(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
            }
            publisher.disconnect();
            subscriber.disconnect();
            own.disconnect();

            await().atMost(WAIT).until(() -> clients.rows().size() == 2
                    && clients.rows().stream().allMatch(r -> r.state() == TapClientRow.State.CLOSED));
            List<TapClientRow> rows = clients.rows();
            TapClientRow ws = rows.stream().filter(TapClientRow::webSocket).findFirst().orElseThrow();
            TapClientRow tcp = rows.stream().filter(r -> !r.webSocket()).findFirst().orElseThrow();
            assertThat(ws.listen()).startsWith("ws://");
            assertThat(tcp.listen()).startsWith("mqtt://");
            // CONNECT, SUBSCRIBE, PUBACK (for the QoS 1 delivery), DISCONNECT; CONNACK, SUBACK, PUBLISH back
            assertThat(ws.packetsIn()).isGreaterThanOrEqualTo(4);
            assertThat(ws.packetsOut()).isGreaterThanOrEqualTo(3);
            assertThat(tcp.packetsIn()).isGreaterThanOrEqualTo(3);
            assertThat(rows).allMatch(r -> r.errors() == 0 && r.verdict() == null);

            TapEvent.HttpExchange upgrade = clients.exchange(ws.key());
            assertThat(upgrade.status()).isEqualTo(101);
            assertThat(upgrade.asked()).isEqualTo("mqtt");
            assertThat(upgrade.answered()).isEqualTo("mqtt");
            assertThat(clients.messagesOf(ws.key())).isNotEmpty();
            assertThat(clients.packetsOf(tcp.key())).first().satisfies(e -> {
                assertThat(e.direction()).isEqualTo(Direction.CLIENT_TO_BROKER);
                assertThat(e.packet().type()).isEqualTo(PacketType.CONNECT);
            });
            assertThat(clients.packetsOf(ws.key()).stream().filter(e -> e.packet().type() == PacketType.PUBLISH)
                    .map(e -> e.direction())).containsExactly(Direction.BROKER_TO_CLIENT);
        }
    }

    /**
     * What a user who points a WeChat mini program (mqtt.js 4.3.x) at the built-in broker must see: its CONNECT in 13
     * WebSocket messages, one per field, with the padded Remaining Length; HiveMQ drops it, the verdict says why.
     */
    @Test
    void the_wechat_connect_over_websocket_is_recorded_with_its_messages_and_verdict() throws Exception {
        TapClients clients = new TapClients();
        try (LocalBrokerFront front = LocalBrokerFront.start(BrokerSettings.ephemeral(), clients, Locale.ENGLISH);
             RawWebSocketClient ws = RawWebSocketClient.open(front.wsPort(), "/mqtt", "mqtt")) {
            assertThat(ws.status).isEqualTo(101);
            for (String m : new String[] {"10", "1a000000", "0004", "4d515454", "04", "c2", "003c", "000a",
                    "636e2e6c6f6b65692d31", "0000", "", "0000", ""}) {
                ws.sendBinary(HexFormat.of().parseHex(m));
            }
            await().atMost(WAIT).until(() -> clients.rows().size() == 1 && clients.rows().get(0).endedBadly());
            TapClientRow row = clients.rows().get(0);
            assertThat(row.webSocket()).isTrue();
            assertThat(row.closedBy()).isEqualTo("broker");
            assertThat(row.verdict()).contains("CONNECT #0").contains("1a 00 00 00").contains("PR #1506");
            assertThat(clients.messagesOf(row.key()).stream().filter(m -> m.from() == Direction.CLIENT_TO_BROKER))
                    .hasSize(13);
            assertThat(clients.packetsOf(row.key())).first().satisfies(e -> assertThat(e.packet().raw())
                    .isEqualTo(HexFormat.of().parseHex(WiretapFxTest.WECHAT_CONNECT)));
        }
    }

    @Test
    void a_taken_port_gives_way_to_a_free_one() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            TapClients clients = new TapClients();
            try (LocalBrokerFront front = LocalBrokerFront.start(BrokerSettings.loopback(taken.getLocalPort(), -1),
                    clients, Locale.ENGLISH)) {
                assertThat(front.tcpPort()).isPositive().isNotEqualTo(taken.getLocalPort());
                assertThat(front.wsPort()).isEqualTo(-1);
                assertThat(front.listening()).hasSize(1);
            }
        }
    }
}
