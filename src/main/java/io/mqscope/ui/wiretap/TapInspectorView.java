package io.mqscope.ui.wiretap;

import io.mqscope.ui.I18n;
import io.mqscope.ui.packets.PacketsView;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The selected tapped client: a verdict banner when it ended badly, then the Packets inspector itself
 * ({@link PacketsView} on the client's packets: table, hex dump, fields, findings, diagnosis), and below it the HTTP
 * upgrade exchange and the WebSocket messages.
 */
public final class TapInspectorView {
    private final TapInspectorViewModel vm;
    private final BorderPane root = new BorderPane();
    private final io.mqscope.ui.ViewListeners listeners = new io.mqscope.ui.ViewListeners();
    private PacketsView packets;

    public TapInspectorView(TapInspectorViewModel vm, Window owner) {
        this.vm = vm;
        createView(owner);
    }

    private void createView(Window owner) {
        Label title = new Label();
        title.setId("tapClientTitle");
        title.getStyleClass().add("section-title");
        title.textProperty().bind(vm.titleProperty());
        Label verdict = new Label();
        verdict.setId("verdictBanner");
        verdict.setGraphic(new FontIcon(Feather.ALERT_OCTAGON));
        verdict.getStyleClass().add("verdict-banner");
        verdict.setWrapText(true);
        verdict.setMaxWidth(Double.MAX_VALUE);
        verdict.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        verdict.textProperty().bind(vm.verdictProperty());
        verdict.visibleProperty().bind(vm.verdictProperty().isNotEmpty());
        verdict.managedProperty().bind(vm.verdictProperty().isNotEmpty());
        // what the conversation doctor found about this client, shown only when it found something
        Node insights = new io.mqscope.ui.insights.InsightsView(vm.insights(), "tapInsightsList").root();
        insights.setId("tapInsights");
        ((javafx.scene.layout.Region) insights).setMaxHeight(140);
        insights.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.insights().rows()));
        insights.managedProperty().bind(insights.visibleProperty());
        // the whole wiretap's insights, across its clients (a takeover names two), each opening its client's packet
        Label allTitle = new Label(I18n.t("wiretap.insights.all"));
        allTitle.getStyleClass().add("muted");
        Node all = new io.mqscope.ui.insights.InsightsView(vm.tapInsights(), "tapWideInsightsList").root();
        ((javafx.scene.layout.Region) all).setMaxHeight(160);
        VBox wide = new VBox(2, allTitle, all);
        wide.setId("tapWideInsights");
        wide.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.tapInsights().rows()));
        wide.managedProperty().bind(wide.visibleProperty());
        VBox top = new VBox(4, wide, title, verdict, insights);
        top.setPadding(new Insets(6, 6, 0, 6));

        packets = new PacketsView(vm.packets(), owner);
        TextArea http = new TextArea();
        http.setId("httpExchange");
        http.setEditable(false);
        http.getStyleClass().add("mono");
        http.textProperty().bind(vm.httpProperty());
        http.setPromptText(I18n.t("wiretap.http.none"));
        ListView<String> messages = new ListView<>(vm.messages());
        messages.setId("wsMessages");
        messages.getStyleClass().add("mono");
        messages.setFixedCellSize(24);
        messages.setPlaceholder(new Label(I18n.t("wiretap.messages.none")));
        Tab messagesTab = new Tab(I18n.t("wiretap.messages"), messages);
        Tab httpTab = new Tab(I18n.t("wiretap.http"), http);
        TabPane below = new TabPane(messagesTab, httpTab);
        below.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        below.setMinHeight(70);
        SplitPane split = new SplitPane(packets.root());
        split.setOrientation(Orientation.VERTICAL);
        // a byte-stream client has no upgrade and no messages: its packets get the whole height
        Runnable layout = () -> {
            if (vm.webSocketProperty().get() && !split.getItems().contains(below)) {
                split.getItems().add(below);
                split.setDividerPositions(0.72);
            } else if (!vm.webSocketProperty().get()) {
                split.getItems().remove(below);
            }
        };
        listeners.onChange(vm.webSocketProperty(), (o, a, b) -> layout.run());
        root.setTop(top);
        root.setCenter(split);
    }

    /** Takes this view's listeners off the inspector's view model, which a language switch keeps. */
    public void dispose() {
        listeners.dispose();
        packets.dispose();
    }

    public Node root() {
        return root;
    }
}
