package io.mqscope.ui.main;

import io.mqscope.profile.Profile;
import io.mqscope.session.ConnectionState;
import io.mqscope.session.StateChange;
import io.mqscope.store.SessionLog;
import io.mqscope.ui.I18n;
import io.mqscope.ui.connections.ConnectionEntry;
import io.mqscope.ui.connections.StateText;
import io.mqscope.ui.live.LiveConnection;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The window title and the status bar's three texts for the active connection. Kept apart from the pulse drain so
 * what the bar says (and in which language) changes without touching how events reach the lists; the rates are
 * measured between {@link #updateRates} calls, which the drain makes about once a second.
 */
final class StatusLine {
    static final long SECOND = 1_000_000_000L;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("MQScope");
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rates = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper buffer = new ReadOnlyStringWrapper("");
    private long lastRateAt;
    private long lastIn;
    private long lastOut;
    private long lastRateIn;
    private long lastRateOut;

    /** A connection became active: its rates count from its totals now, not from the previous one's. */
    void startCounting(LiveConnection live) {
        lastIn = live.receivedCount();
        lastOut = live.sentCount();
    }

    /** Whether a second has passed since the rates were last measured. */
    boolean rateDue(long now) {
        return now - lastRateAt >= SECOND;
    }

    void updateRates(ConnectionEntry active, long now) {
        if (active == null) {
            return;
        }
        long in = active.live().receivedCount();
        long out = active.live().sentCount();
        double secs = lastRateAt == 0 ? 1 : (now - lastRateAt) / (double) SECOND;
        lastRateIn = Math.round((in - lastIn) / secs);
        lastRateOut = Math.round((out - lastOut) / secs);
        rates.set(I18n.t("status.rates", lastRateIn, lastRateOut));
        lastIn = in;
        lastOut = out;
        lastRateAt = now;
    }

    /** The language changed: the last measured rates are said again in the new one. */
    void relocalizeRates() {
        rates.set(I18n.t("status.rates", lastRateIn, lastRateOut));
    }

    void update(ConnectionEntry active) {
        if (active == null) {
            title.set("MQScope");
            return;
        }
        Profile p = active.profile();
        title.set("MQScope — " + p.name());
        // the state and where it failed; the reason in full is in the connection log and the notification, so the
        // counters on the right keep their room (issue 14 item 4)
        StateChange c = active.live().state();
        state.set(c.stage() == null || c.state() == ConnectionState.CONNECTED
                ? I18n.t("status.stateOnly", p.name(), StateText.state(c))
                : I18n.t("status.stateStage", p.name(), StateText.state(c), StateText.stage(c.stage())));
        SessionLog log = active.live().log();
        // what the bounded buffer let go is said, so kept + dropped adds up to what arrived (issue 14 item 18)
        long dropped = log.messages().entries().evicted();
        buffer.set(I18n.t(dropped > 0 ? "status.bufferDropped" : "status.buffer",
                log.messages().entries().size(), log.messages().entries().maxEntries(),
                log.packets().entries().size(), log.packets().entries().maxEntries(), dropped));
        if (rates.get().isEmpty()) {
            rates.set(I18n.t("status.rates", 0, 0));
        }
    }

    ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }
    ReadOnlyStringProperty stateProperty() { return state.getReadOnlyProperty(); }
    ReadOnlyStringProperty ratesProperty() { return rates.getReadOnlyProperty(); }
    ReadOnlyStringProperty bufferProperty() { return buffer.getReadOnlyProperty(); }
}
