package io.mqscope.ui.connections;

import io.mqscope.session.StateChange;
import io.mqscope.store.BoundedLog;
import io.mqscope.ui.I18n;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The connection log of the connection on screen (issue 14 item 4): every state change the session's log keeps,
 * with its time, stage, reason and fix in full, reconnect attempts included. The text is rebuilt only when the log
 * grew, another connection was chosen or the language changed, so a pulse costs a sequence-number comparison.
 */
public final class ConnectionLogViewModel {
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ZoneId zone;
    private ConnectionEntry shown;
    private long shownUntil = -1;
    private Locale shownIn;

    public ConnectionLogViewModel(ZoneId zone) {
        this.zone = zone;
    }

    /** Shows {@code e}'s log (null: nothing). */
    public void show(ConnectionEntry e) {
        shown = e;
        shownUntil = -1;
        refresh();
    }

    /** Brings the text up to date; cheap when nothing changed. */
    public void refresh() {
        if (shown == null) {
            text.set("");
            return;
        }
        BoundedLog<StateChange> states = shown.live().log().states();
        long next = states.nextSequence();
        if (next == shownUntil && I18n.locale().equals(shownIn)) {
            return;
        }
        shownUntil = next;
        shownIn = I18n.locale();
        text.set(render(shown.profile().name(), states.snapshot().items(), zone));
    }

    static String render(String connection, List<StateChange> changes, ZoneId zone) {
        if (changes.isEmpty()) {
            return I18n.t("log.empty", connection);
        }
        StringBuilder b = new StringBuilder();
        StateChange before = null;
        for (StateChange c : changes) {
            // the app says "connecting" the moment Connect is clicked, the session again when it starts: one line
            boolean repeat = before != null && before.state() == c.state() && c.message() == null
                    && c.stage() == null;
            before = c;
            if (repeat) {
                continue;
            }
            if (!b.isEmpty()) {
                b.append('\n');
            }
            b.append(StateText.logEntry(c, zone));
        }
        return b.toString();
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }
}
