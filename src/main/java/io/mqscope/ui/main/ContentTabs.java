package io.mqscope.ui.main;

import io.mqscope.ui.I18n;
import io.mqscope.ui.capture.CaptureView;
import io.mqscope.ui.capture.CaptureViewModel;
import io.mqscope.ui.chart.ChartView;
import io.mqscope.ui.connections.ConnectionLogView;
import io.mqscope.ui.insights.InsightsView;
import io.mqscope.ui.messages.MessagesView;
import io.mqscope.ui.packets.PacketsView;
import io.mqscope.ui.tree.TopicTreeView;
import io.mqscope.ui.wiretap.TapClientRow;
import io.mqscope.ui.wiretap.TapInspectorView;
import java.util.function.Consumer;
import javafx.beans.value.ChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The main window's content tabs (Messages, Packets, Topics, Charts, Insights, Wiretap, Connection log, Capture) and
 * what switches between them: a chart asked for, an insight's packet, a tapped client, a capture selected. Kept apart
 * from the window's frame because a language switch makes these again over the same view model, and the listeners
 * they put on it must go with them ({@link #dispose()}).
 */
final class ContentTabs {
    private final MainViewModel vm;
    private final Stage stage;
    private final TabPane tabs;
    private final MessagesView messagesView;
    // made when their tab is first shown; null until then
    private PacketsView packetsView;
    private ConnectionLogView logView;
    private TapInspectorView inspector;
    private TopicTreeView topicTree;
    private ChartView chart;
    private final Tab packetsTab;
    private final Tab wiretapTab;
    private final Tab captureTab;
    private final ChangeListener<TapClientRow> showTappedClient;
    private final ChangeListener<CaptureViewModel> showCapture;
    private CaptureView captureView;

    ContentTabs(MainViewModel vm, Stage stage) {
        this.vm = vm;
        this.stage = stage;
        messagesView = new MessagesView(vm.messages(), vm.payload(), vm.subscriptions(), vm.search(),
                stage);
        Tab messagesTab = tab("tab.messages", Feather.MESSAGE_SQUARE, "messagesTab");
        messagesTab.setContent(messagesView.root());
        // The other tabs get their views when first shown (issue 17: the window's first frame comes sooner by what
        // building, styling and laying out six hidden views cost); their view models run from the start.
        packetsTab = tab("tab.packets", Feather.LAYERS, "packetsTab");
        onFirstShow(packetsTab, () -> {
            packetsView = new PacketsView(vm.packets(), stage);
            packetsTab.setContent(packetsView.root());
        });
        wiretapTab = tab("tab.wiretap", Feather.RADIO, "wiretapTab");
        Tab logTab = tab("tab.connectionLog", Feather.LIST, "connectionLogTab");
        onFirstShow(logTab, () -> {
            logView = new ConnectionLogView(vm.connectionLog());
            logTab.setContent(logView.root());
        });
        Tab topicsTab = tab("tab.topics", Feather.GIT_MERGE, "topicsTab");
        onFirstShow(topicsTab, () -> {
            topicTree = new TopicTreeView(vm.topics(), stage);
            topicsTab.setContent(topicTree.root());
        });
        Tab chartsTab = tab("tab.charts", Feather.TRENDING_UP, "chartsTab");
        onFirstShow(chartsTab, () -> {
            chart = new ChartView(vm.charts(), stage);
            chartsTab.setContent(chart.root());
        });
        Tab insightsTab = tab("tab.insights", Feather.ACTIVITY, "insightsTab");
        onFirstShow(insightsTab, () -> insightsTab.setContent(new InsightsView(vm.insights()).root()));
        captureTab = tab("tab.capture", Feather.FOLDER, "captureTab");
        captureTab.setTooltip(new Tooltip(I18n.t("capture.readOnly")));
        tabs = new TabPane(messagesTab, packetsTab, topicsTab, chartsTab, insightsTab, wiretapTab, logTab,
                captureTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        messagesView.setOnChart(m -> {
            if (ChartView.chartValue(stage, vm.charts(), m)) {
                tabs.getSelectionModel().select(chartsTab);
            }
        });
        // an insight opens its packet in the Packets tab (the tab first: its list fills when it is shown); a
        // capture's insight its conversation and packet in the Capture tab
        vm.insights().setJump(ref -> {
            if (vm.captures().shownProperty().get() != null) {
                tabs.getSelectionModel().select(captureTab);
                vm.captures().reveal(ref);
                return;
            }
            tabs.getSelectionModel().select(packetsTab);
            vm.packets().reveal(ref.conn(), ref.from(), ref.index());
        });
        showTappedClient = (o, a, c) -> {
            if (c != null) {
                tabs.getSelectionModel().select(wiretapTab);
            }
        };
        vm.wiretaps().selectedClientProperty().addListener(showTappedClient);
        showCapture = (o, a, c) -> showCapture(c);
        vm.captures().shownProperty().addListener(showCapture);
        vm.packetsShownProperty().bind(packetsTab.selectedProperty());
        vm.topics().shownProperty().unbind();
        vm.topics().shownProperty().bind(topicsTab.selectedProperty());

        // the inspector reuses the Packets views with their node ids: it joins the scene only while its tab is
        // shown, so that #packetTable and #hexDump name one node each
        wiretapTab.selectedProperty().addListener((o, a, shown) -> {
            if (shown && inspector == null) {
                inspector = new TapInspectorView(vm.wiretaps().inspector(), stage);
            }
            wiretapTab.setContent(shown ? inspector.root() : null);
        });
        // the Capture tab: the Packets inspector on the conversation selected in a capture's group of the
        // Connections list (issue 12); its content made for the capture shown, and only while the tab is
        captureTab.selectedProperty().addListener((o, a, shown) -> {
            CaptureViewModel c = vm.captures().shownProperty().get();
            showCaptureContent(!shown ? null : c);
            if (shown && c == null) {
                captureTab.setContent(new Label(I18n.t("capture.openHint")));
            }
        });
    }

    /** The Capture tab shows {@code c} (none: empty); the view it showed before lets go of its view model. */
    private void showCaptureContent(CaptureViewModel c) {
        if (captureView != null) {
            captureView.dispose();
            captureView = null;
        }
        if (c != null) {
            captureView = new CaptureView(c, stage);
        }
        captureTab.setContent(captureView == null ? null : captureView.root());
    }

    /** Runs {@code make} the first time {@code tab} is selected (at once if it already is). */
    private static void onFirstShow(Tab tab, Runnable make) {
        ChangeListener<Boolean> first = new ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean shown) {
                if (shown) {
                    tab.selectedProperty().removeListener(this);
                    make.run();
                }
            }
        };
        tab.selectedProperty().addListener(first);
        if (tab.isSelected()) {
            first.changed(tab.selectedProperty(), false, true);
        }
    }

    private static Tab tab(String key, Feather icon, String id) {
        Tab t = new Tab(I18n.t(key));
        t.setGraphic(new FontIcon(icon));
        t.setId(id);
        return t;
    }

    /** A capture selected in the Connections list is shown at once; none selected leaves its tab. */
    private void showCapture(CaptureViewModel c) {
        if (c == null) {
            if (captureTab.isSelected()) {
                tabs.getSelectionModel().select(0); // a connection was selected, or the capture closed
            }
        } else if (captureTab.isSelected()) {
            showCaptureContent(c);
        } else {
            tabs.getSelectionModel().select(captureTab);
        }
    }

    /**
     * Tells {@code shown} whether a tapped client or a capture is on screen (after its content is set): neither is
     * ours to publish to, so the window makes the publisher give way.
     */
    void onReadOnly(Consumer<Boolean> shown) {
        wiretapTab.selectedProperty().addListener((o, a, s) -> shown.accept(s));
        captureTab.selectedProperty().addListener((o, a, s) -> shown.accept(s));
    }

    /** Lets go of the shared view model: a language switch makes new tabs over it and drops these. */
    void dispose() {
        vm.wiretaps().selectedClientProperty().removeListener(showTappedClient);
        vm.captures().shownProperty().removeListener(showCapture);
        vm.packetsShownProperty().unbind();
        messagesView.dispose();
        if (packetsView != null) {
            packetsView.dispose();
        }
        if (logView != null) {
            logView.dispose();
        }
        if (inspector != null) {
            inspector.dispose();
        }
        if (topicTree != null) {
            topicTree.dispose();
        }
        if (chart != null) {
            chart.dispose();
        }
        showCaptureContent(null);
    }

    TabPane pane() {
        return tabs;
    }

    Tab packetsTab() {
        return packetsTab;
    }

    int selectedIndex() {
        return tabs.getSelectionModel().getSelectedIndex();
    }

    void select(int index) {
        tabs.getSelectionModel().select(index);
    }

    void select(String id) {
        tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst()
                .ifPresent(tabs.getSelectionModel()::select);
    }
}
