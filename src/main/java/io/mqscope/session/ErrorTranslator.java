package io.mqscope.session;

import com.hivemq.client.mqtt.exceptions.MqttClientStateException;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import io.mqscope.profile.Profile;
import io.mqscope.tap.Stage;
import io.mqscope.tap.UpstreamFailure;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Turns what went wrong into a stage and a reason, in one place and without state. The relay's upstream failure is
 * preferred to the client's own error: for every transport the client speaks plain MQTT to the relay and sees only a
 * closed socket, while the relay saw the DNS, TCP, proxy, TLS or WebSocket stage fail (and reports it just before it
 * closes the client's socket).
 */
final class ErrorTranslator {
    private ErrorTranslator() {
    }

    /**
     * A failed connect or a lost connection.
     *
     * @param upstream    what the relay reported for this attempt, or null
     * @param closeReason how the relay's connection ended (who closed it), or null
     */
    static SessionFailure connection(Throwable error, UpstreamFailure upstream, String closeReason, Profile profile) {
        return connection(error, upstream, closeReason, null, profile);
    }

    /**
     * As {@link #connection(Throwable, UpstreamFailure, String, Profile)}, with what the relay decoded on the
     * broker's side instead of MQTT (null when nothing), and the verdict in message keys attached.
     */
    static SessionFailure connection(Throwable error, UpstreamFailure upstream, String closeReason,
            BrokerAnswer answer, Profile profile) {
        Throwable t = unwrap(error);
        Failure verdict = FailureExplainer.explain(t, upstream, answer, profile);
        SessionFailure f = technical(t, upstream, closeReason, profile);
        return f.explained(verdict);
    }

    private static SessionFailure technical(Throwable t, UpstreamFailure upstream, String closeReason,
            Profile profile) {
        // a CONNACK refusal is the broker's own answer: nothing upstream can explain it better
        if (t instanceof Mqtt5ConnAckException e) {
            var ack = e.getMqttMessage();
            return mqtt("CONNACK refused: " + ack.getReasonCode() + inParentheses(ack.getReasonString()), t);
        }
        if (t instanceof Mqtt3ConnAckException e) {
            return mqtt("CONNACK refused: " + e.getMqttMessage().getReturnCode(), t);
        }
        if (upstream != null) {
            return upstream.stage() == Stage.WEBSOCKET ? webSocket(upstream.detail(), profile, t)
                    : new SessionFailure(upstream.stage(), upstream.detail(), null, t);
        }
        if (t instanceof Mqtt5DisconnectException e) {
            var d = e.getMqttMessage();
            return mqtt("broker sent DISCONNECT: " + d.getReasonCode() + inParentheses(d.getReasonString()), t);
        }
        String msg = t == null ? "connection lost" : t.getMessage() == null ? t.toString() : t.getMessage();
        // the session's own deadline, or HiveMQ's, which says so only in its message
        if (t instanceof TimeoutException || msg.contains("Timeout while waiting for CONNACK")) {
            return mqtt("no CONNACK within " + Math.max(1, profile.connectTimeoutSeconds()) + " s", t);
        }
        return mqtt(closeReason != null ? msg + " (" + closeReason + ")" : msg, t);
    }

    /** A failed subscribe, unsubscribe or publish (not a {@link SessionException}: that one is said already). */
    static SessionFailure operation(Throwable error, UpstreamFailure upstream, String closeReason, Profile profile) {
        return operation(error, upstream, closeReason, null, profile);
    }

    static SessionFailure operation(Throwable error, UpstreamFailure upstream, String closeReason,
            BrokerAnswer answer, Profile profile) {
        Throwable t = unwrap(error);
        if (t instanceof MqttClientStateException) {
            return mqtt("not connected (" + t.getMessage() + ")", t);
        }
        if (t instanceof Mqtt5SubAckException e) {
            return mqtt("SUBACK refused: " + e.getMqttMessage().getReasonCodes(), t);
        }
        return connection(t, upstream, closeReason, answer, profile);
    }

    /**
     * Whether the broker's host refused the TCP connection (nothing listening on the port), as the relay words it
     * (FailureText): the reconnect policy retries those soon.
     */
    static boolean refusedAtTcp(SessionException why) {
        return why.stage() == Stage.TCP && why.reason().startsWith("connection refused by");
    }

    /** Anything thrown while preparing a connect (signing, TLS files, the relay) that does not say more. */
    static SessionException preparation(RuntimeException e) {
        return e instanceof SessionException s ? s
                : new SessionException(Stage.CONFIG, String.valueOf(e.getMessage()), e);
    }

    /** A connect attempt that the user's disconnect (or close) ended: not a failure, so it has no FAILED state. */
    static SessionException disconnectedBeforeConnected() {
        return new SessionException(Stage.MQTT, "disconnected before the connection was made");
    }

    /**
     * The relay's WebSocket-stage detail, verbatim when it names the path tried; otherwise with the path (HiveMQ CE,
     * for one, neither answers nor closes an upgrade for an unknown path, and the relay only sees a stalled stage).
     */
    static SessionFailure webSocket(String detail, Profile p, Throwable cause) {
        String path = p.wsPath() == null || p.wsPath().isBlank() ? "/"
                : p.wsPath().startsWith("/") ? p.wsPath() : "/" + p.wsPath();
        String d = detail == null ? "" : detail;
        if (d.contains("'" + path + "'")) {
            return new SessionFailure(Stage.WEBSOCKET, d, null, cause);
        }
        if (d.startsWith("no progress")) {
            String fix = path.equals("/mqtt") ? "wrong path? check the broker's WebSocket path, e.g. /ws or /"
                    : "wrong path? try /mqtt";
            return new SessionFailure(Stage.WEBSOCKET, "the broker did not answer the WebSocket upgrade for path '"
                    + path + "' (" + fix + "); relay: " + d, fix, cause);
        }
        return new SessionFailure(Stage.WEBSOCKET, d + " (WebSocket path '" + path + "')", null, cause);
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static SessionFailure mqtt(String reason, Throwable cause) {
        return new SessionFailure(Stage.MQTT, reason, null, cause);
    }

    private static String inParentheses(Optional<?> reasonString) {
        return reasonString.map(s -> " (" + s + ")").orElse("");
    }
}
