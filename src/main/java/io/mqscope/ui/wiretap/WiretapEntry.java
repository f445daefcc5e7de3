package io.mqscope.ui.wiretap;

import io.mqscope.tap.Wiretap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One wiretap in the left pane: the built-in broker's listeners, or one the user defined. Its status, the URLs
 * clients dial, and its tapped clients as rows, updated once per pulse from its {@link TapClients}.
 */
public final class WiretapEntry {
    /** Where a wiretap is: not listening, binding, listening, or it could not listen. */
    public enum Status {
        STOPPED, STARTING, RUNNING, FAILED
    }

    private final boolean localBroker;
    private final TapClients clients;
    private final ObjectProperty<WiretapDefinition> definition = new SimpleObjectProperty<>();
    private final ObjectProperty<Status> status = new SimpleObjectProperty<>(Status.STOPPED);
    private final StringProperty message = new SimpleStringProperty("");
    private final javafx.beans.property.BooleanProperty exposed = new javafx.beans.property.SimpleBooleanProperty();
    private final ObservableList<String> urls = FXCollections.observableArrayList();
    private final ObservableList<TapClientRow> rows = FXCollections.observableArrayList();
    /** The running tap of a user-defined wiretap (FX thread). */
    private Wiretap running;
    private int runs;

    WiretapEntry(boolean localBroker, WiretapDefinition definition, TapClients clients) {
        this.localBroker = localBroker;
        this.definition.set(definition);
        this.clients = clients;
    }

    /** The built-in broker's listeners ("Local broker → clients"): always there, never edited or deleted. */
    public boolean isLocalBroker() {
        return localBroker;
    }

    public TapClients clients() {
        return clients;
    }

    /** The row of a client, or null when it is not (or no longer) listed. */
    public TapClientRow row(String key) {
        for (TapClientRow r : rows) {
            if (r.key().equals(key)) {
                return r;
            }
        }
        return null;
    }

    /** Applies one pulse's changes: changed rows replaced in place (a selection stays on them), new ones added. */
    void apply(TapClients.Changes c) {
        if (!c.removed().isEmpty()) {
            Set<String> gone = new HashSet<>(c.removed());
            rows.removeIf(r -> gone.contains(r.key()));
        }
        if (c.updated().isEmpty()) {
            return;
        }
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            at.put(rows.get(i).key(), i);
        }
        List<TapClientRow> added = new java.util.ArrayList<>();
        for (TapClientRow r : c.updated()) {
            Integer i = at.get(r.key());
            if (i == null) {
                added.add(r);
            } else {
                rows.set(i, r);
            }
        }
        rows.addAll(added);
    }

    Wiretap running() {
        return running;
    }

    void running(Wiretap tap) {
        running = tap;
    }

    /** A prefix for the next run's connection ids: each run of a tap counts from c1 again. */
    String nextRunPrefix() {
        return "r" + (++runs) + "-";
    }

    public ObjectProperty<WiretapDefinition> definitionProperty() { return definition; }
    public ObjectProperty<Status> statusProperty() { return status; }
    /** Why it could not start, or the notes of a running one (where the self-signed CA is). */
    public StringProperty messageProperty() { return message; }
    /** The URLs clients dial: the bound one first, then one per LAN address when bound to every interface. */
    public ObservableList<String> urls() { return urls; }
    public ObservableList<TapClientRow> rows() { return rows; }
    /** Listening on every interface: other devices on the network can connect (shown with a marker). */
    public javafx.beans.property.BooleanProperty exposedProperty() { return exposed; }
}
