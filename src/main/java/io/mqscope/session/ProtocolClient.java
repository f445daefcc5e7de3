package io.mqscope.session;

import io.mqscope.profile.MqttVersion;
import io.mqscope.profile.Profile.SavedSubscription;
import java.util.concurrent.CompletableFuture;

/**
 * What a session needs from an MQTT client, whatever the protocol version: one HiveMQ client connected to the
 * relay's loopback port. Refusals by the broker (SUBACK, UNSUBACK, publish results) fail the futures with a
 * {@link SessionException}; values the protocol cannot carry (a QoS of 3) throw one at once.
 *
 * <p>Not exposed by HiveMQ's public API and therefore not set on received {@link MessageEvent}s: the DUP flag, the
 * topic alias and subscription identifiers (the packet log shows them, decoded from the wire). For the same reason
 * a {@link PublishRequest}'s topic alias and a subscription's identifier cannot be chosen: the client assigns
 * topic aliases itself (up to the broker's Topic Alias Maximum) and uses its own subscription identifiers.
 */
interface ProtocolClient {
    /** The adapter for the specification's protocol version, speaking to the relay at {@code relayPort}. */
    static ProtocolClient create(ConnectSpec spec, int relayPort, Events events) {
        ProtocolClient c = spec.version() == MqttVersion.V5 ? new Mqtt5Adapter(spec, relayPort, events)
                : new Mqtt3Adapter(spec, relayPort, events);
        c.listenForPublishes();
        return c;
    }

    /** Sends CONNECT; completes with the CONNACK's "session present". */
    CompletableFuture<Boolean> connect();

    CompletableFuture<Void> disconnect();

    CompletableFuture<Void> subscribe(SavedSubscription subscription);

    CompletableFuture<Void> unsubscribe(String topicFilter);

    /**
     * Builds the publish (a request the client refuses throws here), runs {@code built}, then sends it: the caller
     * logs its outgoing message before the broker can echo it back.
     */
    CompletableFuture<Void> publish(PublishRequest request, Runnable built);

    /** Registers (again) the callback that turns every incoming PUBLISH into {@link Events#message}. */
    void listenForPublishes();

    /** Records that this client object has connected; returns whether it had connected before. */
    boolean markConnected();

    /** What the client reports, on its I/O threads. */
    interface Events {
        /** @param assignedClientIdentifier the id an MQTT 5 broker assigned (CONNECT had an empty one), or null */
        void connected(ProtocolClient client, boolean sessionPresent, String assignedClientIdentifier);

        /**
         * The connection ended or a connect attempt failed. {@code retry} must be answered before returning: HiveMQ
         * takes the decision only inside its callback.
         */
        void disconnected(ProtocolClient client, Throwable cause, boolean byUser, Retry retry);

        void message(String topic, int qos, boolean retain, byte[] payload, MessageProperties properties);
    }

    /** The decision after a lost connection. */
    interface Retry {
        /** This client does not reconnect. */
        void none();

        /** This client reconnects after the delay; the session, not the client, restores subscriptions. */
        void after(long delayMillis);
    }
}
