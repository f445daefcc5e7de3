package io.mqscope.ui.main;

import io.mqscope.ui.Controls;
import io.mqscope.ui.I18n;
import io.mqscope.ui.ThemeSwitcher;
import io.mqscope.ui.app.Backend;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.connections.ConnectionsView;
import io.mqscope.ui.messages.MessagesView;
import io.mqscope.ui.packets.PacketsView;
import io.mqscope.ui.packets.PasteBytesView;
import io.mqscope.ui.publisher.PublisherView;
import io.mqscope.ui.settings.SettingsDialog;
import io.mqscope.ui.settings.SettingsFile;
import io.mqscope.ui.settings.UiSettings;
import io.mqscope.ui.subscriptions.SubscriptionsView;
import io.mqscope.ui.wiretap.TapInspectorView;
import io.mqscope.ui.wiretap.WiretapsView;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
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
    private TabPane tabs;
    private ConnectionsView connectionsView;
    private PacketsView packetsView;
    private WiretapsView wiretapsView;
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
        MainView v = new MainView(stage, settingsFile, backend, profiles, tasks);
        v.build(settings);
        stage.show();
        v.pump.start();
        return v;
    }

    private void build(UiSettings settings) {
        I18n.setLocale(settings.locale());
        ThemeSwitcher.apply(settings.dark());
        vm = new MainViewModel(settings, settingsFile, backend, profiles, tasks);
        root = createView();
        Scene scene = stage.getScene();
        if (scene == null) {
            // the first layout must happen at the window's real size: the split panes' divider positions are
            // fractions of it (a scene at its preferred size would give the publisher most of the height)
            javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
            scene = new Scene(root, Math.min(1280, screen.getWidth()), Math.min(820, screen.getHeight()));
            stage.setScene(scene);
        } else {
            scene.setRoot(root);
        }
        ThemeSwitcher.style(scene, settings.dark());
        stage.titleProperty().bind(vm.titleProperty());
    }

    private BorderPane createView() {
        connectionsView = new ConnectionsView(vm.connections(), stage);
        SubscriptionsView subscriptionsView = new SubscriptionsView(vm.subscriptions());
        wiretapsView = new WiretapsView(vm.wiretaps(), stage);
        SplitPane left = new SplitPane(connectionsView.root(), wiretapsView.root(), subscriptionsView.root());
        left.setOrientation(Orientation.VERTICAL);
        left.setDividerPositions(0.42, 0.72);
        // wide enough for a profile name and its URL without clipping, in every language and window size
        left.setMinWidth(340);

        MessagesView messagesView = new MessagesView(vm.messages(), vm.payload(), vm.subscriptions(), stage);
        packetsView = new PacketsView(vm.packets(), stage);
        Tab messagesTab = new Tab(I18n.t("tab.messages"), messagesView.root());
        messagesTab.setGraphic(new FontIcon(Feather.MESSAGE_SQUARE));
        messagesTab.setId("messagesTab");
        Tab packetsTab = new Tab(I18n.t("tab.packets"), packetsView.root());
        packetsTab.setGraphic(new FontIcon(Feather.LAYERS));
        packetsTab.setId("packetsTab");
        TapInspectorView inspector = new TapInspectorView(vm.wiretaps().inspector(), stage);
        Tab wiretapTab = new Tab(I18n.t("tab.wiretap"));
        wiretapTab.setGraphic(new FontIcon(Feather.RADIO));
        wiretapTab.setId("wiretapTab");
        tabs = new TabPane(messagesTab, packetsTab, wiretapTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        vm.wiretaps().selectedClientProperty().addListener((o, a, c) -> {
            if (c != null) {
                tabs.getSelectionModel().select(wiretapTab);
            }
        });
        vm.packetsShownProperty().bind(packetsTab.selectedProperty());

        PublisherView publisherView = new PublisherView(vm.publisher(), stage);
        SplitPane center = new SplitPane(tabs, publisherView.root());
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.6);
        // the publisher's payload area would otherwise claim the whole height on a 1280x800 screen and collapse
        // the message list; a growing window gives its extra height to the messages, not to the publisher
        tabs.setMinHeight(220);
        publisherView.root().setMinHeight(150);
        SplitPane.setResizableWithParent(publisherView.root(), false);
        // the inspector reuses the Packets views with their node ids: it joins the scene only while its tab is
        // shown, so that #packetTable and #hexDump name one node each; a tapped client is not ours to publish to,
        // so the publisher makes room for it
        wiretapTab.selectedProperty().addListener((o, a, shown) -> {
            wiretapTab.setContent(shown ? inspector.root() : null);
            if (shown) {
                center.getItems().remove(publisherView.root());
            } else if (!center.getItems().contains(publisherView.root())) {
                center.getItems().add(publisherView.root());
                center.setDividerPositions(0.6);
            }
        });

        SplitPane main = new SplitPane(left, center);
        main.setDividerPositions(0.22);
        SplitPane.setResizableWithParent(left, false);

        BorderPane bp = new BorderPane(main);
        bp.setTop(header());
        bp.setBottom(statusBar());
        return bp;
    }

    private HBox header() {
        Label title = new Label();
        title.textProperty().bind(vm.titleProperty());
        title.getStyleClass().add("app-title");
        title.setGraphic(new FontIcon(Feather.ACTIVITY));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button paste = Controls.button("header.pasteBytes", Feather.CLIPBOARD);
        paste.setId("pasteBytesButton");
        paste.setOnAction(e -> PasteBytesView.open(stage));
        Button settingsButton = Controls.button("header.settings", Feather.SETTINGS);
        settingsButton.setId("settingsButton");
        settingsButton.setOnAction(e -> openSettings());
        Button theme = Controls.iconButton("header.toggleTheme", vm.settings().dark() ? Feather.SUN : Feather.MOON);
        theme.setId("themeButton");
        theme.setOnAction(e -> {
            UiSettings s = vm.settings();
            apply(new UiSettings(s.locale(), !s.dark(), s.maxMessages(), s.maxPackets(), s.defaultView()));
        });
        HBox h = new HBox(8, title, grow, paste, settingsButton, theme);
        h.setAlignment(Pos.CENTER_LEFT);
        h.setPadding(new Insets(6, 10, 6, 10));
        h.getStyleClass().add("app-header");
        return h;
    }

    private HBox statusBar() {
        Label state = new Label();
        state.setId("statusState");
        state.textProperty().bind(vm.statusStateProperty());
        Label rates = new Label();
        rates.setId("statusRates");
        rates.textProperty().bind(vm.statusRatesProperty());
        Label buffer = new Label();
        buffer.setId("statusBuffer");
        buffer.textProperty().bind(vm.statusBufferProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label settingsError = new Label();
        settingsError.setId("statusError");
        settingsError.getStyleClass().add("field-error");
        settingsError.textProperty().bind(vm.settingsErrorProperty());
        HBox h = new HBox(16, state, settingsError, grow, rates, buffer);
        h.setPadding(new Insets(3, 10, 3, 10));
        h.getStyleClass().add("status-bar");
        return h;
    }

    private void openSettings() {
        SettingsDialog.show(stage, vm.settings()).ifPresent(this::apply);
    }

    /**
     * Applies new settings: theme, language and limits take effect at once by rebuilding the window. The current
     * view model saves them, so a failure to write shows in the window that is on screen.
     */
    public void apply(UiSettings s) {
        UiSettings old = vm.settings();
        boolean rebuild = !old.locale().equals(s.locale()) || old.maxMessages() != s.maxMessages()
                || old.maxPackets() != s.maxPackets() || old.defaultView() != s.defaultView();
        if (!rebuild) {
            // a theme change keeps the window and its live connections
            ThemeSwitcher.apply(s.dark());
            ThemeSwitcher.style(stage.getScene(), s.dark());
            vm.setSettings(s);
            vm.saveSettings(s);
            return;
        }
        pump.stop();
        stage.titleProperty().unbind();
        vm.packetsShownProperty().unbind();
        vm.connections().shutdown();
        vm.wiretaps().shutdown();
        build(s);
        vm.saveSettings(s);
        pump.start();
    }

    public MainViewModel viewModel() {
        return vm;
    }

    public void selectPacketsTab() {
        tabs.getSelectionModel().select(1);
    }

    public void selectMessagesTab() {
        tabs.getSelectionModel().select(0);
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
