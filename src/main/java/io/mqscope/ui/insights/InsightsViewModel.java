package io.mqscope.ui.insights;

import io.mqscope.doctor.Insight;
import io.mqscope.doctor.PacketRef;
import io.mqscope.ui.I18n;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The conversation doctor's insights of the active connection (or of a wiretap), newest last, replaced as a whole
 * when the doctor found something new (at most once per pulse, by the main view model's drain). Opening a row asks
 * for its first packet ({@link #setJump}).
 */
public final class InsightsViewModel {
    private static final int MAX = 500;

    private final ObservableList<InsightRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<InsightRow> selected = new SimpleObjectProperty<>();
    private Consumer<PacketRef> jump = r -> { };
    private InsightRow lastOpened;
    private int opened;

    /** Shows these insights instead of the ones shown (FX thread). */
    public void show(List<Insight> insights) {
        List<InsightRow> out = new ArrayList<>(Math.min(insights.size(), MAX));
        for (int i = Math.max(0, insights.size() - MAX); i < insights.size(); i++) {
            out.add(InsightRow.of(insights.get(i), I18n.locale()));
        }
        rows.setAll(out);
    }

    public void clear() {
        rows.clear();
    }

    /** Where opening a row goes: the packet it names (the Packets tab selects it). */
    public void setJump(Consumer<PacketRef> jump) {
        this.jump = jump;
    }

    /**
     * Opens a row: shows its first packet, and each time the same row is opened again the next one it names (a
     * takeover names the displacing CONNECT, then the displaced connection's DISCONNECT), round and round.
     */
    public void open(InsightRow row) {
        if (row == null || row.insight().packets().isEmpty()) {
            return;
        }
        List<PacketRef> refs = row.insight().packets();
        opened = row.equals(lastOpened) ? (opened + 1) % refs.size() : 0;
        lastOpened = row;
        jump.accept(refs.get(opened));
    }

    public ObservableList<InsightRow> rows() {
        return rows;
    }

    public ObjectProperty<InsightRow> selectedProperty() {
        return selected;
    }
}
