package io.mqscope.session;

import io.mqscope.profile.Profile.SavedSubscription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The subscriptions a session remembers, by topic filter in the order they were made, and restores on a broker
 * session that does not have them. Starts with the profile's saved subscriptions. Thread-safe.
 */
final class SubscriptionBook {
    private final Map<String, SavedSubscription> byFilter = new LinkedHashMap<>();

    SubscriptionBook(List<SavedSubscription> saved) {
        for (SavedSubscription s : saved) {
            byFilter.put(s.topicFilter(), s);
        }
    }

    /** Remembers a subscription, replacing one with the same filter, as the broker does [MQTT-3.8.4-3]. */
    synchronized void remember(SavedSubscription s) {
        byFilter.put(s.topicFilter(), s);
    }

    synchronized void forget(String topicFilter) {
        byFilter.remove(topicFilter);
    }

    /** Forgets a subscription the broker refused, unless it has been replaced meanwhile. */
    synchronized void forgetRefused(SavedSubscription s) {
        byFilter.remove(s.topicFilter(), s);
    }

    /** The remembered subscriptions, in the order they were made. */
    synchronized List<SavedSubscription> list() {
        return new ArrayList<>(byFilter.values());
    }

    /**
     * Remembers a subscription and sends it on {@code connected}, the session's client if it is connected (else null:
     * then it goes out at the next connect). One the broker refuses is forgotten again.
     */
    CompletableFuture<Void> subscribe(SavedSubscription s, ProtocolClient connected,
                                      Function<Throwable, SessionException> explain) {
        remember(s);
        if (connected == null) {
            return CompletableFuture.completedFuture(null);
        }
        return connected.subscribe(s).handle((v, t) -> {
            if (t != null) {
                forgetRefused(s);
                throw explain.apply(t);
            }
            return null;
        });
    }

    /** Forgets a subscription and, on {@code connected} (else null), unsubscribes. */
    CompletableFuture<Void> unsubscribe(String topicFilter, ProtocolClient connected,
                                        Function<Throwable, SessionException> explain) {
        forget(topicFilter);
        if (connected == null) {
            return CompletableFuture.completedFuture(null);
        }
        return connected.unsubscribe(topicFilter).handle((v, t) -> {
            if (t != null) {
                throw explain.apply(t);
            }
            return null;
        });
    }

    /**
     * Sends every remembered subscription on {@code client}: a new broker session (Session Present 0,
     * [MQTT-3.2.2-2]) has none. Each refusal or error goes to {@code failed}; the others still go out.
     */
    void restore(ProtocolClient client, BiConsumer<SavedSubscription, Throwable> failed) {
        for (SavedSubscription s : list()) {
            CompletableFuture<Void> sent;
            try {
                sent = client.subscribe(s);
            } catch (SessionException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            sent.exceptionally(t -> {
                failed.accept(s, t);
                return null;
            });
        }
    }
}
