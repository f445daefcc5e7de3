package io.mqscope.session;

import static io.mqscope.session.ConnectionState.CONNECTED;
import static io.mqscope.session.ConnectionState.CONNECTING;
import static io.mqscope.session.ConnectionState.DISCONNECTED;
import static io.mqscope.session.ConnectionState.FAILED;
import static io.mqscope.session.ConnectionState.RECONNECTING;

import io.mqscope.tap.Stage;
import java.time.Clock;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A session's connection state and the only changes it may make, {@link #TRANSITIONS}; each change is told to the
 * listener as a {@link StateChange} timed by the session's clock. Thread-safe.
 */
final class Lifecycle {
    /**
     * Every state change a session makes; any other is ignored. Nothing follows DISCONNECTED but a new connect, so a
     * failure that arrives after the user disconnected is not reported as FAILED. CONNECTED to CONNECTED reports a
     * failed resubscribe or a connection the relay refused, RECONNECTING to RECONNECTING a failed attempt that
     * schedules the next one; a connect from RECONNECTING starts over.
     */
    static final Map<ConnectionState, Set<ConnectionState>> TRANSITIONS = new EnumMap<>(Map.of(
            DISCONNECTED, EnumSet.of(CONNECTING),
            CONNECTING, EnumSet.of(CONNECTED, FAILED, DISCONNECTED),
            CONNECTED, EnumSet.of(CONNECTED, RECONNECTING, DISCONNECTED),
            RECONNECTING, EnumSet.of(RECONNECTING, CONNECTED, CONNECTING, FAILED, DISCONNECTED),
            FAILED, EnumSet.of(CONNECTING, DISCONNECTED)));

    private final AtomicReference<ConnectionState> state = new AtomicReference<>(DISCONNECTED);
    private final String connectionId;
    private final SessionListener listener;
    private final Clock clock;

    Lifecycle(String connectionId, SessionListener listener, Clock clock) {
        this.connectionId = connectionId;
        this.listener = listener;
        this.clock = clock;
    }

    static boolean allowed(ConnectionState from, ConnectionState to) {
        return TRANSITIONS.get(from).contains(to);
    }

    ConnectionState current() {
        return state.get();
    }

    /**
     * Moves to {@code to} if the table allows it from the current state, and tells the listener.
     *
     * @param stage  for failures, where it failed (else null)
     * @param reason what to tell the user, or null
     * @return false when the table refused the change (nothing was told)
     */
    boolean move(ConnectionState to, Stage stage, Sentence reason) {
        return move(to, stage, reason, null);
    }

    /** As above, with what to try ({@code fix}, or null) for a failure. */
    boolean move(ConnectionState to, Stage stage, Sentence reason, Sentence fix) {
        return move(to, stage, reason, fix, null, reason == null ? null : reason.english());
    }

    /**
     * As above, with the failure's verdict (the words of {@code mqscope check}, or null) and the technical line in
     * English ({@code detail}) for the listener.
     */
    boolean move(ConnectionState to, Stage stage, Sentence reason, Sentence fix, Failure failure, String detail) {
        ConnectionState from;
        do {
            from = state.get();
            if (!allowed(from, to)) {
                return false;
            }
        } while (!state.compareAndSet(from, to));
        listener.onState(new StateChange(connectionId, clock.instant(), to, stage, reason, fix, failure, detail));
        return true;
    }
}
