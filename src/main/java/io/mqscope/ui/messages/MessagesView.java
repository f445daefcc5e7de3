package io.mqscope.ui.messages;

import io.mqscope.session.MessageEvent;
import io.mqscope.ui.Controls;
import io.mqscope.ui.I18n;
import io.mqscope.ui.subscriptions.SubscriptionsViewModel;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Messages as chat bubbles (incoming left, outgoing right) or a dense table, with a payload viewer. */
public final class MessagesView {
    private final MessagesViewModel vm;
    private final PayloadViewModel payload;
    private final SubscriptionsViewModel subscriptions;
    /** The search row (issue 15), or null in views built without one. */
    private final HistorySearchViewModel search;
    private final Window owner;
    private final BorderPane root = new BorderPane();
    private final ListView<MessageRow> bubbles;
    /** The dense table, made when it is first shown (issue 17: hidden, it cost the first frame); null until then. */
    private TableView<MessageRow> table;
    private MessageSelection selection;
    private boolean scrollPending;
    private RestoredMark restored;
    private java.util.function.Consumer<MessageEvent> onChart;
    /** What this view listens to on the long-lived view models, taken off by {@link #dispose}. */
    private final io.mqscope.ui.ViewListeners listeners = new io.mqscope.ui.ViewListeners();

    public MessagesView(MessagesViewModel vm, PayloadViewModel payload, SubscriptionsViewModel subscriptions,
                        Window owner) {
        this(vm, payload, subscriptions, null, owner);
    }

    public MessagesView(MessagesViewModel vm, PayloadViewModel payload, SubscriptionsViewModel subscriptions,
                        HistorySearchViewModel search, Window owner) {
        this.search = search;
        this.vm = vm;
        this.payload = payload;
        this.subscriptions = subscriptions;
        this.owner = owner;
        this.bubbles = new ListView<>(vm.visible());
        createView();
        initListeners();
    }

    private void createView() {
        TextField topic = Controls.clearableField();
        topic.setId("messageTopicFilter");
        topic.setPromptText(I18n.t("messages.filter.topic"));
        topic.textProperty().bindBidirectional(vm.topicFilterProperty());
        TextField text = Controls.clearableField();
        text.setId("messageTextFilter");
        text.setPromptText(I18n.t("messages.filter.text"));
        text.textProperty().bindBidirectional(vm.textFilterProperty());
        HBox.setHgrow(topic, Priority.ALWAYS);
        HBox.setHgrow(text, Priority.ALWAYS);
        ToggleButton pause = new ToggleButton(I18n.t("messages.pause"), new FontIcon(Feather.PAUSE));
        pause.setId("messagesPause");
        pause.selectedProperty().bindBidirectional(vm.pausedProperty());
        ToggleButton dense = new ToggleButton(I18n.t("messages.table"), new FontIcon(Feather.LIST));
        dense.selectedProperty().bindBidirectional(vm.tableProperty());
        Button clear = Controls.button("messages.clear", Feather.TRASH_2);
        clear.setOnAction(e -> vm.clear());
        Label missed = new Label();
        missed.getStyleClass().add("muted");
        missed.textProperty().bind(Bindings.createStringBinding(() -> vm.missedWhilePausedProperty().get() == 0 ? ""
                : I18n.t("messages.missed", vm.missedWhilePausedProperty().get()), vm.missedWhilePausedProperty()));
        Button older = Controls.iconButton("messages.older", Feather.CHEVRON_LEFT);
        older.setId("olderButton");
        older.setOnAction(e -> vm.older());
        older.disableProperty().bind(vm.pageProperty().add(1).greaterThanOrEqualTo(vm.pagesProperty()));
        Button newer = Controls.iconButton("messages.newer", Feather.CHEVRON_RIGHT);
        newer.setOnAction(e -> vm.newer());
        newer.disableProperty().bind(vm.pageProperty().isEqualTo(0));
        Label pageLabel = new Label();
        pageLabel.getStyleClass().add("muted");
        pageLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.pageProperty().get() == 0 ? ""
                : I18n.t("messages.page", vm.pageProperty().get() + 1, vm.pagesProperty().get()),
                vm.pageProperty(), vm.pagesProperty()));
        HBox bar = new HBox(6, topic, text, pause, dense, clear, older, pageLabel, newer, missed);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6));
        Label topicError = Controls.errorLabel();
        topicError.textProperty().bind(vm.topicFilterErrorProperty());
        VBox top = new VBox(2, bar, topicError);
        if (search != null) {
            top.getChildren().add(1, new SearchBar(search, owner, listeners).root());
        }

        bubbles.setId("messageList");
        restored = new RestoredMark();
        bubbles.setCellFactory(l -> new BubbleCell(vm, subscriptions, restored));
        bubbles.getStyleClass().add("bubbles");
        bubbles.setPlaceholder(new Label(I18n.t("messages.none")));
        StackPane lists = new StackPane(bubbles);
        bubbles.visibleProperty().bind(vm.tableProperty().not());
        selection = new MessageSelection(bubbles, vm.tableProperty(), vm.selectedProperty(), payload.diff(),
                () -> onChart, listeners);
        listeners.whenFirstTrue(vm.tableProperty(), () -> lists.getChildren().add(table()));

        PayloadPane viewer = new PayloadPane(payload, owner, "payload", vm.highlightProperty(), listeners);
        listeners.onChange(vm.selectedProperty(), (o, a, m) -> viewer.describe(m == null ? "" : m.description()));
        SplitPane split = new SplitPane(lists, viewer.root());
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.6);
        root.setTop(top);
        root.setCenter(split);
    }

    private TableView<MessageRow> table() {
        table = new TableView<>(vm.visible());
        table.setId("messageTable");
        // fixed row height: the table never measures rows, which keeps refreshes cheap under a flood
        table.setFixedCellSize(28);
        table.setPlaceholder(new Label(I18n.t("messages.none")));
        table.getColumns().addAll(List.of(
                column("messages.col.time", 116, MessageRow::time),
                column("messages.col.dir", 45, MessageRow::arrow),
                column("messages.col.topic", 180, m -> m.event().topic()),
                column("messages.col.qos", 56, m -> Integer.toString(m.event().qos())),
                column("messages.col.flags", 60, MessageRow::flags),
                column("messages.col.size", 64, MessageRow::size),
                column("messages.col.payload", 300, MessageRow::preview)));
        // the columns fill the table, the payload takes what is left: its column is never pushed out of view and
        // no header is cut short (issue 14 item 13)
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().forEach(c -> c.setMinWidth(c.getPrefWidth()));
        table.getColumns().get(2).setMinWidth(100);
        table.getColumns().get(6).setMinWidth(100);
        table.setRowFactory(t -> SearchHighlight.tableRow(vm, restored));
        table.visibleProperty().bind(vm.tableProperty());
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedProperty().set(b);
            }
        });
        selection.table(table);
        // where the list was: at the selected message, else at the newest when following
        int at = vm.selectedProperty().get() != null ? vm.visible().indexOf(vm.selectedProperty().get())
                : !vm.pausedProperty().get() && vm.pageProperty().get() == 0 ? vm.visible().size() - 1 : -1;
        if (at >= 0) {
            table.scrollTo(at);
        }
        return table;
    }

    private static TableColumn<MessageRow, String> column(String key, double width,
                                                         java.util.function.Function<MessageRow, String> f) {
        TableColumn<MessageRow, String> c = new TableColumn<>(I18n.t(key));
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(d -> new javafx.beans.property.SimpleStringProperty(f.apply(d.getValue())));
        return c;
    }

    private void initListeners() {
        // follow the newest message like a chat, unless the view is paused or showing older pages
        // (after the list's skin has seen the change: at most one pending scroll, at most once per refresh)
        listeners.onListChange(vm.visible(), c -> {
            if (!scrollPending && !vm.pausedProperty().get() && vm.pageProperty().get() == 0) {
                scrollPending = true;
                javafx.application.Platform.runLater(() -> {
                    scrollPending = false;
                    int last = vm.visible().size() - 1;
                    if (last >= 0) {
                        if (vm.tableProperty().get() && table != null) {
                            table.scrollTo(last);
                        } else {
                            bubbles.scrollTo(last);
                        }
                    }
                });
            }
        });
        bubbles.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedProperty().set(b);
            }
        });
    }

    public Node root() {
        return root;
    }

    /** Takes this view's listeners off the view models (the window was built again, e.g. in another language). */
    public void dispose() {
        listeners.dispose();
    }

    /** What "Chart this value…" in a message's context menu does (the main window opens the Charts tab). */
    public void setOnChart(java.util.function.Consumer<MessageEvent> c) {
        onChart = c;
    }
}
