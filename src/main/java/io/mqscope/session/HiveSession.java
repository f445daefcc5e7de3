package io.mqscope.session;

import static io.mqscope.session.ConnectionState.CONNECTED;
import static io.mqscope.session.ConnectionState.CONNECTING;
import static io.mqscope.session.ConnectionState.DISCONNECTED;
import static io.mqscope.session.ConnectionState.FAILED;
import static io.mqscope.session.ConnectionState.RECONNECTING;

import io.mqscope.profile.Profile;
import io.mqscope.profile.Profile.SavedSubscription;
import io.mqscope.tap.EventClock;
import io.mqscope.tap.Stage;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A session on HiveMQ MQTT Client, always through the packet tap: the client speaks plain MQTT to the relay's
 * loopback port and the relay opens the real upstream (tcp, tls, ws, wss). This class is the lifecycle: when the
 * state changes ({@link Lifecycle} holds the table), which client is current, when to reconnect. What is sent lives
 * in {@link ConnectSpec} and the {@link ProtocolClient} adapters, what the user is told in {@link ErrorTranslator}.
 */
final class HiveSession implements Session, ProtocolClient.Events {
    private static final AtomicLong IDS = new AtomicLong();

    private final String id = "s" + IDS.incrementAndGet();
    private final Profile original;
    /** The profile connected with: the original, or with vendor-signed credentials and endpoint applied. */
    private volatile Profile profile;
    private final SessionListener listener;
    /** Time of events and of vendor signatures. */
    private final Clock clock;
    /**
     * The clock is the system's: an incoming message's wall time comes from the monotonic time it carries
     * ({@link EventClock}), not from a second clock read per message (issue 17).
     */
    private final boolean systemClock;
    private final Random random;
    /** Where all that may block (relay binding, TLS files, signing, closing) and all delayed work runs. */
    private final Executor executor;
    private final ReconnectPolicy reconnect;
    private final SubscriptionBook subscriptions;
    private final PublishWindow window = new PublishWindow();
    private final SessionRelay relay;
    private final Lifecycle state;
    private final Object lock = new Object();
    private volatile ProtocolClient client;
    private CompletableFuture<Void> pendingConnect;
    private volatile boolean userDisconnect;
    private CompletableFuture<Void> closing;
    private volatile boolean everConnected;

    HiveSession(Profile profile, SessionListener listener, Clock clock, Random random, Executor executor) {
        this.original = profile;
        this.profile = profile;
        this.listener = listener == null ? new SessionListener() { } : listener;
        this.clock = clock;
        this.systemClock = clock.equals(Clock.systemUTC());
        this.random = random;
        this.executor = executor;
        this.reconnect = new ReconnectPolicy(profile.reconnect(), random, clock);
        this.subscriptions = new SubscriptionBook(profile.subscriptions());
        this.state = new Lifecycle(id, this.listener, clock);
        // a refused intruder shows as the connected state's reason, where the app shows a failed resubscribe
        this.relay = new SessionRelay(id, this.listener, reason -> state.move(CONNECTED, Stage.TCP,
                Sentence.verbatim(reason)));
    }

    @Override
    public String connectionId() {
        return id;
    }

    @Override
    public Profile profile() {
        return original;
    }

    @Override
    public ConnectionState state() {
        return state.current();
    }

    @Override
    public CompletableFuture<Void> connect() {
        CompletableFuture<Void> result;
        synchronized (lock) {
            if (closing != null) {
                return CompletableFuture.failedFuture(new SessionException(Stage.CONFIG,
                        Sentence.of("session.closed"), null, null));
            }
            if (state() == CONNECTED) {
                return CompletableFuture.completedFuture(null);
            }
            if (pendingConnect != null && !pendingConnect.isDone()) {
                return pendingConnect;
            }
            result = new CompletableFuture<>();
            pendingConnect = result;
            userDisconnect = false;
            everConnected = false;
            relay.reset();
            reconnect.reset();
            state.move(CONNECTING, null, null);
        }
        executor.execute(() -> setUpAndConnect(result));
        return result;
    }

    private void setUpAndConnect(CompletableFuture<Void> result) {
        ProtocolClient c;
        ProtocolClient replaced;
        try {
            ConnectSpec.requireSpoken(original.mqttVersion());
            // a signed profile gets fresh credentials, and so a new client, at every connect
            boolean fresh = client == null || original.signing() != null;
            Profile p = fresh ? ConnectSpec.signed(original, clock.instant()) : profile;
            int port = relay.start(p);
            synchronized (lock) {
                if (userDisconnect || port < 0) {
                    // disconnect() (or close()) already said DISCONNECTED: no FAILED after it
                    result.completeExceptionally(ErrorTranslator.disconnectedBeforeConnected());
                    return;
                }
                replaced = fresh ? client : null;
                c = fresh ? install(p, port) : client;
            }
        } catch (RuntimeException e) {
            fail(result, ErrorTranslator.preparation(e));
            return;
        }
        if (replaced != null) {
            replaced.disconnect().exceptionally(t -> null);
        }
        // the relay gives up on a stuck upstream stage after the timeout + 0.5 s and says which stage; wait for that
        int timeout = Math.max(1, profile.connectTimeoutSeconds());
        relay.expectClient();
        c.connect().orTimeout(timeout + 3L, TimeUnit.SECONDS).whenComplete((sessionPresent, error) -> {
            if (error == null) {
                result.complete(null);
            } else if (userDisconnect) {
                // disconnect() during the attempt: it already said DISCONNECTED, no FAILED after it
                result.completeExceptionally(ErrorTranslator.disconnectedBeforeConnected());
            } else {
                relay.afterItsReport(executor, () -> {
                    SessionException why = relay.connectFailure(error, profile);
                    c.disconnect().exceptionally(t -> null);
                    fail(result, why);
                });
            }
        });
    }

    private void fail(CompletableFuture<Void> result, SessionException why) {
        state.move(FAILED, why.stage(), why.sentence(), why.fix(), why.failure(), why.reason());
        result.completeExceptionally(why);
    }

    /** Makes a client for {@code p} the session's own; under the lock. */
    private ProtocolClient install(Profile p, int relayPort) {
        client = ProtocolClient.create(ConnectSpec.of(p, random), relayPort, this);
        profile = p;
        return client;
    }

    @Override
    public void connected(ProtocolClient from, boolean sessionPresent, String assignedClientIdentifier) {
        if (from != client) {
            // a client replaced by a newer one (signed profiles): not ours any more
            from.disconnect().exceptionally(t -> null);
            return;
        }
        boolean reconnected = everConnected;
        boolean clientReconnected = from.markConnected();
        everConnected = true;
        relay.forgetFailure();
        reconnect.connected();
        if (userDisconnect) {
            from.disconnect().exceptionally(t -> null);
            return;
        }
        String key = (reconnected ? "state.reconnected" : "state.connected")
                + (sessionPresent ? ".sessionPresent" : "");
        // the id the broker chose is the only way to find this client in the broker's logs and to resume its session
        state.move(CONNECTED, null, assignedClientIdentifier == null ? Sentence.of(key)
                : Sentence.of(key + ".assigned", assignedClientIdentifier));
        if (!sessionPresent && clientReconnected) {
            // HiveMQ's client drops its publish callbacks together with an expired session: register again
            from.listenForPublishes();
        }
        if (!sessionPresent || !reconnected) {
            // at the session's first connect the saved subscriptions are sent even to a present session (the broker
            // replaces an identical subscription, so this and a second subscribe by the caller do no harm)
            subscriptions.restore(from, (s, t) -> {
                SessionException e = asSessionException(t);
                state.move(CONNECTED, e.stage(), Sentence.of("state.resubscribeFailed", s.topicFilter(),
                        e.sentence()), e.fix());
            });
        }
    }

    @Override
    public void disconnected(ProtocolClient from, Throwable cause, boolean byUser, ProtocolClient.Retry retry) {
        if (from != client) {
            retry.none();
            return;
        }
        if (byUser || userDisconnect || !everConnected) {
            // the first connect failed: connect() reports it and does not retry
            return;
        }
        SessionException why = explain(cause);
        relay.forgetFailure();
        if (!reconnect.enabled()) {
            state.move(DISCONNECTED, why.stage(), why.sentence(), why.fix(), why.failure(), why.reason());
            return;
        }
        ReconnectPolicy.Attempt next = reconnect.next(ErrorTranslator.refusedAtTcp(why));
        relay.expectClient();
        if (original.signing() == null) {
            retry.after(next.delayMillis());
        } else {
            // HiveMQ's reconnector can change the CONNECT but not the client identifier, which some vendors sign
            // (Aliyun's carries the timestamp): a new client, signed when the attempt starts, takes over
            retry.none();
            CompletableFuture.delayedExecutor(next.delayMillis(), TimeUnit.MILLISECONDS, executor)
                    .execute(() -> signedReconnect(from));
        }
        String delay = String.format(Locale.ROOT, "%.1f", next.delayMillis() / 1000.0);
        state.move(RECONNECTING, why.stage(), Sentence.of("state.reconnecting", why.sentence(), delay, next.number()),
                why.fix(), why.failure(), Sentence.of("state.reconnecting", Sentence.verbatim(why.reason()), delay,
                        next.number()).english());
    }

    /**
     * A reconnect attempt of a signed profile: fresh credentials and a new HiveMQ client (relay and subscriptions stay;
     * what the old client had in flight is not re-sent). A failure comes back through {@link #disconnected}.
     */
    private void signedReconnect(ProtocolClient stale) {
        ProtocolClient next;
        synchronized (lock) {
            if (client != stale || userDisconnect) {
                return;
            }
            try {
                next = install(ConnectSpec.signed(original, clock.instant()), relay.port());
            } catch (RuntimeException e) {
                SessionException why = ErrorTranslator.preparation(e);
                state.move(FAILED, why.stage(), why.sentence(), why.fix(), why.failure(), why.reason());
                return;
            }
        }
        next.connect().exceptionally(t -> null);
    }

    private SessionException explain(Throwable error) {
        return relay.connectionFailure(error, profile);
    }

    private SessionException asSessionException(Throwable error) {
        return relay.operationFailure(error, profile);
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        ProtocolClient c;
        synchronized (lock) {
            userDisconnect = true;
            c = client;
        }
        CompletableFuture<Void> sent = c == null || state() == DISCONNECTED ? CompletableFuture.completedFuture(null)
                : c.disconnect();
        return sent.handle((v, t) -> {
            state.move(DISCONNECTED, null, Sentence.of("state.disconnectedByUser"));
            return null;
        });
    }

    @Override
    public void close() {
        closeAsync();
    }

    /** Disconnects (waiting at most 3 s for the DISCONNECT to go out), then stops the relay for good. */
    @Override
    public CompletableFuture<Void> closeAsync() {
        CompletableFuture<Void> done;
        synchronized (lock) {
            if (closing != null) {
                return closing;
            }
            closing = new CompletableFuture<>();
            done = closing;
        }
        disconnect().orTimeout(3, TimeUnit.SECONDS).whenCompleteAsync((v, t) -> {
            try {
                relay.close();
            } finally {
                done.complete(null);
            }
        }, executor);
        return done;
    }

    @Override
    public CompletableFuture<Void> subscribe(SavedSubscription subscription) {
        return subscriptions.subscribe(subscription, connectedClient(), this::asSessionException);
    }

    @Override
    public CompletableFuture<Void> unsubscribe(String topicFilter) {
        return subscriptions.unsubscribe(topicFilter, connectedClient(), this::asSessionException);
    }

    @Override
    public CompletableFuture<Void> publish(PublishRequest request) {
        ProtocolClient c = connectedClient();
        if (c == null) {
            return CompletableFuture.failedFuture(new SessionException(Stage.MQTT,
                    Sentence.of("session.notConnected", state().name().toLowerCase(Locale.ROOT)), null, null));
        }
        return window.send(request, c, () -> listener.onMessage(new MessageEvent(id, System.nanoTime(),
                clock.instant(), true, request.topic(), request.qos(), request.retain(), false,
                request.payload().clone(), request.properties())), this::asSessionException);
    }

    /** The client, if the session is connected; else null. */
    private ProtocolClient connectedClient() {
        return state() == CONNECTED ? client : null;
    }

    @Override
    public void message(String topic, int qos, boolean retain, byte[] payload, MessageProperties properties) {
        long now = System.nanoTime();
        listener.onMessage(new MessageEvent(id, now, systemClock ? EventClock.wallTime(now) : clock.instant(), false,
                topic, qos, retain, false, payload, properties));
    }

    /** Tests: whether a client has been created and is connecting or connected. */
    boolean attemptUnderWay() {
        return client != null;
    }

    /** Tests: the remembered subscriptions, in the order they were made. */
    List<SavedSubscription> rememberedSubscriptions() {
        return subscriptions.list();
    }

    /** Tests: the publish window (to lower its limit). */
    PublishWindow publishWindow() {
        return window;
    }

    /** Tests: the relay (its loopback port; dropping the connection without DISCONNECT, as a crash would). */
    SessionRelay relay() {
        return relay;
    }
}
