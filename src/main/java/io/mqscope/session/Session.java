package io.mqscope.session;

import io.mqscope.profile.Profile;
import io.mqscope.profile.Profile.SavedSubscription;
import java.util.concurrent.CompletableFuture;

/**
 * A live MQTT connection through the packet tap. Every method returns at once; results arrive as futures and as
 * events on the {@link SessionListener}. Implemented with HiveMQ MQTT Client (the only package that imports it).
 */
public interface Session extends AutoCloseable {
    String connectionId();

    Profile profile();

    ConnectionState state();

    CompletableFuture<Void> connect();

    CompletableFuture<Void> disconnect();

    /** Subscribes; the subscription is remembered and restored after every reconnect. */
    CompletableFuture<Void> subscribe(SavedSubscription subscription);

    CompletableFuture<Void> unsubscribe(String topicFilter);

    CompletableFuture<Void> publish(PublishRequest request);

    @Override
    void close();
}
