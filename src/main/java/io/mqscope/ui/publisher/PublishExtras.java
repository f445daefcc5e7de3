package io.mqscope.ui.publisher;

import io.mqscope.ui.Controls;
import io.mqscope.ui.I18n;
import java.io.File;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

/** The publisher's folded extras (issue 16): saved templates and publishing on a timer, made when first opened. */
final class PublishExtras {
    private PublishExtras() {
    }

    /** Saved templates (issue 16): pick one, save the fields as one, import and export them as JSON. */
    static TitledPane templatesPane(PublisherViewModel vm, Window owner) {
        TitledPane pane = Controls.fold(I18n.t("templates.title"), () -> templates(vm, owner));
        pane.setId("templatesPane");
        return pane;
    }

    private static VBox templates(PublisherViewModel vm, Window owner) {
        PublishTemplates templates = vm.templates();
        ComboBox<PublishTemplate> pick = new ComboBox<>(templates.offered());
        pick.setId("templatePick");
        pick.setPromptText(I18n.t("templates.pick"));
        pick.setPrefWidth(200);
        pick.setOnAction(e -> {
            PublishTemplate t = pick.getValue();
            if (t != null) {
                vm.apply(t);
            }
        });
        CheckBox mine = new CheckBox(I18n.t("templates.thisConnection"));
        mine.setId("templateConnectionOnly");
        Button save = Controls.button("templates.save", Feather.SAVE);
        save.setId("templateSave");
        save.setMinWidth(Region.USE_PREF_SIZE);
        save.setOnAction(e -> {
            javafx.scene.control.TextInputDialog d = new javafx.scene.control.TextInputDialog();
            d.initOwner(owner);
            d.setTitle(I18n.t("templates.save"));
            d.setHeaderText(null);
            d.setContentText(I18n.t("templates.name"));
            d.getEditor().setId("templateName");
            d.showAndWait().ifPresent(name -> vm.saveTemplate(name, mine.isSelected()));
        });
        Button export = Controls.button("templates.export", Feather.UPLOAD);
        export.setMinWidth(Region.USE_PREF_SIZE);
        export.setOnAction(e -> {
            FileChooser fc = jsonChooser();
            File f = fc.showSaveDialog(owner);
            if (f != null) {
                vm.exportTemplates(f);
            }
        });
        Button load = Controls.button("templates.import", Feather.DOWNLOAD);
        load.setMinWidth(Region.USE_PREF_SIZE);
        load.setOnAction(e -> {
            File f = jsonChooser().showOpenDialog(owner);
            if (f != null) {
                vm.importTemplates(f);
            }
        });
        Label status = new Label();
        status.getStyleClass().add("muted");
        status.textProperty().bind(templates.statusProperty());
        // wraps instead of widening the window: a row's minimum width would push the header off screen
        Button code = Controls.button("snippet.copyAsCode", Feather.CODE);
        code.setId("copyAsCode");
        code.setMinWidth(Region.USE_PREF_SIZE);
        code.disableProperty().bind(vm.profileProperty().isNull());
        code.setOnAction(e -> new SnippetDialog(vm, owner).show());
        FlowPane row = new FlowPane(6, 4, pick, save, mine, export, load, code);
        row.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, row, status);
    }

    private static FileChooser jsonChooser() {
        FileChooser fc = new FileChooser();
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(I18n.t("format.json"), "*.json"));
        return fc;
    }

    /** Publish on a timer (issue 16): interval, count, start/stop and the progress; collapsed at first. */
    static TitledPane timedPane(PublisherViewModel vm) {
        TitledPane pane = Controls.fold(I18n.t("timed.title"), () -> timed(vm));
        pane.setId("timedPane");
        return pane;
    }

    private static VBox timed(PublisherViewModel vm) {
        TimedPublishViewModel timed = vm.timed();
        TextField every = new TextField();
        every.setId("timedInterval");
        every.setPrefColumnCount(6);
        every.textProperty().bindBidirectional(timed.intervalProperty());
        TextField count = new TextField();
        count.setId("timedCount");
        count.setPrefColumnCount(6);
        count.textProperty().bindBidirectional(timed.countProperty());
        Button start = Controls.button("timed.start", Feather.PLAY);
        start.setId("timedStart");
        start.setMinWidth(Region.USE_PREF_SIZE);
        start.setOnAction(e -> timed.start());
        start.disableProperty().bind(timed.runningProperty().or(vm.canSendProperty().not()));
        Button stop = Controls.button("timed.stop", Feather.SQUARE);
        stop.setId("timedStop");
        stop.setMinWidth(Region.USE_PREF_SIZE);
        stop.setOnAction(e -> timed.stop());
        stop.disableProperty().bind(timed.runningProperty().not());
        Label status = new Label();
        status.setId("timedStatus");
        status.getStyleClass().add("muted");
        status.textProperty().bind(timed.statusProperty());
        FlowPane row = new FlowPane(6, 4, new Label(I18n.t("timed.every")), every, new Label(I18n.t("timed.count")),
                count,
                start, stop);
        row.setAlignment(Pos.CENTER_LEFT);
        Label hint = new Label(I18n.t("timed.placeholders"));
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        return new VBox(4, row, status, hint);
    }
}
