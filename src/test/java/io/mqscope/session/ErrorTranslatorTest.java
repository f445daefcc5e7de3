package io.mqscope.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttUtf8String;
import com.hivemq.client.mqtt.exceptions.MqttClientStateException;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5Disconnect;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.mqscope.profile.Profile;
import io.mqscope.tap.Stage;
import io.mqscope.tap.UpstreamFailure;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Every branch of the error translation, without a broker: the client's errors are built by hand. */
class ErrorTranslatorTest {
    static final Profile PROFILE = Profile.builder().host("h").port(1).wsPath("/mqtt").connectTimeoutSeconds(5)
            .build();
    static final UpstreamFailure TLS = new UpstreamFailure("c1", Instant.EPOCH, Stage.TLS,
            "certificate signed by an unknown issuer 'CN=Other CA'");

    /** A HiveMQ message (an interface) answering only the getters the translator reads. */
    @SuppressWarnings("unchecked")
    static <T> T message(Class<T> type, Map<String, Object> getters) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (getters.containsKey(method.getName())) {
                return getters.get(method.getName());
            }
            if (method.getName().equals("toString")) {
                return type.getSimpleName();
            }
            throw new UnsupportedOperationException(method.getName());
        });
    }

    static Mqtt5ConnAckException connAck5(Optional<MqttUtf8String> reasonString) {
        return new Mqtt5ConnAckException(message(Mqtt5ConnAck.class, Map.of("getReasonCode",
                Mqtt5ConnAckReasonCode.NOT_AUTHORIZED, "getReasonString", reasonString)), "refused");
    }

    static SessionFailure connection(Throwable t, UpstreamFailure upstream, String closeReason) {
        return ErrorTranslator.connection(t, upstream, closeReason, PROFILE);
    }

    @Test
    void an_mqtt5_connack_refusal_names_the_reason_code_and_string_and_wins_over_the_relay() {
        SessionFailure f = connection(connAck5(Optional.of(MqttUtf8String.of("bad password"))), TLS, "closed");
        assertThat(f.stage()).isEqualTo(Stage.MQTT);
        assertThat(f.reason()).isEqualTo("CONNACK refused: NOT_AUTHORIZED (bad password)");
        assertThat(f.cause()).isInstanceOf(Mqtt5ConnAckException.class);
        assertThat(connection(connAck5(Optional.empty()), null, null).reason())
                .isEqualTo("CONNACK refused: NOT_AUTHORIZED");
    }

    @Test
    void an_mqtt311_connack_refusal_names_the_return_code() {
        Mqtt3ConnAckException e = new Mqtt3ConnAckException(message(Mqtt3ConnAck.class, Map.of("getReturnCode",
                Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD)), "refused", null);
        assertThat(connection(e, TLS, null)).extracting(SessionFailure::stage, SessionFailure::reason)
                .containsExactly(Stage.MQTT, "CONNACK refused: BAD_USER_NAME_OR_PASSWORD");
    }

    @Test
    void what_the_relay_saw_upstream_explains_a_closed_socket() {
        IOException closed = new IOException("Server closed connection without DISCONNECT.");
        SessionFailure f = connection(closed, TLS, "the broker closed the connection");
        assertThat(f).usingRecursiveComparison().ignoringFields("failure")
                .isEqualTo(new SessionFailure(Stage.TLS, TLS.detail(), null, closed));
        assertThat(f.failure().stage()).isEqualTo(Stage.TLS);
        // the stage comes from the relay as it is
        UpstreamFailure dns = new UpstreamFailure("c1", Instant.EPOCH, Stage.DNS, "unknown host 'nowhere'");
        assertThat(connection(null, dns, null).stage()).isEqualTo(Stage.DNS);
    }

    @Test
    void a_websocket_stage_failure_names_the_path_and_the_fix() {
        UpstreamFailure ws = new UpstreamFailure("c1", Instant.EPOCH, Stage.WEBSOCKET, "no progress within 5 s");
        SessionFailure f = connection(new IOException("closed"), ws, null);
        assertThat(f.stage()).isEqualTo(Stage.WEBSOCKET);
        assertThat(f.reason()).isEqualTo("the broker did not answer the WebSocket upgrade for path '/mqtt' (wrong"
                + " path? check the broker's WebSocket path, e.g. /ws or /); relay: no progress within 5 s");
        assertThat(f.fix()).isEqualTo("wrong path? check the broker's WebSocket path, e.g. /ws or /");
        SessionFailure named = ErrorTranslator.webSocket("upgrade for path '/x' refused", PROFILE.toBuilder()
                .wsPath("x").build(), null);
        assertThat(named.reason()).isEqualTo("upgrade for path '/x' refused");
        assertThat(named.fix()).isNull();
        assertThat(ErrorTranslator.webSocket(null, PROFILE, null).reason()).isEqualTo(" (WebSocket path '/mqtt')");
    }

    @Test
    void a_broker_disconnect_names_its_reason_code_and_string() {
        Mqtt5DisconnectException e = new Mqtt5DisconnectException(message(Mqtt5Disconnect.class, Map.of(
                "getReasonCode", Mqtt5DisconnectReasonCode.SESSION_TAKEN_OVER,
                "getReasonString", Optional.of(MqttUtf8String.of("another client")))), "disconnected");
        assertThat(connection(e, null, "closed by the broker").reason())
                .isEqualTo("broker sent DISCONNECT: SESSION_TAKEN_OVER (another client)");
        Mqtt5DisconnectException bare = new Mqtt5DisconnectException(message(Mqtt5Disconnect.class, Map.of(
                "getReasonCode", Mqtt5DisconnectReasonCode.NORMAL_DISCONNECTION,
                "getReasonString", Optional.empty())), "disconnected");
        assertThat(connection(bare, null, null).reason()).isEqualTo("broker sent DISCONNECT: NORMAL_DISCONNECTION");
    }

    @Test
    void a_timeout_is_no_connack_within_the_profiles_timeout() {
        assertThat(connection(new TimeoutException(), null, null))
                .extracting(SessionFailure::stage, SessionFailure::reason)
                .containsExactly(Stage.MQTT, "no CONNACK within 5 s");
        // HiveMQ's own CONNACK timeout says so only in its message
        assertThat(connection(new IllegalStateException("Timeout while waiting for CONNACK"), null, "x").reason())
                .isEqualTo("no CONNACK within 5 s");
        assertThat(ErrorTranslator.connection(new TimeoutException(), null, null,
                PROFILE.toBuilder().connectTimeoutSeconds(0).build()).reason()).isEqualTo("no CONNACK within 1 s");
    }

    @Test
    void anything_else_is_the_clients_message_with_how_the_relay_connection_ended() {
        assertThat(connection(new IOException("Connection reset"), null, "the broker closed the connection"))
                .extracting(SessionFailure::stage, SessionFailure::reason)
                .containsExactly(Stage.MQTT, "Connection reset (the broker closed the connection)");
        assertThat(connection(new IOException("Connection reset"), null, null).reason())
                .isEqualTo("Connection reset");
        assertThat(connection(new IOException(), null, null).reason()).isEqualTo("java.io.IOException");
        assertThat(connection(null, null, null).reason()).isEqualTo("connection lost");
    }

    @Test
    void wrappers_are_looked_through() {
        Throwable wrapped = new CompletionException(new ExecutionException(connAck5(Optional.empty())));
        SessionFailure f = connection(wrapped, null, null);
        assertThat(f.reason()).isEqualTo("CONNACK refused: NOT_AUTHORIZED");
        assertThat(f.cause()).isInstanceOf(Mqtt5ConnAckException.class);
        assertThat(f.exception()).hasMessage("mqtt: CONNACK refused: NOT_AUTHORIZED")
                .hasCauseInstanceOf(Mqtt5ConnAckException.class);
    }

    @Test
    void operations_name_a_missing_connection_and_a_refused_suback() {
        SessionFailure notConnected = ErrorTranslator.operation(
                new CompletionException(new MqttClientStateException("MQTT client is not connected.")), TLS, null,
                PROFILE);
        assertThat(notConnected).extracting(SessionFailure::stage, SessionFailure::reason)
                .containsExactly(Stage.MQTT, "not connected (MQTT client is not connected.)");
        Mqtt5SubAckException refused = new Mqtt5SubAckException(message(Mqtt5SubAck.class, Map.of("getReasonCodes",
                List.of(Mqtt5SubAckReasonCode.NOT_AUTHORIZED))), "refused");
        assertThat(ErrorTranslator.operation(refused, null, null, PROFILE).reason())
                .isEqualTo("SUBACK refused: [NOT_AUTHORIZED]");
        // anything else as for a connection
        assertThat(ErrorTranslator.operation(new IOException("gone"), TLS, null, PROFILE).stage())
                .isEqualTo(Stage.TLS);
    }

    @Test
    void a_failure_while_preparing_a_connect_is_the_profiles() {
        SessionException said = new SessionException(Stage.TLS, "cannot read ca.pem");
        assertThat(ErrorTranslator.preparation(said)).isSameAs(said);
        IllegalArgumentException odd = new IllegalArgumentException("port out of range: 70000");
        SessionException e = ErrorTranslator.preparation(odd);
        assertThat(e.stage()).isEqualTo(Stage.CONFIG);
        assertThat(e.reason()).isEqualTo("port out of range: 70000");
        assertThat(e).hasCause(odd);
        assertThat(ErrorTranslator.preparation(new IllegalStateException()).reason()).isEqualTo("null");
        assertThat(ErrorTranslator.disconnectedBeforeConnected())
                .hasMessage("mqtt: disconnected before the connection was made").hasNoCause();
    }
}
