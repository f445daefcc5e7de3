package io.mqscope.ui.messages;

import io.mqscope.store.HistoryExport;
import io.mqscope.ui.Controls;
import io.mqscope.ui.I18n;
import io.mqscope.ui.messages.HistorySearchViewModel.DirectionChoice;
import io.mqscope.ui.messages.HistorySearchViewModel.TimeRange;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;

/**
 * The Messages view's second row (issue 15): the search box over the whole stored history with its count and
 * next/previous hit, the direction, QoS, retain and time filters, and the export with its progress.
 */
final class SearchBar {
    private final HistorySearchViewModel vm;
    private final Window owner;
    private final VBox root = new VBox(2);
    private final io.mqscope.ui.ViewListeners listeners;

    /** @param listeners the Messages view's, taken off the view model when that view is disposed */
    SearchBar(HistorySearchViewModel vm, Window owner, io.mqscope.ui.ViewListeners listeners) {
        this.vm = vm;
        this.owner = owner;
        this.listeners = listeners;
        createView();
    }

    private void createView() {
        TextField search = Controls.clearableField();
        search.setId("messageSearch");
        search.setPromptText(I18n.t("search.prompt"));
        search.textProperty().bindBidirectional(vm.searchProperty());
        search.setOnAction(e -> vm.next());
        search.setTooltip(new javafx.scene.control.Tooltip(I18n.t("search.help")));
        search.setMinWidth(240);
        HBox.setHgrow(search, Priority.ALWAYS);
        Button prev = Controls.iconButton("search.previous", Feather.CHEVRON_UP);
        prev.setId("searchPrevious");
        prev.setOnAction(e -> vm.previous());
        Button next = Controls.iconButton("search.next", Feather.CHEVRON_DOWN);
        next.setId("searchNext");
        next.setOnAction(e -> vm.next());
        prev.disableProperty().bind(vm.countProperty().lessThanOrEqualTo(0));
        next.disableProperty().bind(vm.countProperty().lessThanOrEqualTo(0));
        Label count = new Label();
        count.setId("searchCount");
        count.getStyleClass().add("muted");
        count.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        count.textProperty().bind(Bindings.createStringBinding(() -> {
            String h = vm.hitText();
            return h.isEmpty() ? vm.statusProperty().get() : vm.statusProperty().get() + "  " + h;
        }, vm.statusProperty(), vm.hitProperty()));

        ChoiceBox<DirectionChoice> direction = choice("filterDirection", Arrays.asList(DirectionChoice.values()),
                d -> I18n.t("filter.direction." + d.name().toLowerCase(Locale.ROOT)));
        direction.valueProperty().bindBidirectional(vm.directionProperty());
        ChoiceBox<Integer> qos = choice("filterQos", Arrays.asList(null, 0, 1, 2),
                q -> q == null ? I18n.t("filter.qos.any") : "QoS " + q);
        qos.valueProperty().bindBidirectional(vm.qosProperty());
        ChoiceBox<Boolean> retain = choice("filterRetain", Arrays.asList(null, true, false),
                r -> I18n.t(r == null ? "filter.retain.any" : r ? "filter.retain.yes" : "filter.retain.no"));
        retain.valueProperty().bindBidirectional(vm.retainProperty());
        ChoiceBox<TimeRange> time = choice("filterTime", Arrays.asList(TimeRange.values()),
                t -> I18n.t("filter.time." + t.name().toLowerCase(Locale.ROOT)));
        time.valueProperty().bindBidirectional(vm.timeProperty());
        HBox range = range();
        Button export = Controls.iconButton("export.button", Feather.DOWNLOAD);
        export.setId("exportMessages");
        export.setOnAction(e -> chooseExport());
        HBox row = new HBox(6, search, prev, next, count, direction, qos, retain, time, export);
        row.setAlignment(Pos.CENTER_LEFT);
        row.setPadding(new javafx.geometry.Insets(0, 6, 0, 6));

        ProgressBar bar = new ProgressBar();
        bar.setId("exportProgress");
        bar.progressProperty().bind(vm.export().progressProperty());
        bar.visibleProperty().bind(vm.export().runningProperty());
        bar.managedProperty().bind(vm.export().runningProperty());
        Button cancel = Controls.button("export.cancel", Feather.X);
        cancel.setOnAction(e -> vm.export().cancel());
        cancel.visibleProperty().bind(vm.export().runningProperty());
        cancel.managedProperty().bind(vm.export().runningProperty());
        Label exportStatus = new Label();
        exportStatus.setId("exportStatus");
        exportStatus.getStyleClass().add("muted");
        exportStatus.textProperty().bind(vm.export().statusProperty());
        Label error = Controls.errorLabel();
        error.setId("searchError");
        // a search that failed, or a custom range that does not read
        error.textProperty().bind(Bindings.createStringBinding(() -> vm.errorProperty().get().isEmpty()
                        && vm.timeProperty().get() == TimeRange.CUSTOM ? vm.span().errorProperty().get()
                        : vm.errorProperty().get(), vm.errorProperty(), vm.span().errorProperty(),
                vm.timeProperty()));
        HBox progress = new HBox(6, bar, cancel, exportStatus, error);
        progress.setAlignment(Pos.CENTER_LEFT);
        progress.setPadding(new javafx.geometry.Insets(0, 6, 0, 6));
        progress.managedProperty().bind(exportStatus.textProperty().isNotEmpty().or(error.textProperty().isNotEmpty()));
        progress.visibleProperty().bind(progress.managedProperty());
        // the range's own line: the first row has no room left for two date fields beside the filters
        root.getChildren().addAll(row, range, progress);
    }

    /** The custom range's two ends, shown while "From … to …" is chosen. */
    private HBox range() {
        TextField from = rangeField("filterFrom", vm.span().fromProperty());
        TextField to = rangeField("filterTo", vm.span().toProperty());
        Label dash = new Label(I18n.t("filter.time.to"));
        Label start = new Label(I18n.t("filter.time.from"));
        dash.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        start.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label hint = new Label(I18n.t("filter.time.hint"));
        hint.getStyleClass().add("muted");
        HBox box = new HBox(6, start, from, dash, to, hint);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new javafx.geometry.Insets(0, 6, 0, 6));
        box.visibleProperty().bind(vm.timeProperty().isEqualTo(TimeRange.CUSTOM));
        box.managedProperty().bind(box.visibleProperty());
        listeners.onChange(vm.span().errorProperty(), (o, a, b) -> {
            from.pseudoClassStateChanged(atlantafx.base.theme.Styles.STATE_DANGER, !b.isEmpty());
            to.pseudoClassStateChanged(atlantafx.base.theme.Styles.STATE_DANGER, !b.isEmpty());
        });
        return box;
    }

    private static TextField rangeField(String id, javafx.beans.property.StringProperty value) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(I18n.t("filter.time.example"));
        f.setTooltip(new javafx.scene.control.Tooltip(I18n.t("filter.time.invalid")));
        f.setPrefColumnCount(13);
        f.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    private void chooseExport() {
        FileChooser fc = new FileChooser();
        fc.setTitle(I18n.t("export.title"));
        FileChooser.ExtensionFilter jsonl = new FileChooser.ExtensionFilter(I18n.t("export.jsonl"), "*.jsonl");
        FileChooser.ExtensionFilter csv = new FileChooser.ExtensionFilter(I18n.t("export.csv"), "*.csv");
        fc.getExtensionFilters().addAll(jsonl, csv);
        fc.setInitialFileName("messages.jsonl");
        File f = fc.showSaveDialog(owner);
        if (f != null) {
            boolean asCsv = fc.getSelectedExtensionFilter() == csv || f.getName().endsWith(".csv");
            vm.export().export(vm.query(), vm.memory().get(), f.toPath(),
                    asCsv ? HistoryExport.Format.CSV : HistoryExport.Format.JSON_LINES);
        }
    }

    private static <T> ChoiceBox<T> choice(String id, List<T> items, Function<T, String> text) {
        ChoiceBox<T> c = new ChoiceBox<>();
        c.setId(id);
        c.getItems().addAll(items);
        c.setConverter(new StringConverter<>() {
            @Override
            public String toString(T t) {
                return text.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        });
        return c;
    }

    Node root() {
        return root;
    }
}
