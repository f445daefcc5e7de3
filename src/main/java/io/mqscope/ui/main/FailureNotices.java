package io.mqscope.ui.main;

import io.mqscope.session.ConnectionState;
import io.mqscope.session.StateChange;
import io.mqscope.store.BoundedLog;
import io.mqscope.ui.connections.ConnectionEntry;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * Which failure the notification bar over the content shows (issue 14 item 4): the newest connect that failed, or
 * connection that was lost, of any connection. It goes away when the user dismisses it or when that connection is
 * connected again (a stale failure costs trust). Reads the sessions' state logs once per pulse, by sequence number.
 */
public final class FailureNotices {
    /** A failure to show: whose, and the state change that says what happened. */
    public record Notice(ConnectionEntry entry, StateChange change) {
    }

    private final ReadOnlyObjectWrapper<Notice> current = new ReadOnlyObjectWrapper<>();
    private final Map<ConnectionEntry, Long> seen = new IdentityHashMap<>();
    private final Map<ConnectionEntry, ConnectionState> previous = new IdentityHashMap<>();

    /** Reads what the connections' logs gained since the last scan (FX thread). */
    public void scan(List<ConnectionEntry> entries) {
        for (ConnectionEntry e : entries) {
            BoundedLog<StateChange> states = e.live().log().states();
            long from = seen.getOrDefault(e, 0L);
            if (states.nextSequence() == from) {
                continue;
            }
            BoundedLog.Slice<StateChange> s = states.since(from);
            seen.put(e, s.endSequence());
            for (StateChange c : s.items()) {
                ConnectionState before = previous.put(e, c.state());
                if (failure(before, c)) {
                    current.set(new Notice(e, c));
                } else if (c.state() == ConnectionState.CONNECTED && current.get() != null
                        && current.get().entry() == e && c.stage() == null) {
                    current.set(null);
                }
            }
        }
    }

    /** A connect that failed, or a connection that was lost (the first reconnect attempt says so, not each one). */
    static boolean failure(ConnectionState before, StateChange c) {
        return c.state() == ConnectionState.FAILED
                || (c.state() == ConnectionState.RECONNECTING || c.state() == ConnectionState.DISCONNECTED)
                && before == ConnectionState.CONNECTED && c.stage() != null;
    }

    public void dismiss() {
        current.set(null);
    }

    public ReadOnlyObjectProperty<Notice> currentProperty() {
        return current.getReadOnlyProperty();
    }
}
