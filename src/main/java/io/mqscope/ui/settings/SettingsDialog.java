package io.mqscope.ui.settings;

import io.mqscope.payload.PayloadFormat;
import io.mqscope.ui.Controls;
import io.mqscope.ui.I18n;
import java.util.Locale;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.Window;

/** Language, theme, buffer limits and the default payload view. */
public final class SettingsDialog {
    private SettingsDialog() {
    }

    public static Optional<UiSettings> show(Window owner, UiSettings current) {
        return show(owner, current, null, h -> { });
    }

    /**
     * As above, with the history's bounds on disk (issue 15) when {@code history} is not null; {@code onHistory}
     * receives the new bounds when the dialog is confirmed.
     */
    public static Optional<UiSettings> show(Window owner, UiSettings current, HistorySettings history,
                                            java.util.function.Consumer<HistorySettings> onHistory) {
        return show(owner, current, history, onHistory, "");
    }

    /** As above; {@code historyState} says under the bounds why they do not apply here (empty: nothing). */
    public static Optional<UiSettings> show(Window owner, UiSettings current, HistorySettings history,
                                            java.util.function.Consumer<HistorySettings> onHistory,
                                            String historyState) {
        SettingsViewModel vm = new SettingsViewModel(current);
        HistorySettingsViewModel hvm = new HistorySettingsViewModel(history == null ? HistorySettings.DEFAULT
                : history);
        Dialog<UiSettings> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(I18n.t("settings.title"));
        ButtonType ok = Controls.okButton();
        d.getDialogPane().getButtonTypes().addAll(ok, Controls.cancelButton());

        ToggleGroup lang = new ToggleGroup();
        RadioButton en = new RadioButton("English");
        RadioButton zh = new RadioButton("简体中文");
        en.setToggleGroup(lang);
        zh.setToggleGroup(lang);
        zh.setSelected(vm.chineseProperty().get());
        en.setSelected(!vm.chineseProperty().get());
        vm.chineseProperty().bind(zh.selectedProperty());

        ToggleGroup theme = new ToggleGroup();
        RadioButton light = new RadioButton(I18n.t("settings.theme.light"));
        RadioButton dark = new RadioButton(I18n.t("settings.theme.dark"));
        light.setToggleGroup(theme);
        dark.setToggleGroup(theme);
        dark.setSelected(vm.darkProperty().get());
        light.setSelected(!vm.darkProperty().get());
        vm.darkProperty().bind(dark.selectedProperty());

        TextField maxMessages = new TextField();
        maxMessages.textProperty().bindBidirectional(vm.maxMessagesProperty());
        TextField maxPackets = new TextField();
        maxPackets.textProperty().bindBidirectional(vm.maxPacketsProperty());
        Label mmErr = Controls.errorLabel();
        mmErr.textProperty().bind(vm.maxMessagesErrorProperty());
        Label mpErr = Controls.errorLabel();
        mpErr.textProperty().bind(vm.maxPacketsErrorProperty());

        ChoiceBox<PayloadFormat> view = new ChoiceBox<>();
        view.getItems().add(null);
        view.getItems().addAll(PayloadFormat.values());
        view.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(PayloadFormat f) {
                return f == null ? I18n.t("settings.view.auto") : I18n.t("format." + f.name().toLowerCase(Locale.ROOT));
            }

            @Override
            public PayloadFormat fromString(String s) {
                return null;
            }
        });
        view.valueProperty().bindBidirectional(vm.defaultViewProperty());

        GridPane g = new GridPane();
        g.setHgap(12);
        g.setVgap(10);
        g.addRow(0, new Label(I18n.t("settings.language")), new HBox(12, en, zh));
        g.addRow(1, new Label(I18n.t("settings.theme")), new HBox(12, light, dark));
        g.addRow(2, new Label(I18n.t("settings.maxMessages")), maxMessages, mmErr);
        g.addRow(3, new Label(I18n.t("settings.maxPackets")), maxPackets, mpErr);
        g.addRow(4, new Label(I18n.t("settings.defaultView")), view);
        // listening beyond loopback is only ever the user's explicit choice
        CheckBox onLan = new CheckBox(I18n.t("settings.brokerOnLan"));
        onLan.setId("brokerOnLanCheck");
        onLan.setWrapText(true);
        onLan.selectedProperty().bindBidirectional(vm.brokerOnLanProperty());
        g.add(onLan, 0, 5, 3, 1);
        Label note = new Label(I18n.t("settings.note"));
        note.getStyleClass().add("muted");
        note.setWrapText(true);
        g.add(note, 0, 6, 3, 1);
        if (history != null) {
            HistorySettingsRows.addRows(g, 7, hvm, historyState);
        }
        d.getDialogPane().setContent(g);
        d.getDialogPane().lookupButton(ok).disableProperty().bind(vm.validProperty().and(hvm.validProperty()).not());
        d.setResultConverter(b -> {
            if (b != ok) {
                return null;
            }
            if (history != null && !hvm.result().equals(history)) {
                onHistory.accept(hvm.result());
            }
            return vm.result();
        });
        return d.showAndWait();
    }
}
