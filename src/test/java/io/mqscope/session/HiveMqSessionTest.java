package io.mqscope.session;

import static io.mqscope.session.SessionFixtures.binaryPayload;
import static io.mqscope.session.SessionFixtures.join;
import static io.mqscope.session.SessionFixtures.sub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqscope.broker.LocalBroker;
import io.mqscope.profile.MqttVersion;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Profile.SavedSubscription;
import io.mqscope.profile.Profile.UserProperty;
import io.mqscope.profile.Transport;
import io.mqscope.tap.PacketEvent;
import io.mqscope.tap.Stage;
import io.mqscope.testing.EmbeddedHiveMq;
import io.mqscope.wire.Direction;
import io.mqscope.wire.PacketType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Sessions through the relay against HiveMQ CE embedded in-process, plain TCP, MQTT 3.1.1 and 5. */
@ExtendWith(EmbeddedHiveMq.class)
class HiveMqSessionTest {
    static LocalBroker broker;
    @RegisterExtension
    final OpenSessions sessions = new OpenSessions();

    @BeforeAll
    static void broker(LocalBroker shared) {
        broker = shared;
    }

    Profile tcp(MqttVersion v) {
        return SessionFixtures.profile(Transport.TCP, broker.tcpPort(), v);
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    void qos_0_1_2_binary_payloads_arrive_byte_exact(MqttVersion v) {
        Recorder subRec = new Recorder();
        Session subscriber = sessions.open(tcp(v), subRec);
        join(subscriber.connect());
        assertThat(subscriber.state()).isEqualTo(ConnectionState.CONNECTED);
        String base = "bin/" + v + "/";
        join(subscriber.subscribe(sub(base + "#", 2)));

        Recorder pubRec = new Recorder();
        Session publisher = sessions.open(tcp(v), pubRec);
        join(publisher.connect());
        for (int q = 0; q <= 2; q++) {
            join(publisher.publish(new PublishRequest(base + q, binaryPayload(q), q, false, null)));
        }
        List<MessageEvent> got = subRec.awaitReceived(3);
        for (int q = 0; q <= 2; q++) {
            final int qos = q;
            MessageEvent m = got.stream().filter(e -> e.topic().equals(base + qos)).findFirst().orElseThrow();
            assertThat(m.payload()).isEqualTo(binaryPayload(q));
            assertThat(m.qos()).isEqualTo(q);
            assertThat(m.outgoing()).isFalse();
            assertThat(m.connectionId()).isEqualTo(subscriber.connectionId());
        }
        // the publisher logged what it sent, byte-exact too
        assertThat(pubRec.messages).hasSize(3).allMatch(MessageEvent::outgoing);
        assertThat(pubRec.messages.get(1).payload()).isEqualTo(binaryPayload(1));
        assertThat(subRec.messageLog.counters().snapshot().messagesIn()).isEqualTo(3);

        assertThat(subRec.states).extracting(StateChange::state)
                .startsWith(ConnectionState.CONNECTING, ConnectionState.CONNECTED);
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    void retained_message_reaches_a_later_subscriber_with_retain_set(MqttVersion v) {
        Session publisher = sessions.open(tcp(v), new Recorder());
        join(publisher.connect());
        String topic = "retain/" + v;
        byte[] payload = {0x00, (byte) 0xff, 0x10};
        join(publisher.publish(new PublishRequest(topic, payload, 1, true, null)));

        Recorder rec = new Recorder();
        Session subscriber = sessions.open(tcp(v), rec);
        join(subscriber.connect());
        join(subscriber.subscribe(sub(topic, 1)));
        MessageEvent m = rec.awaitReceived(1).get(0);
        assertThat(m.retain()).isTrue();
        assertThat(m.payload()).isEqualTo(payload);
        // clear the retained message
        join(publisher.publish(new PublishRequest(topic, new byte[0], 1, true, null)));
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    void will_is_delivered_when_the_connection_drops_without_disconnect(MqttVersion v) {
        String topic = "will/" + v;
        Recorder watcher = new Recorder();
        Session watch = sessions.open(tcp(v), watcher);
        join(watch.connect());
        join(watch.subscribe(sub(topic, 1)));

        Profile withWill = tcp(v).toBuilder()
                .will(new Profile.Will(topic, "de ad be ef", "hex", 1, false, null, null, null, null, null, null,
                        null))
                .reconnect(new Profile.Reconnect(false, 1000, 1000)).build();
        Recorder dyingRec = new Recorder();
        HiveSession dying = (HiveSession) sessions.open(withWill, dyingRec);
        join(dying.connect());
        dying.relay().drop();

        MessageEvent will = watcher.awaitReceived(1).get(0);
        assertThat(will.topic()).isEqualTo(topic);
        assertThat(will.payload()).containsExactly(0xde, 0xad, 0xbe, 0xef);
        dyingRec.awaitState(s -> s.state() == ConnectionState.DISCONNECTED);
    }

    @Test
    void mqtt5_publish_properties_and_subscription_options_round_trip() {
        Recorder rec = new Recorder();
        Session subscriber = sessions.open(tcp(MqttVersion.V5), rec);
        join(subscriber.connect());
        // no local: our own publishes on this filter must not come back
        join(subscriber.subscribe(new SavedSubscription("props/#", 1, true, true, 0, null, null, null)));
        join(subscriber.publish(new PublishRequest("props/self", new byte[] {1}, 1, false, null)));

        Session publisher = sessions.open(tcp(MqttVersion.V5), new Recorder());
        join(publisher.connect());
        MessageProperties props = new MessageProperties(true, 120L, null, "reply/here",
                new byte[] {(byte) 0xca, (byte) 0xfe}, "application/json",
                List.of(new UserProperty("k", "v1"), new UserProperty("k", "v2"), new UserProperty("温度", "22")),
                null);
        byte[] json = "{\"t\":22}".getBytes(StandardCharsets.UTF_8);
        join(publisher.publish(new PublishRequest("props/x", json, 1, false, props)));

        MessageEvent m = rec.awaitReceived(1).get(0);
        assertThat(m.topic()).isEqualTo("props/x");
        assertThat(m.payload()).isEqualTo(json);
        MessageProperties p = m.properties();
        assertThat(p.payloadIsUtf8()).isTrue();
        assertThat(p.messageExpirySeconds()).isBetween(100L, 120L);
        assertThat(p.responseTopic()).isEqualTo("reply/here");
        assertThat(p.correlationData()).containsExactly(0xca, 0xfe);
        assertThat(p.contentType()).isEqualTo("application/json");
        assertThat(p.userProperties()).containsExactly(new UserProperty("k", "v1"), new UserProperty("k", "v2"),
                new UserProperty("温度", "22"));
        // only props/x: props/self was suppressed by no local
        assertThat(rec.received()).extracting(MessageEvent::topic).containsExactly("props/x");
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    void unsubscribe_stops_delivery(MqttVersion v) {
        Recorder rec = new Recorder();
        Session s = sessions.open(tcp(v), rec);
        join(s.connect());
        join(s.subscribe(sub("unsub/" + v, 0)));
        join(s.unsubscribe("unsub/" + v));
        join(s.subscribe(sub("unsub2/" + v, 0)));
        join(s.publish(new PublishRequest("unsub/" + v, new byte[] {1}, 0, false, null)));
        join(s.publish(new PublishRequest("unsub2/" + v, new byte[] {2}, 0, false, null)));
        assertThat(rec.awaitReceived(1).get(0).topic()).isEqualTo("unsub2/" + v);
        assertThat(((HiveSession) s).rememberedSubscriptions()).extracting(SavedSubscription::topicFilter)
                .containsExactly("unsub2/" + v);
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    void packet_log_holds_every_packet_decoded_in_both_directions(MqttVersion v) {
        Recorder rec = new Recorder();
        Session s = sessions.open(tcp(v), rec);
        join(s.connect());
        join(s.subscribe(sub("log/" + v, 1)));
        join(s.publish(new PublishRequest("log/" + v, new byte[] {(byte) 0x80, 0x00}, 1, false, null)));
        rec.awaitReceived(1);
        join(s.disconnect());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> rec.packets().stream().anyMatch(e -> e.packet().type() == PacketType.DISCONNECT));
        List<PacketEvent> packets = rec.packets();
        assertThat(packets).extracting(e -> e.direction() + " " + e.packet().type()).containsSubsequence(
                "CLIENT_TO_BROKER CONNECT", "BROKER_TO_CLIENT CONNACK", "CLIENT_TO_BROKER SUBSCRIBE",
                "BROKER_TO_CLIENT SUBACK", "CLIENT_TO_BROKER DISCONNECT");
        assertThat(packets).filteredOn(e -> e.packet().type() == PacketType.PUBLISH)
                .extracting(PacketEvent::direction)
                .contains(Direction.CLIENT_TO_BROKER, Direction.BROKER_TO_CLIENT);
        assertThat(packets).filteredOn(e -> e.packet().type() == PacketType.PUBACK).hasSize(2);
        int level = v == MqttVersion.V5 ? 5 : 4;
        assertThat(packets).allSatisfy(e -> {
            assertThat(e.packet().malformed()).as("findings of %s", e.packet().type()).isFalse();
            assertThat(e.packet().protocolVersion()).isEqualTo(level);
        });
        PacketEvent publishIn = packets.stream().filter(e -> e.packet().type() == PacketType.PUBLISH
                && e.direction() == Direction.BROKER_TO_CLIENT).findFirst().orElseThrow();
        byte[] raw = publishIn.packet().raw();
        // the payload is the tail of the raw packet, byte-exact
        assertThat(raw[raw.length - 2]).isEqualTo((byte) 0x80);
        assertThat(raw[raw.length - 1]).isEqualTo((byte) 0x00);
    }

    @Test
    void session_log_records_messages_packets_and_states_bounded() {
        io.mqscope.store.SessionLog log = new io.mqscope.store.SessionLog(1 << 20, 1 << 20);
        Session s = sessions.open(tcp(MqttVersion.V5), new Recorder());
        s.close();
        Session logged = sessions.open(tcp(MqttVersion.V5), log);
        join(logged.connect());
        join(logged.subscribe(sub("sessionlog/#", 1)));
        join(logged.publish(new PublishRequest("sessionlog/a", new byte[] {1, 2, 3}, 1, false, null)));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> log.messages().counters().snapshot().messagesIn() == 1);
        assertThat(log.messages().entries().snapshot().items()).extracting(MessageEvent::outgoing)
                .containsExactly(true, false);
        assertThat(log.messages().counters().perFilter(List.of("sessionlog/#"))).containsEntry("sessionlog/#", 1L);
        assertThat(log.states().snapshot().items()).extracting(StateChange::state)
                .containsExactly(ConnectionState.CONNECTING, ConnectionState.CONNECTED);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> log.packets().entries().size() >= 6);
        assertThat(log.packets().entries().snapshot().items()).extracting(e -> e.packet().type())
                .contains(PacketType.CONNECT, PacketType.CONNACK, PacketType.SUBSCRIBE, PacketType.SUBACK,
                        PacketType.PUBLISH, PacketType.PUBACK);
    }

    @Test
    void vendor_signing_supplies_the_connect_credentials() {
        Profile signed = tcp(MqttVersion.V3_1_1).toBuilder().signing(new Profile.Signing("aliyun-iot",
                java.util.Map.of("productKey", "pk1", "deviceName", "dev1", "deviceSecret", "secret",
                        "instanceEndpoint", "127.0.0.1", "port", String.valueOf(broker.tcpPort()),
                        "secureMode", "3"))).build();
        Recorder rec = new Recorder();
        Session s = sessions.open(signed, rec);
        join(s.connect());
        assertThat(s.profile()).isSameAs(signed);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> !rec.packets().isEmpty());
        String connect = new String(rec.packets().get(0).packet().raw(), StandardCharsets.ISO_8859_1);
        assertThat(connect).contains("dev1&pk1").contains("securemode=3");
    }

    @Test
    void vendor_signing_with_a_missing_parameter_is_a_config_failure() {
        Profile bad = tcp(MqttVersion.V5).toBuilder().signing(new Profile.Signing("aliyun-iot",
                java.util.Map.of("productKey", "pk1"))).build();
        StateChange failed = sessions.failToConnect(bad);
        assertThat(failed.stage()).isEqualTo(Stage.CONFIG);
        assertThat(failed.reason()).startsWith("aliyun-iot signing: ").contains("deviceName");
    }

    @Test
    void mqtt_3_1_is_refused_clearly() {
        Recorder rec = new Recorder();
        Session s = sessions.open(tcp(MqttVersion.V3_1), rec);
        assertThatThrownBy(() -> s.connect().join()).hasCauseInstanceOf(SessionException.class)
                .hasMessageContaining("MQTT 3.1 (protocol name MQIsdp");
        assertThat(s.state()).isEqualTo(ConnectionState.FAILED);
        assertThat(rec.states.get(rec.states.size() - 1).stage()).isEqualTo(Stage.CONFIG);
    }

    @Test
    void refused_tcp_connection_fails_with_the_tcp_stage() throws Exception {
        int port;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort();
        }
        StateChange failed = sessions.failToConnect(SessionFixtures.profile(Transport.TCP, port, MqttVersion.V5));
        assertThat(failed.stage()).isEqualTo(Stage.TCP);
        assertThat(failed.reason()).containsIgnoringCase("refused");
    }

    @Test
    void publishing_before_connect_fails_with_a_reason() {
        Session s = sessions.open(tcp(MqttVersion.V5), new Recorder());
        assertThatThrownBy(() -> s.publish(new PublishRequest("a", new byte[0], 0, false, null)).join())
                .hasCauseInstanceOf(SessionException.class).hasMessageContaining("not connected");
    }
}
