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

    /** Starts closing (disconnect, then stop the relay) and returns at once. */
    @Override
    void close();

    /** Like {@link #close()}; the future completes when the connection and the relay are gone. */
    default CompletableFuture<Void> closeAsync() {
        close();
        return CompletableFuture.completedFuture(null);
    }
}
