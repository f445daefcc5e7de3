package io.mqscope.ui.settings;

import io.mqscope.ui.I18n;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The Settings dialog's history bounds (issue 15): two sizes in MB, typed as text and checked with a reason. */
public final class HistorySettingsViewModel {
    private final StringProperty totalMb = new SimpleStringProperty();
    private final StringProperty perConnectionMb = new SimpleStringProperty();
    private final StringProperty totalError = new SimpleStringProperty("");
    private final StringProperty perConnectionError = new SimpleStringProperty("");
    private final BooleanBinding valid;

    public HistorySettingsViewModel(HistorySettings s) {
        totalMb.set(Integer.toString(s.totalMb()));
        perConnectionMb.set(Integer.toString(s.perConnectionMb()));
        totalMb.addListener((o, a, b) -> totalError.set(error(b)));
        perConnectionMb.addListener((o, a, b) -> perConnectionError.set(error(b)));
        valid = Bindings.createBooleanBinding(() -> totalError.get().isEmpty() && perConnectionError.get().isEmpty(),
                totalError, perConnectionError);
    }

    /** Empty when valid, else the reason. */
    static String error(String text) {
        try {
            int v = Integer.parseInt(text.trim());
            return v < HistorySettings.MIN_MB || v > HistorySettings.MAX_MB
                    ? I18n.t("settings.limit.range", HistorySettings.MIN_MB, HistorySettings.MAX_MB) : "";
        } catch (NumberFormatException e) {
            return I18n.t("settings.limit.number");
        }
    }

    public HistorySettings result() {
        return new HistorySettings(Integer.parseInt(totalMb.get().trim()), Integer.parseInt(perConnectionMb.get()
                .trim()));
    }

    public StringProperty totalMbProperty() { return totalMb; }
    public StringProperty totalErrorProperty() { return totalError; }
    public StringProperty perConnectionErrorProperty() { return perConnectionError; }
    public StringProperty perConnectionMbProperty() { return perConnectionMb; }
    public BooleanBinding validProperty() { return valid; }
}
