package io.mqscope.session;

import static io.mqscope.session.SessionFixtures.join;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.broker.LocalBroker;
import io.mqscope.profile.MqttVersion;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.tap.PacketEvent;
import io.mqscope.tap.Stage;
import io.mqscope.testing.EmbeddedHiveMq;
import io.mqscope.testing.Mosquitto;
import io.mqscope.wire.Direction;
import io.mqscope.wire.Field;
import io.mqscope.wire.PacketType;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A profile with an empty client id, against embedded HiveMQ CE and mosquitto. 3.1.1 §3.1.3.1: a zero-length
 * ClientId only with CleanSession=1 (else CONNACK 0x02); 5.0 §3.1.3.1: the broker assigns one and says which in
 * CONNACK's Assigned Client Identifier, which the session's connected state names.
 */
@ExtendWith({EmbeddedHiveMq.class, Mosquitto.class})
class EmptyClientIdTest {
    static LocalBroker hivemq;
    static Mosquitto mosquitto;
    @RegisterExtension
    final OpenSessions sessions = new OpenSessions();

    @BeforeAll
    static void brokers(LocalBroker shared, Mosquitto sharedMosquitto) {
        hivemq = shared;
        mosquitto = sharedMosquitto;
    }

    static Profile empty(String broker, MqttVersion v, boolean cleanStart) {
        int port = broker.equals("hivemq") ? hivemq.tcpPort() : mosquitto.tcpPort;
        return SessionFixtures.profile(Transport.TCP, port, v).toBuilder().clientId("").randomClientIdSuffix(false)
                .cleanStart(cleanStart).sessionExpirySeconds(cleanStart ? null : 60L).build();
    }

    static Object field(PacketEvent e, String name) {
        return find(e.packet().fields(), name);
    }

    private static Object find(List<Field> fields, String name) {
        for (Field f : fields) {
            if (f.name().equals(name)) {
                return f.value();
            }
            Object inner = find(f.children(), name);
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    static PacketEvent packet(Recorder rec, PacketType type) {
        return rec.packets().stream().filter(e -> e.packet().type() == type).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hivemq", "mosquitto"})
    void mqtt_311_with_a_clean_session_connects_with_the_empty_id(String broker) {
        Recorder rec = new Recorder();
        Session s = sessions.open(empty(broker, MqttVersion.V3_1_1, true), rec);
        join(s.connect());
        assertThat(s.state()).isEqualTo(ConnectionState.CONNECTED);
        PacketEvent connect = packet(rec, PacketType.CONNECT);
        assertThat(connect.direction()).isEqualTo(Direction.CLIENT_TO_BROKER);
        assertThat(field(connect, "client_id")).isEqualTo("");
        assertThat(field(packet(rec, PacketType.CONNACK), "return_code")).isEqualTo(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hivemq", "mosquitto"})
    void mqtt_311_with_a_persistent_session_is_refused_before_anything_is_sent(String broker) {
        Recorder rec = new Recorder();
        Session s = sessions.open(empty(broker, MqttVersion.V3_1_1, false), rec);
        StateChange failed = failed(s, rec);
        assertThat(failed.stage()).isEqualTo(Stage.CONFIG);
        assertThat(failed.message().key()).isEqualTo("config.emptyClientIdPersistent");
        assertThat(failed.reason()).contains("Client ID", "clean session", "MQTT 5");
        assertThat(failed.reason(Locale.SIMPLIFIED_CHINESE)).contains("客户端 ID", "清除会话");
        assertThat(rec.packets()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hivemq:true", "hivemq:false", "mosquitto:true", "mosquitto:false"})
    void mqtt_5_connects_and_names_the_id_the_broker_assigned(String brokerAndClean) {
        String[] parts = brokerAndClean.split(":");
        Recorder rec = new Recorder();
        Session s = sessions.open(empty(parts[0], MqttVersion.V5, Boolean.parseBoolean(parts[1])), rec);
        join(s.connect());
        assertThat(s.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(field(packet(rec, PacketType.CONNECT), "client_id")).isEqualTo("");
        Object assigned = field(packet(rec, PacketType.CONNACK), "assigned_client_identifier");
        assertThat(assigned).isInstanceOf(String.class).asString().isNotEmpty();
        StateChange connected = rec.awaitState(c -> c.state() == ConnectionState.CONNECTED);
        assertThat(connected.message()).isEqualTo(Sentence.of("state.connected.assigned", assigned));
        assertThat(connected.reason()).isEqualTo("connected; the broker assigned the client ID \"" + assigned + "\"");
        assertThat(connected.reason(Locale.SIMPLIFIED_CHINESE)).contains("客户端 ID", (String) assigned);
    }

    private static StateChange failed(Session s, Recorder rec) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.connect().join())
                .hasCauseInstanceOf(SessionException.class);
        return rec.awaitState(c -> c.state() == ConnectionState.FAILED);
    }
}
