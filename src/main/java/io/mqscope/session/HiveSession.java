package io.mqscope.session;

import com.hivemq.client.mqtt.MqttClientTransportConfig;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.exceptions.MqttClientStateException;
import com.hivemq.client.mqtt.lifecycle.MqttClientConnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.lifecycle.Mqtt3ClientConnectedContext;
import com.hivemq.client.mqtt.mqtt3.message.auth.Mqtt3SimpleAuth;
import com.hivemq.client.mqtt.mqtt3.message.auth.Mqtt3SimpleAuthBuilder;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3Connect;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3ConnectBuilder;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperties;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserPropertiesBuilder;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperty;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.lifecycle.Mqtt5ClientConnectedContext;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuth;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuthBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectRestrictions;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectRestrictionsBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5WillPublish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5WillPublishBuilder;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5RetainHandling;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.mqscope.auth.Signer;
import io.mqscope.auth.SigningException;
import io.mqscope.payload.ParseResult;
import io.mqscope.profile.MqttVersion;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Profile.SavedSubscription;
import io.mqscope.profile.Profile.UserProperty;
import io.mqscope.tap.PacketEvent;
import io.mqscope.tap.Relay;
import io.mqscope.tap.RelayListener;
import io.mqscope.tap.Stage;
import io.mqscope.tap.UpstreamFailure;
import io.mqscope.tap.WebSocketFrameEvent;
import io.mqscope.wire.Direction;
import io.mqscope.wire.Finding;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A session on HiveMQ MQTT Client, always through the packet tap: the client speaks plain MQTT to the relay's
 * loopback port and the relay opens the real upstream (tcp, tls, ws, wss). Reconnects with bounded exponential
 * backoff and restores remembered subscriptions itself when the broker has no session for it.
 *
 * <p>Not exposed by HiveMQ's public API and therefore not set on received {@link MessageEvent}s: the DUP flag, the
 * topic alias and subscription identifiers (the packet log shows them, decoded from the wire). For the same reason
 * a {@link PublishRequest}'s topic alias and a subscription's identifier cannot be chosen: the client assigns
 * topic aliases itself (up to the broker's Topic Alias Maximum) and uses its own subscription identifiers.
 */
final class HiveSession implements Session, RelayListener {
    private static final AtomicLong IDS = new AtomicLong();
    /**
     * Incoming messages are handed to the listener on the client's I/O thread. With HiveMQ's default (a separate
     * scheduler) a flood outruns the listener and the client silently drops QoS 0 messages once its queue holds
     * Receive Maximum of them; inline delivery instead slows reading, so TCP pushes back to the broker.
     */
    private static final Executor DIRECT = Runnable::run;
    private static final AtomicInteger SETUP_THREADS = new AtomicInteger();
    /** Limit of {@link #pendingPublishBytes}: beyond it publish() fails at once instead of queueing without bound. */
    static final long MAX_PENDING_PUBLISH_BYTES = 64L << 20;
    private static final int PUBLISH_OVERHEAD = 64;
    /**
     * Where the session does what may block (binding the relay, reading TLS files, closing the relay) so that every
     * public method returns at once, and where delayed reconnect attempts of signed profiles run.
     */
    private static final ExecutorService SETUP = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mqscope-session-" + SETUP_THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private final String id = "s" + IDS.incrementAndGet();
    private final Profile original;
    /** The profile connected with: the original, or with vendor-signed credentials and endpoint applied. */
    private volatile Profile profile;
    private final SessionListener listener;
    /** Remembered subscriptions by topic filter, in subscription order; guarded by itself. */
    private final Map<String, SavedSubscription> subscriptions = new LinkedHashMap<>();

    private final Object lock = new Object();
    private volatile ConnectionState state = ConnectionState.DISCONNECTED;
    private Relay relay;
    private Client client;
    private CompletableFuture<Void> pendingConnect;
    private volatile boolean userDisconnect;
    private boolean closed;
    private CompletableFuture<Void> closing;
    private volatile boolean everConnected;
    private volatile UpstreamFailure lastFailure;
    private volatile String lastCloseReason;
    /** Bytes (payload, topic and a fixed overhead) of publishes handed to the client and not yet completed. */
    private final AtomicLong pendingPublishBytes = new AtomicLong();
    /** Limit of {@link #pendingPublishBytes} (tests lower it). */
    volatile long maxPendingPublishBytes = MAX_PENDING_PUBLISH_BYTES;
    /** Reconnect attempts since the last successful connect (backoff). */
    private final AtomicInteger reconnectAttempts = new AtomicInteger();
    /** The time source for vendor signing. */
    private final Clock clock;

    HiveSession(Profile profile, SessionListener listener, Clock clock) {
        this.original = profile;
        this.profile = profile;
        this.listener = listener == null ? new SessionListener() { } : listener;
        this.clock = clock == null ? Clock.systemUTC() : clock;
        // the profile's saved subscriptions are made at every connect, as if subscribe() had been called for each
        for (SavedSubscription s : profile.subscriptions()) {
            subscriptions.put(s.topicFilter(), s);
        }
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
        return state;
    }

    // ---------------------------------------------------------------------------------------------- connect

    @Override
    public CompletableFuture<Void> connect() {
        CompletableFuture<Void> result;
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new SessionException(Stage.CONFIG, "the session is closed"));
            }
            if (state == ConnectionState.CONNECTED) {
                return CompletableFuture.completedFuture(null);
            }
            if (pendingConnect != null && !pendingConnect.isDone()) {
                return pendingConnect;
            }
            result = new CompletableFuture<>();
            pendingConnect = result;
            userDisconnect = false;
            everConnected = false;
            lastFailure = null;
            lastCloseReason = null;
            reconnectAttempts.set(0);
            setState(ConnectionState.CONNECTING, null, null);
        }
        // signing, binding the relay and reading TLS files happen off the caller's thread
        SETUP.execute(() -> setUpAndConnect(result));
        return result;
    }

    private void setUpAndConnect(CompletableFuture<Void> result) {
        Client c;
        Client replaced = null;
        Relay started = null;
        try {
            if (original.mqttVersion() == MqttVersion.V3_1) {
                throw new SessionException(Stage.CONFIG, "MQTT 3.1 (protocol name MQIsdp, level 3) is not spoken "
                        + "by the MQTT client MQScope uses; choose MQTT 3.1.1 or 5 for this profile");
            }
            boolean fresh;
            Profile p;
            synchronized (lock) {
                // a signed profile gets fresh credentials, and so a new client, at every connect
                fresh = client == null || original.signing() != null;
                p = fresh ? null : profile;
            }
            if (fresh) {
                p = signed(original);
            }
            boolean needRelay;
            synchronized (lock) {
                needRelay = relay == null;
            }
            if (needRelay) {
                // binds a loopback port and reads TLS files: outside the lock, so no public method waits for it
                started = Relay.start(p, this);
            }
            synchronized (lock) {
                if (userDisconnect || closed) {
                    // disconnect() already said DISCONNECTED: no FAILED after it
                    result.completeExceptionally(new SessionException(Stage.MQTT,
                            "disconnected before the connection was made"));
                    return;
                }
                if (started != null && relay == null) {
                    relay = started;
                    started = null;
                }
                if (fresh) {
                    Client next = create(p);
                    replaced = client;
                    profile = p;
                    client = next;
                }
                c = client;
            }
        } catch (SessionException e) {
            fail(result, e);
            return;
        } catch (RuntimeException e) {
            fail(result, new SessionException(Stage.CONFIG, String.valueOf(e.getMessage()), e));
            return;
        } finally {
            if (started != null) {
                // not installed (closed meanwhile, or another relay won)
                started.close();
            }
        }
        if (replaced != null) {
            replaced.disconnect().exceptionally(t -> null);
        }
        int timeout = Math.max(1, profile.connectTimeoutSeconds());
        // the relay gives up on a stuck upstream stage after timeout + 0.5 s and says which stage; wait for that
        c.connect().orTimeout(timeout + 3L, TimeUnit.SECONDS).whenComplete((sessionPresent, error) -> {
            if (error == null) {
                result.complete(null);
                return;
            }
            if (userDisconnect) {
                // disconnect() during the attempt: it already said DISCONNECTED, no FAILED after it
                result.completeExceptionally(new SessionException(Stage.MQTT, "disconnected before the connection was"
                        + " made"));
                return;
            }
            // the relay reports an upstream failure just before it closes our loopback socket; give it a moment
            CompletableFuture.delayedExecutor(150, TimeUnit.MILLISECONDS).execute(() -> {
                SessionException why = explain(error, timeout);
                c.disconnect().exceptionally(t -> null);
                fail(result, why);
            });
        });
    }

    private Client create(Profile p) {
        return p.mqttVersion() == MqttVersion.V5 ? new V5(p) : new V3(p);
    }

    private void fail(CompletableFuture<Void> result, SessionException why) {
        setState(ConnectionState.FAILED, why.stage(), why.reason());
        result.completeExceptionally(why);
    }

    /**
     * Vendor signing: fresh credentials (and the vendor's endpoint) at every connect attempt, reconnects included,
     * signed at the {@link #clock}'s current instant (timestamps and expiry times in the signature are fresh).
     */
    private Profile signed(Profile p) {
        if (p.signing() == null) {
            return p;
        }
        try {
            return Signer.apply(p, Signer.sign(p.signing(), clock.instant()));
        } catch (SigningException e) {
            throw new SessionException(Stage.CONFIG, p.signing().vendor() + " signing: " + e.getMessage()
                    + (e.param() == null ? "" : " (" + e.param() + ")"), e);
        }
    }

    private static String clientIdentifier(Profile profile) {
        String base = profile.clientId() == null ? "" : profile.clientId();
        if (!profile.randomClientIdSuffix()) {
            return base;
        }
        String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000000) | 0x1000000).substring(1);
        return (base.isEmpty() ? "mqscope" : base) + "-" + suffix;
    }

    private void onConnected(Client from, MqttClientConnectedContext ctx) {
        if (from != client) {
            // a client replaced by a newer one (signed profiles): not ours any more
            from.disconnect().exceptionally(t -> null);
            return;
        }
        boolean sessionPresent = false;
        if (ctx instanceof Mqtt5ClientConnectedContext c5) {
            sessionPresent = c5.getConnAck().isSessionPresent();
        } else if (ctx instanceof Mqtt3ClientConnectedContext c3) {
            sessionPresent = c3.getConnAck().isSessionPresent();
        }
        boolean reconnected = everConnected;
        boolean clientReconnected = from.connectedBefore.getAndSet(true);
        everConnected = true;
        lastFailure = null;
        reconnectAttempts.set(0);
        if (userDisconnect) {
            from.disconnect().exceptionally(t -> null);
            return;
        }
        setState(ConnectionState.CONNECTED, null, (reconnected ? "reconnected" : "connected")
                + (sessionPresent ? ", session present" : ""));
        if (!sessionPresent && clientReconnected) {
            // HiveMQ's client drops its publish callbacks together with an expired session: register again
            from.listenForPublishes();
        }
        if (!sessionPresent || !reconnected) {
            // a new broker session has no subscriptions: restore ours [MQTT-3.2.2-2]. At the session's first connect
            // the profile's saved subscriptions are sent even to a present session (the broker replaces an identical
            // subscription, so this and a second subscribe by the caller do no harm)
            for (SavedSubscription s : rememberedSubscriptions()) {
                CompletableFuture<Void> sent;
                try {
                    sent = from.subscribe(s);
                } catch (SessionException e) {
                    sent = CompletableFuture.failedFuture(e);
                }
                sent.exceptionally(t -> {
                    SessionException e = asSessionException(t);
                    setState(ConnectionState.CONNECTED, e.stage(),
                            "resubscribe to " + s.topicFilter() + " failed: " + e.reason());
                    return null;
                });
            }
        }
    }

    private void onDisconnected(Client from, MqttClientDisconnectedContext ctx) {
        if (from != client) {
            ctx.getReconnector().reconnect(false);
            return;
        }
        if (ctx.getSource() == MqttDisconnectSource.USER || userDisconnect) {
            return;
        }
        if (!everConnected) {
            // the first connect failed: connect() reports it and does not retry
            return;
        }
        SessionException why = explain(ctx.getCause(), profile.connectTimeoutSeconds());
        lastFailure = null;
        Profile.Reconnect rc = profile.reconnect();
        if (!rc.enabled()) {
            setState(ConnectionState.DISCONNECTED, why.stage(), why.reason());
            return;
        }
        int attempts = reconnectAttempts.getAndIncrement();
        long delay = backoffMillis(rc, attempts);
        if (original.signing() == null) {
            ctx.getReconnector().reconnect(true).resubscribeIfSessionExpired(false).resubscribeIfSessionPresent(false)
                    .republishIfSessionExpired(false).delay(delay, TimeUnit.MILLISECONDS);
        } else {
            // HiveMQ's reconnector can change the CONNECT but not the client identifier, which some vendors sign
            // (Aliyun's carries the timestamp): a new client, signed when the attempt starts, takes over
            ctx.getReconnector().reconnect(false);
            CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS, SETUP).execute(() -> signedReconnect(from));
        }
        setState(ConnectionState.RECONNECTING, why.stage(), why.reason() + "; reconnecting in "
                + String.format(Locale.ROOT, "%.1f", delay / 1000.0) + " s (attempt " + (attempts + 1) + ")");
    }

    /**
     * A reconnect attempt of a signed profile: fresh credentials and a new HiveMQ client (the relay, the listener and
     * the remembered subscriptions stay; messages the old client had in flight are not re-sent by the new one). A
     * failed attempt comes back through {@link #onDisconnected} and schedules the next one.
     */
    private void signedReconnect(Client stale) {
        Client next;
        synchronized (lock) {
            if (client != stale || userDisconnect || closed) {
                return;
            }
            try {
                Profile p = signed(original);
                next = create(p);
                profile = p;
                client = next;
            } catch (SessionException e) {
                setState(ConnectionState.FAILED, e.stage(), e.reason());
                return;
            } catch (RuntimeException e) {
                setState(ConnectionState.FAILED, Stage.CONFIG, String.valueOf(e.getMessage()));
                return;
            }
        }
        next.connect().exceptionally(t -> null);
    }

    /** Exponential backoff from the initial delay, capped at the maximum, with +-20 % jitter. */
    static long backoffMillis(Profile.Reconnect rc, int attempts) {
        long initial = Math.max(1, rc.initialDelayMillis());
        long max = Math.max(initial, rc.maxDelayMillis());
        long d = initial << Math.min(attempts, 20);
        d = Math.min(max, d);
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Math.max(1, Math.min(max, Math.round(d * jitter)));
    }

    /** Turns a client error into a stage and a reason, preferring what the relay saw upstream. */
    private SessionException explain(Throwable error, int timeoutSeconds) {
        Throwable t = unwrap(error);
        if (t instanceof Mqtt5ConnAckException e) {
            var ack = e.getMqttMessage();
            return new SessionException(Stage.MQTT, "CONNACK refused: " + ack.getReasonCode()
                    + ack.getReasonString().map(s -> " (" + s + ")").orElse(""), t);
        }
        if (t instanceof Mqtt3ConnAckException e) {
            return new SessionException(Stage.MQTT, "CONNACK refused: " + e.getMqttMessage().getReturnCode(), t);
        }
        UpstreamFailure f = lastFailure;
        if (f != null) {
            return new SessionException(f.stage(), f.stage() == Stage.WEBSOCKET ? webSocketReason(f.detail(), profile)
                    : f.detail(), t);
        }
        if (t instanceof Mqtt5DisconnectException e) {
            var d = e.getMqttMessage();
            return new SessionException(Stage.MQTT, "broker sent DISCONNECT: " + d.getReasonCode()
                    + d.getReasonString().map(s -> " (" + s + ")").orElse(""), t);
        }
        if (t instanceof TimeoutException) {
            return new SessionException(Stage.MQTT, "no CONNACK within " + timeoutSeconds + " s", t);
        }
        String closed = lastCloseReason;
        String msg = t == null ? "connection lost" : t.getMessage() == null ? t.toString() : t.getMessage();
        if (msg.contains("Timeout while waiting for CONNACK")) {
            return new SessionException(Stage.MQTT, "no CONNACK within " + timeoutSeconds + " s", t);
        }
        return new SessionException(Stage.MQTT, closed != null ? msg + " (" + closed + ")" : msg, t);
    }

    /**
     * The relay's WebSocket-stage detail, verbatim when it names the path tried; otherwise with the path (HiveMQ CE,
     * for one, neither answers nor closes an upgrade for an unknown path, and the relay only sees a stalled stage).
     */
    static String webSocketReason(String detail, Profile p) {
        String path = p.wsPath() == null || p.wsPath().isBlank() ? "/"
                : p.wsPath().startsWith("/") ? p.wsPath() : "/" + p.wsPath();
        String d = detail == null ? "" : detail;
        if (d.contains("'" + path + "'")) {
            return d;
        }
        if (d.startsWith("no progress")) {
            String hint = path.equals("/mqtt") ? "wrong path? check the broker's WebSocket path, e.g. /ws or /"
                    : "wrong path? try /mqtt";
            return "the broker did not answer the WebSocket upgrade for path '" + path + "' (" + hint + "); relay: "
                    + d;
        }
        return d + " (WebSocket path '" + path + "')";
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private SessionException asSessionException(Throwable error) {
        Throwable t = unwrap(error);
        if (t instanceof SessionException s) {
            return s;
        }
        if (t instanceof MqttClientStateException) {
            return new SessionException(Stage.MQTT, "not connected (" + t.getMessage() + ")", t);
        }
        if (t instanceof Mqtt5SubAckException e) {
            return new SessionException(Stage.MQTT, "SUBACK refused: " + e.getMqttMessage().getReasonCodes(), t);
        }
        return explain(t, profile.connectTimeoutSeconds());
    }

    private void setState(ConnectionState s, Stage stage, String reason) {
        state = s;
        listener.onState(new StateChange(id, Instant.now(), s, stage, reason));
    }

    // ------------------------------------------------------------------------------------------ disconnect

    @Override
    public CompletableFuture<Void> disconnect() {
        Client c;
        synchronized (lock) {
            userDisconnect = true;
            c = client;
        }
        if (c == null || state == ConnectionState.DISCONNECTED) {
            if (state != ConnectionState.DISCONNECTED) {
                setState(ConnectionState.DISCONNECTED, null, "disconnected by user");
            }
            return CompletableFuture.completedFuture(null);
        }
        return c.disconnect().handle((v, t) -> {
            setState(ConnectionState.DISCONNECTED, null, "disconnected by user");
            return null;
        });
    }

    /** Starts closing and returns at once; {@link #closeAsync()} tells when the relay has stopped. */
    @Override
    public void close() {
        closeAsync();
    }

    /**
     * Disconnects (waiting at most 3 s for the DISCONNECT to go out), then stops the relay, off the caller's thread.
     * The session cannot connect again.
     */
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
            Relay r;
            synchronized (lock) {
                closed = true;
                r = relay;
                relay = null;
            }
            try {
                if (r != null) {
                    r.close();
                }
            } finally {
                done.complete(null);
            }
        }, SETUP);
        return done;
    }

    /**
     * Tests: ends the connection without DISCONNECT, as a crash or a network loss would, by closing the relay (the
     * broker then publishes the will). The session does not reconnect afterwards: the relay is gone.
     */
    void dropConnectionAbruptly() {
        Relay r;
        synchronized (lock) {
            r = relay;
        }
        if (r != null) {
            r.close();
        }
    }

    // ------------------------------------------------------------------------------- subscribe and publish

    @Override
    public CompletableFuture<Void> subscribe(SavedSubscription subscription) {
        synchronized (subscriptions) {
            subscriptions.put(subscription.topicFilter(), subscription);
        }
        Client c = client;
        if (c == null || state != ConnectionState.CONNECTED) {
            // remembered: sent as soon as the session connects
            return CompletableFuture.completedFuture(null);
        }
        return c.subscribe(subscription).handle((v, t) -> {
            if (t != null) {
                synchronized (subscriptions) {
                    subscriptions.remove(subscription.topicFilter(), subscription);
                }
                throw asSessionException(t);
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> unsubscribe(String topicFilter) {
        synchronized (subscriptions) {
            subscriptions.remove(topicFilter);
        }
        Client c = client;
        if (c == null || state != ConnectionState.CONNECTED) {
            return CompletableFuture.completedFuture(null);
        }
        return c.unsubscribe(topicFilter).handle((v, t) -> {
            if (t != null) {
                throw asSessionException(t);
            }
            return null;
        });
    }

    /** Tests: whether a client has been created and is connecting or connected. */
    boolean attemptUnderWay() {
        synchronized (lock) {
            return client != null;
        }
    }

    /** The remembered subscriptions, in the order they were made. */
    List<SavedSubscription> rememberedSubscriptions() {
        synchronized (subscriptions) {
            return new ArrayList<>(subscriptions.values());
        }
    }

    @Override
    public CompletableFuture<Void> publish(PublishRequest request) {
        Client c = client;
        if (c == null || state != ConnectionState.CONNECTED) {
            return CompletableFuture.failedFuture(new SessionException(Stage.MQTT,
                    "not connected (state " + state.name().toLowerCase(Locale.ROOT) + ")"));
        }
        // HiveMQ's client queues publishes without bound while the broker's Receive Maximum holds them back
        long cost = PUBLISH_OVERHEAD + request.payload().length + request.topic().length();
        long pending = pendingPublishBytes.addAndGet(cost);
        long limit = maxPendingPublishBytes;
        if (pending > limit && pending != cost) {
            pendingPublishBytes.addAndGet(-cost);
            return CompletableFuture.failedFuture(new SessionException(Stage.MQTT, "publish to " + request.topic()
                    + " refused: " + (pending - cost) + " bytes of earlier publishes still wait for the broker (limit "
                    + limit + "); wait for them to complete"));
        }
        CompletableFuture<Void> sent;
        try {
            sent = c.publish(request);
        } catch (RuntimeException e) {
            pendingPublishBytes.addAndGet(-cost);
            return CompletableFuture.failedFuture(new SessionException(Stage.CONFIG, String.valueOf(e.getMessage()), e));
        }
        sent.whenComplete((v, t) -> pendingPublishBytes.addAndGet(-cost));
        listener.onMessage(new MessageEvent(id, System.nanoTime(), Instant.now(), true, request.topic(),
                request.qos(), request.retain(), false, request.payload().clone(), request.properties()));
        return sent.handle((v, t) -> {
            if (t != null) {
                throw asSessionException(t);
            }
            return null;
        });
    }

    // ------------------------------------------------------------------------------------- relay events

    @Override
    public void onPacket(PacketEvent packet) {
        listener.onPacket(packet);
    }

    @Override
    public void onStreamFinding(String connectionId, Direction direction, Finding finding) {
        listener.onStreamFinding(connectionId, direction, finding);
    }

    @Override
    public void onWebSocketFrame(WebSocketFrameEvent frame) {
        listener.onWebSocketFrame(frame);
    }

    @Override
    public void onUpstreamFailure(UpstreamFailure failure) {
        lastFailure = failure;
    }

    @Override
    public void onClosed(String connectionId, String reason) {
        lastCloseReason = reason;
    }

    // ------------------------------------------------------------------------------------ client adapters

    private MqttClientTransportConfig transport(Profile profile) {
        int timeout = Math.max(1, profile.connectTimeoutSeconds());
        return MqttClientTransportConfig.builder()
                .serverHost("127.0.0.1")
                .serverPort(relayPort())
                .socketConnectTimeout(timeout, TimeUnit.SECONDS)
                .mqttConnectTimeout(timeout + 2L, TimeUnit.SECONDS)
                .build();
    }

    private int relayPort() {
        return relay.port();
    }

    private static byte[] willPayload(Profile.Will w) {
        if (w.payload() == null) {
            return new byte[0];
        }
        ParseResult<byte[]> r = Payloads.parse(w.payload(), w.payloadFormat());
        if (!r.ok()) {
            throw new SessionException(Stage.CONFIG, "will payload (" + w.payloadFormat() + "): " + r.error());
        }
        return r.value();
    }

    private static MqttQos qos(int q) {
        MqttQos m = MqttQos.fromCode(q);
        if (m == null) {
            throw new SessionException(Stage.CONFIG, "QoS must be 0, 1 or 2, not " + q);
        }
        return m;
    }

    private void deliver(String topic, int qos, boolean retain, byte[] payload, MessageProperties props) {
        listener.onMessage(new MessageEvent(id, System.nanoTime(), Instant.now(), false, topic, qos, retain, false,
                payload, props));
    }

    /** What the session needs from a client, per protocol version. */
    private abstract static class Client {
        /** Whether this client object has been connected before (its publish callback may need registering again). */
        final AtomicBoolean connectedBefore = new AtomicBoolean();

        /** Registers the callback that turns every incoming PUBLISH into a {@link MessageEvent}. */
        abstract void listenForPublishes();

        /** Completes with "session present". */
        abstract CompletableFuture<Boolean> connect();

        abstract CompletableFuture<Void> disconnect();

        abstract CompletableFuture<Void> subscribe(SavedSubscription s);

        abstract CompletableFuture<Void> unsubscribe(String topicFilter);

        abstract CompletableFuture<Void> publish(PublishRequest r);
    }

    private final class V5 extends Client {
        private final Mqtt5AsyncClient client;
        private final Mqtt5Connect connect;

        V5(Profile profile) {
            client = Mqtt5Client.builder()
                    .identifier(clientIdentifier(profile))
                    .transportConfig(transport(profile))
                    .addConnectedListener(ctx -> onConnected(this, ctx))
                    .addDisconnectedListener(ctx -> onDisconnected(this, ctx))
                    .buildAsync();
            Mqtt5ConnectBuilder b = Mqtt5Connect.builder()
                    .keepAlive(profile.keepAliveSeconds())
                    .cleanStart(profile.cleanStart());
            if (profile.sessionExpirySeconds() != null) {
                b.sessionExpiryInterval(profile.sessionExpirySeconds());
            }
            Mqtt5ConnectRestrictionsBuilder r = Mqtt5ConnectRestrictions.builder()
                    .requestProblemInformation(profile.requestProblemInformation())
                    .requestResponseInformation(profile.requestResponseInformation());
            if (profile.receiveMaximum() != null) {
                r.receiveMaximum(profile.receiveMaximum());
            }
            if (profile.maximumPacketSize() != null) {
                r.maximumPacketSize(profile.maximumPacketSize());
            }
            if (profile.topicAliasMaximum() != null) {
                r.topicAliasMaximum(profile.topicAliasMaximum());
            }
            b.restrictions(r.build());
            String user = profile.username();
            String pass = profile.password();
            if (user != null || pass != null) {
                Mqtt5SimpleAuthBuilder a = Mqtt5SimpleAuth.builder();
                Mqtt5SimpleAuth auth;
                if (user != null) {
                    var complete = a.username(user);
                    if (pass != null) {
                        complete.password(pass.getBytes(StandardCharsets.UTF_8));
                    }
                    auth = complete.build();
                } else {
                    auth = a.password(pass.getBytes(StandardCharsets.UTF_8)).build();
                }
                b.simpleAuth(auth);
            }
            if (!profile.userProperties().isEmpty()) {
                b.userProperties(userProperties(profile.userProperties()));
            }
            if (profile.will() != null) {
                b.willPublish(will(profile.will()));
            }
            connect = b.build();
            listenForPublishes();
        }

        @Override
        public void listenForPublishes() {
            client.publishes(MqttGlobalPublishFilter.ALL, this::received, DIRECT);
        }

        private Mqtt5WillPublish will(Profile.Will w) {
            Mqtt5WillPublishBuilder.Complete b = Mqtt5WillPublish.builder().topic(w.topic())
                    .payload(willPayload(w)).qos(qos(w.qos())).retain(w.retain());
            if (w.delaySeconds() != null) {
                b.delayInterval(w.delaySeconds());
            }
            if (w.messageExpirySeconds() != null) {
                b.messageExpiryInterval(w.messageExpirySeconds());
            }
            if (w.contentType() != null) {
                b.contentType(w.contentType());
            }
            if (w.responseTopic() != null) {
                b.responseTopic(w.responseTopic());
            }
            if (w.correlationData() != null) {
                b.correlationData(w.correlationData().getBytes(StandardCharsets.UTF_8));
            }
            if (w.payloadIsUtf8() != null) {
                b.payloadFormatIndicator(w.payloadIsUtf8() ? Mqtt5PayloadFormatIndicator.UTF_8
                        : Mqtt5PayloadFormatIndicator.UNSPECIFIED);
            }
            if (!w.userProperties().isEmpty()) {
                b.userProperties(userProperties(w.userProperties()));
            }
            return b.build().asWill();
        }

        private void received(Mqtt5Publish p) {
            deliver(p.getTopic().toString(), p.getQos().getCode(), p.isRetain(), p.getPayloadAsBytes(),
                    properties(p));
        }

        private MessageProperties properties(Mqtt5Publish p) {
            Optional<Mqtt5PayloadFormatIndicator> pfi = p.getPayloadFormatIndicator();
            var expiry = p.getMessageExpiryInterval();
            var contentType = p.getContentType();
            var responseTopic = p.getResponseTopic();
            Optional<ByteBuffer> corr = p.getCorrelationData();
            List<? extends Mqtt5UserProperty> ups = p.getUserProperties().asList();
            if (pfi.isEmpty() && expiry.isEmpty() && contentType.isEmpty() && responseTopic.isEmpty()
                    && corr.isEmpty() && ups.isEmpty()) {
                return MessageProperties.NONE;
            }
            List<UserProperty> users = new ArrayList<>(ups.size());
            for (Mqtt5UserProperty u : ups) {
                users.add(new UserProperty(u.getName().toString(), u.getValue().toString()));
            }
            byte[] cd = null;
            if (corr.isPresent()) {
                ByteBuffer bb = corr.get().duplicate();
                cd = new byte[bb.remaining()];
                bb.get(cd);
            }
            return new MessageProperties(pfi.map(f -> f == Mqtt5PayloadFormatIndicator.UTF_8).orElse(null),
                    expiry.isPresent() ? expiry.getAsLong() : null, null,
                    responseTopic.map(Object::toString).orElse(null), cd,
                    contentType.map(Object::toString).orElse(null), users, List.of());
        }

        @Override
        public CompletableFuture<Boolean> connect() {
            return client.connect(connect).thenApply(a -> a.isSessionPresent());
        }

        @Override
        public CompletableFuture<Void> disconnect() {
            return client.disconnect();
        }

        @Override
        public CompletableFuture<Void> subscribe(SavedSubscription s) {
            Mqtt5Subscribe sub = Mqtt5Subscribe.builder()
                    .topicFilter(s.topicFilter())
                    .qos(qos(s.qos()))
                    .noLocal(s.noLocal())
                    .retainAsPublished(s.retainAsPublished())
                    .retainHandling(retainHandling(s.retainHandling()))
                    .build();
            return client.subscribe(sub).thenApply(ack -> {
                for (Mqtt5SubAckReasonCode code : ack.getReasonCodes()) {
                    if (code.isError()) {
                        throw new SessionException(Stage.MQTT, "SUBACK refused " + s.topicFilter() + ": " + code
                                + ack.getReasonString().map(x -> " (" + x + ")").orElse(""));
                    }
                }
                return null;
            });
        }

        private Mqtt5RetainHandling retainHandling(int code) {
            Mqtt5RetainHandling h = Mqtt5RetainHandling.fromCode(code);
            if (h == null) {
                throw new SessionException(Stage.CONFIG, "retain handling must be 0, 1 or 2, not " + code);
            }
            return h;
        }

        @Override
        public CompletableFuture<Void> unsubscribe(String topicFilter) {
            return client.unsubscribeWith().topicFilter(topicFilter).send().thenApply(ack -> {
                for (var code : ack.getReasonCodes()) {
                    if (code.isError()) {
                        throw new SessionException(Stage.MQTT, "UNSUBACK refused " + topicFilter + ": " + code);
                    }
                }
                return null;
            });
        }

        @Override
        public CompletableFuture<Void> publish(PublishRequest r) {
            Mqtt5PublishBuilder.Complete b = Mqtt5Publish.builder().topic(r.topic()).payload(r.payload())
                    .qos(qos(r.qos())).retain(r.retain());
            MessageProperties p = r.properties();
            if (p.payloadIsUtf8() != null) {
                b.payloadFormatIndicator(p.payloadIsUtf8() ? Mqtt5PayloadFormatIndicator.UTF_8
                        : Mqtt5PayloadFormatIndicator.UNSPECIFIED);
            }
            if (p.messageExpirySeconds() != null) {
                b.messageExpiryInterval(p.messageExpirySeconds());
            }
            if (p.responseTopic() != null) {
                b.responseTopic(p.responseTopic());
            }
            if (p.correlationData() != null) {
                b.correlationData(p.correlationData());
            }
            if (p.contentType() != null) {
                b.contentType(p.contentType());
            }
            if (!p.userProperties().isEmpty()) {
                b.userProperties(userProperties(p.userProperties()));
            }
            return client.publish(b.build()).thenApply(result -> {
                var err = result.getError();
                if (err.isPresent()) {
                    throw new SessionException(Stage.MQTT, "publish to " + r.topic() + " failed: "
                            + err.get().getMessage());
                }
                return null;
            });
        }
    }

    private static Mqtt5UserProperties userProperties(List<UserProperty> list) {
        Mqtt5UserPropertiesBuilder b = Mqtt5UserProperties.builder();
        for (UserProperty u : list) {
            b.add(u.name(), u.value());
        }
        return b.build();
    }

    private final class V3 extends Client {
        private final Mqtt3AsyncClient client;
        private final Mqtt3Connect connect;

        V3(Profile profile) {
            client = Mqtt3Client.builder()
                    .identifier(clientIdentifier(profile))
                    .transportConfig(transport(profile))
                    .addConnectedListener(ctx -> onConnected(this, ctx))
                    .addDisconnectedListener(ctx -> onDisconnected(this, ctx))
                    .buildAsync();
            Mqtt3ConnectBuilder b = Mqtt3Connect.builder()
                    .keepAlive(profile.keepAliveSeconds())
                    .cleanSession(profile.cleanStart());
            String user = profile.username();
            String pass = profile.password();
            if (user != null) {
                Mqtt3SimpleAuthBuilder.Complete a = Mqtt3SimpleAuth.builder().username(user);
                if (pass != null) {
                    a.password(pass.getBytes(StandardCharsets.UTF_8));
                }
                b.simpleAuth(a.build());
            } else if (pass != null) {
                // [MQTT-3.1.2-22]: a password without a username is not allowed in MQTT 3.1.1
                throw new SessionException(Stage.CONFIG, "MQTT 3.1.1 does not allow a password without a username");
            }
            if (profile.will() != null) {
                Profile.Will w = profile.will();
                b.willPublish(Mqtt3Publish.builder().topic(w.topic()).payload(willPayload(w)).qos(qos(w.qos()))
                        .retain(w.retain()).build());
            }
            connect = b.build();
            listenForPublishes();
        }

        @Override
        public void listenForPublishes() {
            client.publishes(MqttGlobalPublishFilter.ALL, p -> deliver(p.getTopic().toString(),
                    p.getQos().getCode(), p.isRetain(), p.getPayloadAsBytes(), MessageProperties.NONE), DIRECT);
        }

        @Override
        public CompletableFuture<Boolean> connect() {
            return client.connect(connect).thenApply(a -> a.isSessionPresent());
        }

        @Override
        public CompletableFuture<Void> disconnect() {
            return client.disconnect();
        }

        @Override
        public CompletableFuture<Void> subscribe(SavedSubscription s) {
            return client.subscribeWith().topicFilter(s.topicFilter()).qos(qos(s.qos())).send().thenApply(ack -> {
                for (Mqtt3SubAckReturnCode code : ack.getReturnCodes()) {
                    if (code.isError()) {
                        throw new SessionException(Stage.MQTT, "SUBACK refused " + s.topicFilter() + ": " + code);
                    }
                }
                return null;
            });
        }

        @Override
        public CompletableFuture<Void> unsubscribe(String topicFilter) {
            return client.unsubscribeWith().topicFilter(topicFilter).send();
        }

        @Override
        public CompletableFuture<Void> publish(PublishRequest r) {
            return client.publish(Mqtt3Publish.builder().topic(r.topic()).payload(r.payload()).qos(qos(r.qos()))
                    .retain(r.retain()).build()).thenApply(p -> null);
        }
    }
}
