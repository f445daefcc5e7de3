package io.mqscope.session;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttClientTransportConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientConnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.lifecycle.Mqtt3ClientConnectedContext;
import com.hivemq.client.mqtt.mqtt5.lifecycle.Mqtt5ClientConnectedContext;
import io.mqscope.tap.Stage;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the MQTT 5 and the MQTT 3.1.1 adapter share: the client builder's preamble, QoS values and the reading of
 * SUBACK and UNSUBACK.
 *
 * @param <C> HiveMQ's asynchronous client for the version
 */
abstract class HiveAdapter<C> implements ProtocolClient {
    /**
     * Incoming messages are handed to the listener on the client's I/O thread. With HiveMQ's default (a separate
     * scheduler) a flood outruns the listener and the client silently drops QoS 0 messages once its queue holds
     * Receive Maximum of them; inline delivery instead slows reading, so TCP pushes back to the broker.
     */
    static final Executor DIRECT = Runnable::run;

    final ConnectSpec spec;
    final Events events;
    final C client;
    private final AtomicBoolean connectedBefore = new AtomicBoolean();

    /** @param version picks the protocol version on the shared builder and builds the client */
    HiveAdapter(ConnectSpec spec, int relayPort, Events events, Function<MqttClientBuilder, C> version) {
        this.spec = spec;
        this.events = events;
        this.client = version.apply(builder(relayPort));
    }

    /**
     * A builder for a client of either version that speaks plain MQTT to the relay on 127.0.0.1 (the relay opens
     * the real transport) and reports its lifecycle to {@link #events}. HiveMQ's own CONNACK timeout is 2 s longer
     * than the socket's, so that the relay, which gives up on a stuck upstream stage first, can say which stage.
     */
    private MqttClientBuilder builder(int relayPort) {
        int timeout = spec.connectTimeoutSeconds();
        return MqttClient.builder()
                .identifier(spec.clientIdentifier())
                .transportConfig(MqttClientTransportConfig.builder()
                        .serverHost("127.0.0.1")
                        .serverPort(relayPort)
                        .socketConnectTimeout(timeout, TimeUnit.SECONDS)
                        .mqttConnectTimeout(timeout + 2L, TimeUnit.SECONDS)
                        .build())
                .addConnectedListener(ctx -> events.connected(this, sessionPresent(ctx), assignedIdentifier(ctx)))
                .addDisconnectedListener(ctx -> events.disconnected(this, ctx.getCause(),
                        ctx.getSource() == MqttDisconnectSource.USER, retry(ctx)));
    }

    @Override
    public boolean markConnected() {
        return connectedBefore.getAndSet(true);
    }

    static MqttQos qos(int q) {
        return MqttQos.fromCode(ConnectSpec.checkedQos(q));
    }

    /**
     * Fails with the first code in a SUBACK or UNSUBACK that refuses (a return code 0x80 in 3.1.1 §3.9.3, a reason
     * code of 0x80 or above in 5.0 §3.9.3 and §3.11.3): HiveMQ completes the future either way.
     */
    static <C> void requireGranted(String packet, String topicFilter, List<? extends C> codes, Predicate<C> isError,
                                   String detail) {
        for (C code : codes) {
            if (isError.test(code)) {
                throw new SessionException(Stage.MQTT, packet + " refused " + topicFilter + ": " + code + detail);
            }
        }
    }

    private static boolean sessionPresent(MqttClientConnectedContext ctx) {
        if (ctx instanceof Mqtt5ClientConnectedContext c5) {
            return c5.getConnAck().isSessionPresent();
        }
        return ctx instanceof Mqtt3ClientConnectedContext c3 && c3.getConnAck().isSessionPresent();
    }

    /** The Assigned Client Identifier of an MQTT 5 CONNACK (5.0 §3.2.2.3.7), sent when CONNECT had none; or null. */
    private static String assignedIdentifier(MqttClientConnectedContext ctx) {
        return ctx instanceof Mqtt5ClientConnectedContext c5
                ? c5.getConnAck().getAssignedClientIdentifier().map(Object::toString).orElse(null) : null;
    }

    private static Retry retry(MqttClientDisconnectedContext ctx) {
        return new Retry() {
            @Override
            public void none() {
                ctx.getReconnector().reconnect(false);
            }

            @Override
            public void after(long delayMillis) {
                ctx.getReconnector().reconnect(true).resubscribeIfSessionExpired(false)
                        .resubscribeIfSessionPresent(false).republishIfSessionExpired(false)
                        .delay(delayMillis, TimeUnit.MILLISECONDS);
            }
        };
    }
}
