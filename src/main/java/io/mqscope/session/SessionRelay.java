package io.mqscope.session;

import io.mqscope.profile.Profile;
import io.mqscope.tap.PacketEvent;
import io.mqscope.tap.Relay;
import io.mqscope.tap.RelayListener;
import io.mqscope.tap.UpstreamFailure;
import io.mqscope.tap.WebSocketFrameEvent;
import io.mqscope.wire.Direction;
import io.mqscope.wire.Finding;
import io.mqscope.wire.Rule;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A session's relay: started at the first connect, kept across reconnects, stopped when the session closes. Passes
 * what the relay decodes on to the session's listener, and keeps what the relay said about the upstream connection,
 * which explains the client's errors better than the client can (it only sees its loopback socket close).
 */
final class SessionRelay implements RelayListener {
    /** The relay reports an upstream failure just before it closes the client's socket: at most this much before. */
    private static final long REPORT_GRACE_MILLIS = 150;

    private final String connectionId;
    private final SessionListener listener;
    private final Consumer<String> refused;
    private final Object lock = new Object();
    private Relay relay;
    private boolean closed;
    private volatile UpstreamFailure lastFailure;
    private volatile String lastCloseReason;
    private volatile BrokerAnswer brokerAnswer;

    /** @param refused told each refusal too (the session shows it as its state's reason while connected) */
    SessionRelay(String connectionId, SessionListener listener, Consumer<String> refused) {
        this.connectionId = connectionId;
        this.listener = listener;
        this.refused = refused;
    }

    /**
     * The loopback port of the relay, started for {@code p} if none runs yet; -1 once closed. Starting binds a port
     * and reads TLS files, so it happens outside the lock: no other method waits for it.
     */
    int start(Profile p) {
        synchronized (lock) {
            if (closed || relay != null) {
                return port();
            }
        }
        Relay started = Relay.startForSession(p, this);
        int port;
        synchronized (lock) {
            if (!closed && relay == null) {
                relay = started;
                return started.port();
            }
            port = port();
        }
        // closed meanwhile, or another start won
        started.close();
        return port;
    }

    /** The running relay's loopback port, or -1. */
    int port() {
        synchronized (lock) {
            return relay == null ? -1 : relay.port();
        }
    }

    /** The session's client is about to connect or reconnect through the relay (see {@link Relay#expectClient}). */
    void expectClient() {
        Relay r;
        synchronized (lock) {
            r = relay;
        }
        if (r != null) {
            r.expectClient();
        }
    }

    /** Stops the relay for good. */
    void close() {
        Relay r;
        synchronized (lock) {
            closed = true;
            r = relay;
            relay = null;
        }
        if (r != null) {
            r.close();
        }
    }

    /** Tests: stops the relay as a network loss would end the connection; no reconnect can succeed after it. */
    void drop() {
        Relay r;
        synchronized (lock) {
            r = relay;
        }
        if (r != null) {
            r.close();
        }
    }

    /** A new connect: nothing the relay said before applies. */
    void reset() {
        lastFailure = null;
        lastCloseReason = null;
        brokerAnswer = null;
    }

    /** The failure has been reported (or a connect succeeded): the next one is explained afresh. */
    void forgetFailure() {
        lastFailure = null;
    }

    /** Runs {@code task} on {@code executor} once the relay has had time to report why the client's socket closed. */
    void afterItsReport(Executor executor, Runnable task) {
        CompletableFuture.delayedExecutor(REPORT_GRACE_MILLIS, TimeUnit.MILLISECONDS, executor).execute(task);
    }

    /** Why a connect failed or a connection was lost. */
    SessionException connectionFailure(Throwable error, Profile profile) {
        return ErrorTranslator.connection(error, lastFailure, lastCloseReason, brokerAnswer, profile).exception();
    }

    /**
     * Why a connect failed; when that only says the broker's side reset or closed the connection, the port is asked
     * what it speaks ({@link PortVerdict}). Blocks for the probes: call it on the session's setup executor.
     */
    SessionException connectFailure(Throwable error, Profile profile) {
        SessionFailure f = ErrorTranslator.connection(error, lastFailure, lastCloseReason, brokerAnswer, profile);
        return (PortVerdict.vague(f.failure()) ? f.explained(PortVerdict.probed(f.failure(), profile)) : f)
                .exception();
    }

    /** Why a subscribe, unsubscribe or publish failed; a {@link SessionException} as it is. */
    SessionException operationFailure(Throwable error, Profile profile) {
        Throwable t = ErrorTranslator.unwrap(error);
        return t instanceof SessionException s ? s
                : ErrorTranslator.operation(t, lastFailure, lastCloseReason, brokerAnswer, profile).exception();
    }

    @Override
    public void onPacket(PacketEvent packet) {
        if (brokerAnswer == null && packet.direction() == Direction.BROKER_TO_CLIENT) {
            for (Finding f : packet.packet().findings()) {
                if (f.rule() == Rule.NOT_MQTT_HTTP_RESPONSE) {
                    brokerAnswer = new BrokerAnswer("http", f.args().isEmpty() ? "" : String.valueOf(f.args().get(0)));
                } else if (f.rule() == Rule.NOT_MQTT_TLS) {
                    brokerAnswer = new BrokerAnswer("tls", f.message());
                }
            }
        }
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
    public void onRefused(String reason) {
        listener.onRelayRefused(connectionId, reason);
        refused.accept(reason);
    }

    @Override
    public void onClosed(String connectionId, String reason) {
        lastCloseReason = reason;
    }
}
