package io.mqscope.ui.settings;

import io.mqscope.ui.Controls;
import io.mqscope.ui.I18n;

/** The Settings dialog's rows for the history's bounds on disk (issue 15). */
final class HistorySettingsRows {
    private HistorySettingsRows() {
    }

    /** The dialog's rows for these fields, from grid row {@code row} on (view code kept beside its one model). */
    static void addRows(javafx.scene.layout.GridPane g, int row, HistorySettingsViewModel vm, String state) {
        javafx.scene.control.Label title = new javafx.scene.control.Label(I18n.t("settings.history"));
        title.getStyleClass().add("section-title");
        g.add(title, 0, row, 3, 1);
        javafx.scene.control.TextField total = new javafx.scene.control.TextField();
        total.setId("historyTotalMb");
        total.textProperty().bindBidirectional(vm.totalMbProperty());
        javafx.scene.control.TextField per = new javafx.scene.control.TextField();
        per.setId("historyPerConnectionMb");
        per.textProperty().bindBidirectional(vm.perConnectionMbProperty());
        javafx.scene.control.Label totalErr = Controls.errorLabel();
        totalErr.textProperty().bind(vm.totalErrorProperty());
        javafx.scene.control.Label perErr = Controls.errorLabel();
        perErr.textProperty().bind(vm.perConnectionErrorProperty());
        g.addRow(row + 1, new javafx.scene.control.Label(I18n.t("settings.history.total")), total, totalErr);
        g.addRow(row + 2, new javafx.scene.control.Label(I18n.t("settings.history.perConnection")), per, perErr);
        javafx.scene.control.Label note = new javafx.scene.control.Label(I18n.t("settings.history.note"));
        note.getStyleClass().add("muted");
        note.setWrapText(true);
        g.add(note, 0, row + 3, 3, 1);
        if (state != null && !state.isEmpty()) {
            // another instance writes the history: these bounds are its to apply
            javafx.scene.control.Label readOnly = new javafx.scene.control.Label(state);
            readOnly.setId("historyState");
            readOnly.getStyleClass().add("field-error");
            readOnly.setWrapText(true);
            g.add(readOnly, 0, row + 4, 3, 1);
        }
    }

}
