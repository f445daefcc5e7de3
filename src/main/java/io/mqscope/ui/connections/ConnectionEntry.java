package io.mqscope.ui.connections;

import io.mqscope.profile.Profile;
import io.mqscope.session.ConnectionState;
import io.mqscope.ui.live.LiveConnection;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One row of the Connections list: a profile, its live connection and its state as the view shows it. */
public final class ConnectionEntry {
    private final ObjectProperty<Profile> profile = new SimpleObjectProperty<>();
    private final ObjectProperty<ConnectionState> state = new SimpleObjectProperty<>(ConnectionState.DISCONNECTED);
    private final StringProperty reason = new SimpleStringProperty("");
    /** Names of the profile's saved secrets that could not be read at load; empty when all were read. */
    private final ObjectProperty<List<String>> unreadableSecrets = new SimpleObjectProperty<>(List.of());
    private final LiveConnection live;
    /** Messages received while the connection was not on screen (issue 15); FX thread. */
    private final javafx.beans.property.LongProperty unread = new javafx.beans.property.SimpleLongProperty();
    private long readUpTo;

    public ConnectionEntry(Profile p, LiveConnection live) {
        this.profile.set(p);
        this.live = live;
    }

    public LiveConnection live() {
        return live;
    }

    public Profile profile() {
        return profile.get();
    }

    public boolean isLocalBroker() {
        return ConnectionsViewModel.LOCAL_BROKER_ID.equals(profile.get().id());
    }

    /** The connection is on screen: everything received so far counts as read. */
    public void markRead() {
        readUpTo = live.receivedCount();
        if (unread.get() != 0) {
            unread.set(0);
        }
    }

    /** Counts what arrived since the connection was last on screen (once per pulse, for those off screen). */
    public void countUnread() {
        long n = Math.max(0, live.receivedCount() - readUpTo);
        if (n != unread.get()) {
            unread.set(n);
        }
    }

    public javafx.beans.property.ReadOnlyLongProperty unreadProperty() { return unread; }
    public ObjectProperty<Profile> profileProperty() { return profile; }
    public ObjectProperty<ConnectionState> stateProperty() { return state; }
    public StringProperty reasonProperty() { return reason; }
    public ObjectProperty<List<String>> unreadableSecretsProperty() { return unreadableSecrets; }
}
