package io.mqscope.ui.main;

import io.mqscope.ui.Controls;
import io.mqscope.ui.I18n;
import io.mqscope.ui.ThemeSwitcher;
import io.mqscope.ui.app.Backend;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.capture.CaptureView;
import io.mqscope.ui.connections.ConnectionsView;
import io.mqscope.ui.connections.StateText;
import io.mqscope.ui.packets.PasteBytesView;
import io.mqscope.ui.publisher.PublisherView;
import io.mqscope.ui.settings.SettingsDialog;
import io.mqscope.ui.settings.SettingsFile;
import io.mqscope.ui.settings.UiSettings;
import io.mqscope.ui.settings.WindowLayout;
import io.mqscope.ui.subscriptions.SubscriptionsView;
import io.mqscope.ui.wiretap.WiretapsView;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.controlsfx.control.NotificationPane;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The main window: Connections and Subscriptions on the left, Messages / Packets tabs in the centre, the Publisher
 * below them and a status bar. One AnimationTimer drains new events into the view models once per pulse.
 */
public final class MainView {
    private final Stage stage;
    private final SettingsFile settingsFile;
    private final Backend backend;
    private final ProfileRepository profiles;
    private final TaskExecutor tasks;
    private MainViewModel vm;
    private BorderPane root;
    private ContentTabs contentTabs;
    private ConnectionsView connectionsView;
    private WiretapsView wiretapsView;
    private SubscriptionsView subscriptionsView;
    private PublisherView publisherView;
    /** What the window's own parts (the failure bar) listen to on the view model; a language switch drops them. */
    private io.mqscope.ui.ViewListeners viewListeners;
    private Button themeButton;
    private final AnimationTimer pump;

    private MainView(Stage stage, SettingsFile settingsFile, Backend backend, ProfileRepository profiles,
                     TaskExecutor tasks) {
        this.stage = stage;
        this.settingsFile = settingsFile;
        this.backend = backend;
        this.profiles = profiles;
        this.tasks = tasks;
        this.pump = new AnimationTimer() {
            @Override
            public void handle(long now) {
                vm.pulse(now);
            }
        };
    }

    public static MainView show(Stage stage, UiSettings settings, SettingsFile settingsFile, Backend backend,
                                ProfileRepository profiles, TaskExecutor tasks) {
        return show(stage, settings, settingsFile, backend, profiles, tasks, null);
    }

    /** @param layout the window's size and dividers as last left (null: a size that fits the screen) */
    public static MainView show(Stage stage, UiSettings settings, SettingsFile settingsFile, Backend backend,
                                ProfileRepository profiles, TaskExecutor tasks, WindowLayout layout) {
        MainView v = new MainView(stage, settingsFile, backend, profiles, tasks);
        v.build(settings, layout);
        stage.show();
        v.pump.start();
        return v;
    }

    private void build(UiSettings settings, WindowLayout layout) {
        I18n.setLocale(settings.locale());
        ThemeSwitcher.apply(settings.dark());
        vm = new MainViewModel(settings, settingsFile, backend, profiles, tasks);
        root = createView();
        // a window of its own size, always: a stage shown before (TestFX shares one between tests) keeps the size
        // of what it showed, and the first layout must happen at the window's real size (the split panes' divider
        // positions are fractions of it; a scene at its preferred size would give the publisher most of the height)
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        WindowLayout size = layout == null ? WindowLayout.fitting(screen.getWidth(), screen.getHeight())
                : layout.within(screen.getWidth(), screen.getHeight());
        Scene scene = new Scene(root, size.width(), size.height());
        stage.setScene(scene);
        if (stage.isShowing()) {
            stage.setWidth(size.width());
            stage.setHeight(size.height());
        }
        if (layout != null) {
            Dividers.apply(root, layout.dividers());
            stage.setMaximized(layout.maximized());
        }
        ThemeSwitcher.style(scene, settings.dark());
        stage.titleProperty().bind(vm.titleProperty());
    }

    private BorderPane createView() {
        connectionsView = new ConnectionsView(vm.connections(), stage);
        connectionsView.showCaptures(vm.captures());
        viewListeners = new io.mqscope.ui.ViewListeners();
        subscriptionsView = new SubscriptionsView(vm.subscriptions());
        // topics seen so far complete the subscribe filter and the publish topic (ControlsFX auto-completion)
        io.mqscope.ui.TopicCompletion.bind(subscriptionsView.root(), "subscriptionFilter", vm.seenTopics());
        wiretapsView = new WiretapsView(vm.wiretaps(), stage);
        SplitPane left = new SplitPane(connectionsView.root(), wiretapsView.root(), subscriptionsView.root());
        left.setOrientation(Orientation.VERTICAL);
        left.setDividerPositions(0.42, 0.72);
        // wide enough for a profile name and its URL without clipping, in every language and window size
        left.setMinWidth(340);

        contentTabs = new ContentTabs(vm, stage);
        TabPane tabs = contentTabs.pane();

        publisherView = new PublisherView(vm.publisher(), stage);
        io.mqscope.ui.TopicCompletion.bind(publisherView.root(), "publishTopic", vm.seenTopics());
        // a failure shows over the content until dismissed; the status bar keeps its counters (issue 14 item 4)
        SplitPane center = new SplitPane(FailureBar.over(tabs, vm, () -> selectTab("connectionLogTab"),
                viewListeners), publisherView.root());
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.6);
        // the publisher's payload area would otherwise claim the whole height on a 1280x800 screen and collapse
        // the message list; a growing window gives its extra height to the messages, not to the publisher
        tabs.setMinHeight(220);
        SplitPane.setResizableWithParent(publisherView.root(), false);
        // a tapped client or a capture is not ours to publish to: the publisher makes room for it
        contentTabs.onReadOnly(shown -> readOnly(center, publisherView, shown));
        PublisherFold.install(center, publisherView, contentTabs.packetsTab());

        SplitPane main = new SplitPane(left, center);
        main.setDividerPositions(0.22);
        SplitPane.setResizableWithParent(left, false);

        BorderPane bp = new BorderPane(main);
        CaptureView.acceptDrops(bp, this::openCapture);
        bp.setTop(header());
        bp.setBottom(statusBar());
        return bp;
    }

    /** No publisher while a tapped client or a capture is shown: there is nothing of ours to publish to. */
    private static void readOnly(SplitPane center, PublisherView publisherView, boolean shown) {
        if (shown) {
            center.getItems().remove(publisherView.root());
        } else if (!center.getItems().contains(publisherView.root())) {
            center.getItems().add(publisherView.root());
            center.setDividerPositions(publisherView.collapsedProperty().get() ? 1.0 : 0.6);
        }
    }

    private HBox header() {
        Label title = new Label();
        title.textProperty().bind(vm.titleProperty());
        title.getStyleClass().add("app-title");
        title.setGraphic(new FontIcon(Feather.ACTIVITY));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        MenuButton file = new MenuButton(I18n.t("header.file"));
        file.setId("fileMenu");
        MenuItem openCapture = new MenuItem(I18n.t("capture.openMenu"), new FontIcon(Feather.FOLDER));
        openCapture.setId("openCaptureItem");
        openCapture.setOnAction(e -> {
            java.io.File f = CaptureView.choose(stage);
            if (f != null) {
                openCapture(f);
            }
        });
        file.getItems().add(openCapture);
        Button paste = Controls.button("header.pasteBytes", Feather.CLIPBOARD);
        paste.setId("pasteBytesButton");
        paste.setOnAction(e -> PasteBytesView.open(stage));
        Button settingsButton = Controls.button("header.settings", Feather.SETTINGS);
        settingsButton.setId("settingsButton");
        settingsButton.setOnAction(e -> openSettings());
        Button theme = Controls.iconButton("header.toggleTheme", vm.settings().dark() ? Feather.SUN : Feather.MOON);
        theme.setId("themeButton");
        themeButton = theme;
        theme.setOnAction(e -> {
            UiSettings s = vm.settings();
            apply(new UiSettings(s.locale(), !s.dark(), s.maxMessages(), s.maxPackets(), s.defaultView(),
                    s.brokerOnLan()));
        });
        HBox h = new HBox(8, title, grow, file, paste, settingsButton, theme);
        h.setAlignment(Pos.CENTER_LEFT);
        h.setPadding(new Insets(6, 10, 6, 10));
        h.getStyleClass().add("app-header");
        return h;
    }

    private HBox statusBar() {
        Label state = new Label();
        state.setId("statusState");
        state.textProperty().bind(vm.statusStateProperty());
        // the state gives way, never the counters: they keep their whole text
        state.setMinWidth(0);
        HBox.setHgrow(state, Priority.SOMETIMES);
        Label rates = new Label();
        rates.setId("statusRates");
        rates.setMinWidth(Region.USE_PREF_SIZE);
        rates.textProperty().bind(vm.statusRatesProperty());
        Label buffer = new Label();
        buffer.setId("statusBuffer");
        buffer.setMinWidth(Region.USE_PREF_SIZE);
        buffer.textProperty().bind(vm.statusBufferProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label settingsError = new Label();
        settingsError.setId("statusError");
        settingsError.getStyleClass().add("field-error");
        settingsError.textProperty().bind(vm.settingsErrorProperty());
        Label historyLosses = new Label();
        historyLosses.setId("historyLosses");
        historyLosses.getStyleClass().add("field-error");
        historyLosses.textProperty().bind(vm.historyOnDisk().lossesProperty());
        HBox h = new HBox(16, state, settingsError, grow, historyLosses, rates, buffer);
        h.setPadding(new Insets(3, 10, 3, 10));
        h.getStyleClass().add("status-bar");
        return h;
    }

    private void openSettings() {
        SettingsDialog.show(stage, vm.settings(), vm.historyOnDisk().settings(), vm.historyOnDisk()::apply,
                vm.historyOnDisk().state())
                .ifPresent(this::apply);
    }

    /**
     * Applies new settings at once, live (issue 14 item 7): connections, subscriptions, messages, packets and the
     * selection live in the view model, which stays. A new language builds the views again over that same view
     * model (every label is read from the bundle when a view is made); theme and limits change in place.
     */
    public void apply(UiSettings s) {
        UiSettings old = vm.settings();
        vm.setSettings(s);
        if (old.dark() != s.dark()) {
            ThemeSwitcher.apply(s.dark());
            ThemeSwitcher.style(stage.getScene(), s.dark());
            // the icon shows the theme a click switches to (issue 14 item 17)
            themeButton.setGraphic(new FontIcon(s.dark() ? Feather.SUN : Feather.MOON));
        }
        if (old.maxMessages() != s.maxMessages() || old.maxPackets() != s.maxPackets()
                || old.defaultView() != s.defaultView()) {
            vm.applyLimits(s);
        }
        if (!old.locale().equals(s.locale())) {
            relocalize(s);
        }
        vm.saveSettings(s);
    }

    /** The same view model, its views made again in the new language where the old ones were. */
    private void relocalize(UiSettings s) {
        I18n.setLocale(s.locale());
        int tab = contentTabs.selectedIndex();
        BorderPane old = root;
        // the old connections list and tabs stop listening to the view model they share with the new ones
        connectionsView.dispose();
        contentTabs.dispose();
        subscriptionsView.dispose();
        publisherView.dispose();
        wiretapsView.dispose();
        viewListeners.dispose();
        root = createView();
        Dividers.apply(root, Dividers.of(old));
        stage.getScene().setRoot(root);
        ThemeSwitcher.style(stage.getScene(), s.dark());
        contentTabs.select(tab);
        vm.relocalize();
    }

    /** The window's size and dividers now, to restore at the next start (pure: the caller saves it). */
    public WindowLayout layout() {
        return new WindowLayout(stage.getWidth(), stage.getHeight(), stage.isMaximized(), Dividers.of(root));
    }

    /**
     * File → Open capture… and a capture dropped on the window: the capture as a read-only group of the Connections
     * list, read in the background (its group shows progress and Cancel).
     */
    public io.mqscope.ui.capture.CaptureViewModel openCapture(java.io.File file) {
        return vm.captures().open(file.toPath());
    }

    public MainViewModel viewModel() {
        return vm;
    }

    public void selectPacketsTab() {
        contentTabs.select(1);
    }

    public void selectConnectionLogTab() {
        selectTab("connectionLogTab");
    }

    private void selectTab(String id) {
        contentTabs.select(id);
    }

    public void selectTopicsTab() {
        selectTab("topicsTab");
    }

    public void selectChartsTab() {
        selectTab("chartsTab");
    }

    public void selectMessagesTab() {
        contentTabs.select(0);
    }

    /** The Wiretaps pane, to select a tapped client as a click would. */
    public WiretapsView wiretapsView() {
        return wiretapsView;
    }

    public void shutdown() {
        pump.stop();
        vm.connections().shutdown();
        vm.wiretaps().shutdown();
    }
}
