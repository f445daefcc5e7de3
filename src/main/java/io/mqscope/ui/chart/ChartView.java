package io.mqscope.ui.chart;

import io.mqscope.session.MessageEvent;
import io.mqscope.ui.Controls;
import io.mqscope.ui.I18n;
import java.io.File;
import java.util.List;
import java.util.Optional;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Charts tab: a form to add a series (topic filter and value path), the plot, and a legend with each series'
 * counts. Scroll zooms the time axis, a drag pans it (and pauses), Live goes back to now.
 */
public final class ChartView {
    private static final List<Integer> WINDOWS = List.of(1, 5, 15, 60, 0);
    private final ChartViewModel vm;
    private final Window owner;
    private final BorderPane root = new BorderPane();
    private final ChartCanvas canvas;
    private final VBox legend = new VBox(4);
    private double dragX = Double.NaN;
    private long countsAt;

    /** What this view listens to on its view model, which outlives it (a language switch makes a new view). */
    private final io.mqscope.ui.ViewListeners listeners = new io.mqscope.ui.ViewListeners();

    public ChartView(ChartViewModel vm, Window owner) {
        this.vm = vm;
        this.owner = owner;
        this.canvas = new ChartCanvas(vm, listeners);
        createView();
        initListeners();
    }

    private void createView() {
        TextField topic = new TextField();
        topic.setId("chartTopic");
        topic.setPromptText(I18n.t("chart.topic.prompt"));
        TextField path = new TextField();
        path.setId("chartPath");
        path.setPromptText(I18n.t("chart.path.prompt"));
        HBox.setHgrow(topic, Priority.ALWAYS);
        HBox.setHgrow(path, Priority.ALWAYS);
        Label error = Controls.errorLabel();
        error.setId("chartError");
        Button add = Controls.button("chart.add", Feather.PLUS);
        add.setId("chartAdd");
        add.setMinWidth(Region.USE_PREF_SIZE);
        add.setDefaultButton(false);
        Runnable adding = () -> {
            String problem = vm.add(topic.getText(), path.getText());
            error.setText(problem == null ? "" : problem);
            if (problem == null) {
                path.clear();
            }
        };
        add.setOnAction(e -> adding.run());
        path.setOnAction(e -> adding.run());
        HBox form = new HBox(6, topic, path, add);
        form.setAlignment(Pos.CENTER_LEFT);

        ToggleButton pause = new ToggleButton(I18n.t("chart.pause"), new FontIcon(Feather.PAUSE));
        pause.setId("chartPause");
        pause.selectedProperty().bindBidirectional(vm.pausedProperty());
        ChoiceBox<Integer> window = new ChoiceBox<>();
        window.setId("chartWindow");
        window.getItems().addAll(WINDOWS);
        window.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Integer m) {
                return m == null ? "" : m == 0 ? I18n.t("chart.window.all") : I18n.t("chart.window.minutes", m);
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        });
        window.setValue(vm.windowMinutesProperty().get());
        window.valueProperty().addListener((o, a, b) -> vm.windowMinutesProperty().set(b == null ? 0 : b));
        listeners.onChange(vm.windowMinutesProperty(), (o, a, b) -> window.setValue(b.intValue()));
        Button live = Controls.button("chart.live", Feather.SKIP_FORWARD);
        live.setId("chartLive");
        live.setOnAction(e -> vm.live());
        Button csv = Controls.button("chart.exportCsv", Feather.FILE_TEXT);
        csv.setId("chartExportCsv");
        csv.setOnAction(e -> choose("chart.csv", "*.csv").ifPresent(vm::exportCsv));
        Button png = Controls.button("chart.exportPng", Feather.IMAGE);
        png.setId("chartExportPng");
        png.setOnAction(e -> choose("chart.png", "*.png").ifPresent(f -> {
            ChartCanvas.Pixels p = canvas.pixels();
            vm.exportPng(f, p.argb(), p.width(), p.height());
        }));
        Label status = new Label();
        status.getStyleClass().add("muted");
        status.textProperty().bind(vm.statusProperty());
        Label hint = new Label(I18n.t("chart.hint"));
        hint.getStyleClass().add("muted");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox tools = new HBox(6, pause, window, live, csv, png, status, grow, hint);
        tools.setAlignment(Pos.CENTER_LEFT);

        VBox top = new VBox(4, form, error, tools);
        top.setPadding(new Insets(6));
        legend.setPadding(new Insets(4, 6, 6, 6));
        legend.setId("chartLegend");
        Label empty = new Label(I18n.t("chart.empty"));
        empty.setWrapText(true);
        empty.getStyleClass().add("muted");
        empty.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.series()));
        empty.managedProperty().bind(empty.visibleProperty());
        root.setTop(top);
        root.setCenter(canvas);
        root.setBottom(new VBox(2, empty, legend));
        BorderPane.setMargin(empty, new Insets(0, 6, 0, 6));
    }

    private Optional<File> choose(String nameKey, String pattern) {
        FileChooser fc = new FileChooser();
        fc.setInitialFileName(I18n.t(nameKey));
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(pattern, pattern));
        return Optional.ofNullable(fc.showSaveDialog(owner));
    }

    private void initListeners() {
        listeners.onListChange(vm.series(), (ListChangeListener<ChartSeries>) c -> rebuildLegend());
        // the counts change with every batch; a label whose text changes asks the whole window for a layout pass,
        // so under a flood they are said again at most once a second
        listeners.onChange(vm.versionProperty(), (o, a, b) -> {
            long now = System.nanoTime();
            if (now - countsAt >= 1_000_000_000L) {
                countsAt = now;
                refreshCounts();
            }
        });
        rebuildLegend();
        canvas.setOnScroll(e -> {
            if (e.getDeltaY() != 0) {
                vm.zoom(e.getDeltaY() > 0 ? 0.8 : 1.25, anchor(e.getX()));
            }
        });
        canvas.setOnMousePressed(e -> dragX = e.getX());
        canvas.setOnMouseDragged(e -> {
            if (!Double.isNaN(dragX) && canvas.getWidth() > 0) {
                vm.pan(-(e.getX() - dragX) / Math.max(1, canvas.getWidth() - 76));
                dragX = e.getX();
            }
        });
        canvas.setOnMouseReleased(e -> dragX = Double.NaN);
    }

    private double anchor(double x) {
        return Math.max(0, Math.min(1, (x - 64) / Math.max(1, canvas.getWidth() - 76)));
    }

    private void rebuildLegend() {
        legend.getChildren().clear();
        for (ChartSeries s : vm.series()) {
            Rectangle swatch = new Rectangle(14, 4);
            swatch.fillProperty().bind(canvas.colorProperty(s.color()));
            Label name = new Label(s.topic() + "   " + s.path().text());
            name.getStyleClass().add("mono");
            Label counts = new Label();
            counts.getStyleClass().add("muted");
            counts.setUserData(s);
            Button remove = Controls.iconButton("chart.series.remove", Feather.X);
            remove.setOnAction(e -> vm.remove(s));
            HBox row = new HBox(8, swatch, name, counts, remove);
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().add("chart-legend-row");
            legend.getChildren().add(row);
        }
        refreshCounts();
    }

    private void refreshCounts() {
        for (Node row : legend.getChildren()) {
            Label counts = (Label) ((HBox) row).getChildren().get(2);
            ChartSeries s = (ChartSeries) counts.getUserData();
            counts.setText(s.skipped() == 0 ? I18n.t("chart.series.points", s.data().total())
                    : I18n.t("chart.series.skipped", s.data().total(), s.skipped(), s.lastProblem()));
        }
    }

    /**
     * "Chart this value…" on a message: adds a series for its topic and the number in it (asking which one when the
     * JSON holds several). Returns true when a series was added.
     */
    public static boolean chartValue(Window owner, ChartViewModel vm, MessageEvent m) {
        List<String> paths = ChartViewModel.candidates(m.payload());
        if (paths.isEmpty()) {
            Alert a = new Alert(Alert.AlertType.INFORMATION, I18n.t("chart.noNumber"), Controls.okButton());
            a.initOwner(owner);
            a.setHeaderText(null);
            a.setTitle(I18n.t("chart.choosePath.title"));
            a.showAndWait();
            return false;
        }
        Optional<String> path = Optional.of(paths.get(0));
        if (paths.size() > 1) {
            ChoiceDialog<String> d = new ChoiceDialog<>(paths.get(0), paths);
            d.initOwner(owner);
            d.setTitle(I18n.t("chart.choosePath.title"));
            d.setHeaderText(I18n.t("chart.choosePath.header", m.topic()));
            d.getDialogPane().getButtonTypes().setAll(Controls.okButton(), Controls.cancelButton());
            path = d.showAndWait();
        }
        return path.isPresent() && vm.add(m.topic(), path.get()) == null;
    }

    /** Takes this view's listeners off the view model. */
    public void dispose() {
        listeners.dispose();
    }

    public Node root() {
        return root;
    }

    /** The plot (tests read how many points the last redraw covered). */
    public int plottedPoints() {
        return canvas.plotted();
    }
}
