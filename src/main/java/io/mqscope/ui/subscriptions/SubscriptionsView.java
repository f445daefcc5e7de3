package io.mqscope.ui.subscriptions;

import io.mqscope.ui.Controls;
import io.mqscope.ui.I18n;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Subscriptions of the active connection. */
public final class SubscriptionsView {
    private final SubscriptionsViewModel vm;
    private final VBox root = new VBox(6);
    /** What this view listens to on its long-lived view model, taken off by {@link #dispose}. */
    private final io.mqscope.ui.ViewListeners listeners = new io.mqscope.ui.ViewListeners();

    public SubscriptionsView(SubscriptionsViewModel vm) {
        this.vm = vm;
        createView();
    }

    private void createView() {
        Label title = new Label(I18n.t("subscriptions.title"));
        title.getStyleClass().add("section-title");

        TextField filter = new TextField();
        filter.setId("subscriptionFilter");
        filter.setPromptText(I18n.t("subscriptions.filter.prompt"));
        filter.textProperty().bindBidirectional(vm.filterProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        filter.setMinWidth(100);
        ChoiceBox<Integer> qos = new ChoiceBox<>();
        qos.getItems().addAll(0, 1, 2);
        qos.setValue(vm.qosProperty().get());
        qos.valueProperty().addListener((o, a, b) -> vm.qosProperty().set(b));
        qos.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Integer q) {
                return q == null ? "" : "QoS " + q;
            }

            @Override
            public Integer fromString(String s) {
                return Integer.valueOf(s.substring(4));
            }
        });
        qos.setPrefWidth(84);
        qos.setMinWidth(84);
        ColorPicker color = new ColorPicker(Color.web(vm.colorProperty().get()));
        color.getStyleClass().add("button");
        color.setMaxWidth(44);
        color.valueProperty().addListener((o, a, b) -> vm.colorProperty().set(toHex(b)));
        listeners.onChange(vm.colorProperty(), (o, a, b) -> color.setValue(Color.web(b)));
        Button add = Controls.button("subscriptions.add", Feather.PLUS);
        add.setId("subscribeButton");
        add.setOnAction(e -> vm.add());
        filter.setOnAction(e -> vm.add());
        filter.setMaxWidth(Double.MAX_VALUE);
        HBox row = new HBox(4, qos, color, add);
        row.setAlignment(Pos.CENTER_LEFT);

        CheckBox noLocal = new CheckBox(I18n.t("subscriptions.noLocal"));
        noLocal.selectedProperty().bindBidirectional(vm.noLocalProperty());
        CheckBox rap = new CheckBox(I18n.t("subscriptions.retainAsPublished"));
        rap.selectedProperty().bindBidirectional(vm.retainAsPublishedProperty());
        ChoiceBox<Integer> rh = new ChoiceBox<>();
        rh.getItems().addAll(0, 1, 2);
        rh.setValue(0);
        rh.valueProperty().addListener((o, a, b) -> vm.retainHandlingProperty().set(b));
        HBox rhBox = new HBox(6, new Label(I18n.t("subscriptions.retainHandling")), rh);
        rhBox.setAlignment(Pos.CENTER_LEFT);
        TitledPane v5 = new TitledPane(I18n.t("subscriptions.mqtt5"), new VBox(4, noLocal, rap, rhBox));
        v5.setExpanded(false);
        v5.getStyleClass().add("dense");

        Label error = Controls.errorLabel();
        error.setId("subscriptionError");
        error.textProperty().bind(vm.filterErrorProperty());

        ListView<SubscriptionRow> list = new ListView<>(vm.rows());
        list.setId("subscriptionList");
        list.setCellFactory(l -> new RowCell());
        VBox.setVgrow(list, Priority.ALWAYS);
        list.setPlaceholder(new Label(I18n.t("subscriptions.none")));

        Label status = new Label();
        status.getStyleClass().add("muted");
        status.textProperty().bind(vm.statusProperty());
        status.setWrapText(true);

        root.getChildren().addAll(title, filter, row, error, v5, list, status);
        root.setPadding(new Insets(8));
    }

    static String toHex(Color c) {
        return String.format("#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255));
    }

    /** Takes this view's listeners off its view model (the window was built again, e.g. in another language). */
    public void dispose() {
        listeners.dispose();
    }

    public Node root() {
        return root;
    }

    private final class RowCell extends ListCell<SubscriptionRow> {
        private final Rectangle tag = new Rectangle(4, 28);
        private final Label filter = new Label();
        private final Label meta = new Label();
        private final ToggleButton mute = new ToggleButton();
        private final Button remove = new Button();
        private final HBox box;

        RowCell() {
            filter.getStyleClass().add("mono");
            meta.getStyleClass().add("muted");
            mute.setGraphic(new FontIcon(Feather.EYE_OFF));
            mute.setTooltip(new javafx.scene.control.Tooltip(I18n.t("subscriptions.mute")));
            mute.getStyleClass().addAll("button-icon", "small");
            remove.setGraphic(new FontIcon(Feather.X));
            remove.setTooltip(new javafx.scene.control.Tooltip(I18n.t("subscriptions.unsubscribe")));
            remove.getStyleClass().addAll("button-icon", "small");
            Region grow = new Region();
            HBox.setHgrow(grow, Priority.ALWAYS);
            box = new HBox(8, tag, new VBox(1, filter, meta), grow, mute, remove);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(SubscriptionRow r, boolean empty) {
            super.updateItem(r, empty);
            meta.textProperty().unbind();
            if (getUserData() instanceof SubscriptionRow old) {
                mute.selectedProperty().unbindBidirectional(old.mutedProperty());
            }
            setUserData(null);
            if (empty || r == null) {
                setGraphic(null);
                return;
            }
            setUserData(r);
            tag.setFill(Color.web(r.subscription().color() == null ? "#888888" : r.subscription().color()));
            filter.setText(r.filter());
            meta.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> I18n.t(
                    "subscriptions.meta", r.subscription().qos(), r.countProperty().get()), r.countProperty()));
            mute.selectedProperty().bindBidirectional(r.mutedProperty());
            remove.setOnAction(e -> vm.unsubscribe(r));
            setGraphic(box);
        }
    }
}
