package io.mqscope.ui.publisher;

import io.mqscope.payload.PayloadFormat;
import io.mqscope.payload.TextCharset;
import io.mqscope.ui.Controls;
import io.mqscope.ui.I18n;
import io.mqscope.ui.messages.ProtoPickerView;
import java.io.File;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The publisher at the bottom of the window. Ctrl+Enter sends. */
public final class PublisherView {
    private final PublisherViewModel vm;
    private final Window owner;
    private final VBox root = new VBox(6);
    /** What this view listens to on its long-lived view model, taken off by {@link #dispose}. */
    private final io.mqscope.ui.ViewListeners listeners = new io.mqscope.ui.ViewListeners();
    private final StyleClassedTextArea payload = new StyleClassedTextArea();
    private final javafx.beans.property.BooleanProperty collapsed =
            new javafx.beans.property.SimpleBooleanProperty();

    public PublisherView(PublisherViewModel vm, Window owner) {
        this.vm = vm;
        this.owner = owner;
        createView();
        initListeners();
    }

    private void createView() {
        TextField topic = new TextField();
        topic.setId("publishTopic");
        topic.setPromptText(I18n.t("publisher.topic.prompt"));
        topic.textProperty().bindBidirectional(vm.topicProperty());
        HBox.setHgrow(topic, Priority.ALWAYS);
        ChoiceBox<Integer> qos = new ChoiceBox<>();
        qos.setId("publishQos");
        qos.getItems().addAll(0, 1, 2);
        qos.setValue(0);
        qos.valueProperty().addListener((o, a, b) -> vm.qosProperty().set(b));
        listeners.onChange(vm.qosProperty(), (o, a, b) -> qos.setValue(b.intValue())); // a template sets the QoS too
        qos.setConverter(Controls.shownAs(q -> "QoS " + q));
        CheckBox retain = new CheckBox(I18n.t("publisher.retain"));
        retain.selectedProperty().bindBidirectional(vm.retainProperty());

        ToggleGroup modes = new ToggleGroup();
        HBox modeBox = new HBox();
        modeBox.getStyleClass().add("segmented");
        for (PayloadFormat f : PayloadFormat.values()) {
            ToggleButton b = new ToggleButton(I18n.t("format." + f.name().toLowerCase(Locale.ROOT)));
            b.setId("mode" + f.name());
            b.setUserData(f);
            b.setToggleGroup(modes);
            b.setMinWidth(Region.USE_PREF_SIZE); // the labels stay whole; the combo boxes give way first
            b.setSelected(f == vm.formatProperty().get());
            modeBox.getChildren().add(b);
        }
        modes.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
            } else {
                vm.formatProperty().set((PayloadFormat) b.getUserData());
            }
        });
        // selecting the matching toggle deselects the other at once: no moment without a selection, which the
        // listener above would undo (two views of one publisher, as after a language switch, fought that way)
        listeners.onChange(vm.formatProperty(), (o, a, f) -> modes.getToggles().stream()
                .filter(t -> t.getUserData() == f).findFirst().ifPresent(modes::selectToggle));
        ComboBox<TextCharset> charset = io.mqscope.ui.CharsetBox.create("publishCharset", vm.charsetProperty());
        Button format = Controls.iconButton("publisher.format", Feather.ALIGN_LEFT);
        format.setOnAction(e -> vm.format());
        // CBOR and MessagePack are typed as JSON too
        format.visibleProperty().bind(vm.formatProperty().isEqualTo(PayloadFormat.JSON)
                .or(vm.formatProperty().isEqualTo(PayloadFormat.CBOR))
                .or(vm.formatProperty().isEqualTo(PayloadFormat.MSGPACK))
                .or(vm.formatProperty().isEqualTo(PayloadFormat.PROTOBUF))
                .or(vm.formatProperty().isEqualTo(PayloadFormat.SPARKPLUG)));
        format.managedProperty().bind(format.visibleProperty());
        Button minify = Controls.iconButton("publisher.minify", Feather.MINIMIZE_2);
        minify.setOnAction(e -> vm.minify());
        minify.visibleProperty().bind(format.visibleProperty());
        minify.managedProperty().bind(format.visibleProperty());
        Button file = Controls.iconButton("publisher.fromFile", Feather.PAPERCLIP);
        file.setOnAction(e -> loadFile());
        ComboBox<PublisherViewModel.Sent> history = new ComboBox<>(vm.history());
        history.setPromptText(I18n.t("publisher.history"));
        history.setPrefWidth(160);
        history.setOnAction(e -> {
            PublisherViewModel.Sent s = history.getValue();
            if (s != null) {
                vm.restore(s);
                javafx.application.Platform.runLater(() -> history.getSelectionModel().clearSelection());
            }
        });
        Button send = Controls.button("publisher.send", Feather.SEND);
        send.setMinWidth(Region.USE_PREF_SIZE);
        send.setId("sendButton");
        send.getStyleClass().add("accent");
        send.disableProperty().bind(vm.canSendProperty().not());
        send.setOnAction(e -> vm.send());

        ToggleButton collapse = new ToggleButton();
        collapse.setId("publisherCollapse");
        collapse.getStyleClass().add("button-icon");
        collapse.selectedProperty().bindBidirectional(collapsed);
        collapse.graphicProperty().bind(javafx.beans.binding.Bindings.when(collapsed)
                .then(new FontIcon(Feather.CHEVRON_UP)).otherwise(new FontIcon(Feather.CHEVRON_DOWN)));
        collapse.setTooltip(new javafx.scene.control.Tooltip(I18n.t("publisher.collapse")));
        Button sendShort = Controls.iconButton("publisher.send", Feather.SEND);
        sendShort.setId("sendShortButton");
        sendShort.disableProperty().bind(vm.canSendProperty().not());
        sendShort.setOnAction(e -> vm.send());
        sendShort.visibleProperty().bind(collapsed);
        sendShort.managedProperty().bind(collapsed);
        HBox row1 = new HBox(8, collapse, topic, qos, retain, sendShort);
        row1.setAlignment(Pos.CENTER_LEFT);
        // one line kept for the topic's error whether or not there is one: its coming and going moves nothing
        // (issue 14 item 10); the whole text is in the tooltip should the line be too narrow
        Label topicError = new Label();
        topicError.getStyleClass().add("field-error");
        topicError.setId("topicError");
        topicError.textProperty().bind(javafx.beans.binding.Bindings.when(vm.topicErrorProperty().isEmpty())
                .then("\u00a0").otherwise(vm.topicErrorProperty()));
        topicError.tooltipProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(() ->
                vm.topicErrorProperty().get().isEmpty() ? null
                        : new javafx.scene.control.Tooltip(vm.topicErrorProperty().get()), vm.topicErrorProperty()));
        topicError.setMinHeight(Region.USE_PREF_SIZE);
        // wraps where the window is narrow: with eight payload formats (and Chinese labels) one row would be wider
        // than the window and push the header's buttons off screen
        javafx.scene.layout.FlowPane row2 = new javafx.scene.layout.FlowPane(8, 4, modeBox, charset, format, minify,
                file, history, send);
        row2.setAlignment(Pos.CENTER_LEFT);

        payload.setId("publishPayload");
        payload.getStyleClass().addAll("payload-editor", "mono");
        payload.setWrapText(true);
        // a large file is sent as read, not shown: the empty editor says which one (issue 16)
        Label attached = new Label();
        attached.setId("payloadAttachedFile");
        attached.setWrapText(true);
        attached.getStyleClass().add("muted");
        attached.textProperty().bind(vm.attachedFileProperty());
        payload.setPlaceholder(attached);
        VirtualizedScrollPane<StyleClassedTextArea> scroll = new VirtualizedScrollPane<>(payload);
        scroll.setPrefHeight(90);
        scroll.setMinHeight(72);
        scroll.getStyleClass().add("payload-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        Label payloadError = Controls.errorLabel();
        payloadError.setId("payloadError");
        payloadError.textProperty().bind(vm.payloadErrorProperty());

        TitledPane props = Controls.fold(I18n.t("publisher.mqtt5"), this::propertiesGrid);
        props.visibleProperty().bind(vm.mqtt5Property());
        props.managedProperty().bind(vm.mqtt5Property());

        Label status = new Label();
        status.setId("publishStatus");
        status.getStyleClass().add("muted");
        status.textProperty().bind(vm.statusProperty());

        root.getChildren().addAll(row1, topicError, row2, scroll, payloadError, props, status);
        // templates and the timer side by side: collapsed they take one line of the publisher's height
        TitledPane templatesPane = PublishExtras.templatesPane(vm, owner);
        TitledPane timedPane = PublishExtras.timedPane(vm);
        HBox.setHgrow(templatesPane, Priority.ALWAYS);
        HBox.setHgrow(timedPane, Priority.ALWAYS);
        // their rows must not widen the window: collapsed they need only their titles
        templatesPane.setMinWidth(0);
        timedPane.setMinWidth(0);
        HBox more = new HBox(6, templatesPane, timedPane);
        more.setAlignment(Pos.TOP_LEFT);
        // Protobuf's .proto files and message type, under the format buttons while Protobuf is chosen (in a box
        // of its own: its visibility is bound to the format, the box's follows the fold)
        Node proto = new VBox(new ProtoPickerView(vm.proto(), owner,
                vm.formatProperty().isEqualTo(PayloadFormat.PROTOBUF), "publish").root());
        root.getChildren().add(root.getChildren().indexOf(props) + 1, more);
        root.getChildren().add(root.getChildren().indexOf(row2) + 1, proto);
        // collapsed: the topic line only (issue 14 item 8); the rest keeps its state
        for (Node n : List.of(topicError, row2, proto, scroll, payloadError, props, more, status)) {
            Runnable apply = () -> {
                n.setVisible(!collapsed.get() && !(n == props && !vm.mqtt5Property().get())
                        && !(n == payloadError && vm.payloadErrorProperty().get().isEmpty()));
                n.setManaged(n.isVisible());
            };
            if (n == props) {
                props.visibleProperty().unbind();
                props.managedProperty().unbind();
                listeners.onChange(vm.mqtt5Property(), (o, a, b) -> apply.run());
            }
            if (n == payloadError) {
                payloadError.visibleProperty().unbind();
                payloadError.managedProperty().unbind();
                listeners.onChange(vm.payloadErrorProperty(), (o, a, b) -> apply.run());
            }
            collapsed.addListener((o, a, b) -> apply.run());
            apply.run();
        }
        root.setPadding(new Insets(8));
        root.getStyleClass().add("publisher");
    }

    private GridPane propertiesGrid() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(4);
        TextField ct = new TextField();
        ct.textProperty().bindBidirectional(vm.contentTypeProperty());
        TextField rt = new TextField();
        rt.textProperty().bindBidirectional(vm.responseTopicProperty());
        TextField cd = new TextField();
        cd.setPromptText(I18n.t("publisher.correlation.prompt"));
        cd.textProperty().bindBidirectional(vm.correlationDataProperty());
        TextField exp = new TextField();
        exp.textProperty().bindBidirectional(vm.messageExpiryProperty());
        CheckBox utf8 = new CheckBox(I18n.t("publisher.payloadIsUtf8"));
        utf8.selectedProperty().bindBidirectional(vm.payloadIsUtf8Property());
        TextArea ups = new TextArea();
        ups.setPromptText(I18n.t("publisher.userProperties.prompt"));
        ups.setPrefRowCount(2);
        ups.textProperty().bindBidirectional(vm.userPropertiesProperty());
        g.addRow(0, new Label(I18n.t("publisher.contentType")), ct, new Label(I18n.t("publisher.responseTopic")), rt);
        g.addRow(1, new Label(I18n.t("publisher.correlation")), cd, new Label(I18n.t("publisher.expiry")), exp);
        g.addRow(2, new Label(I18n.t("publisher.userProperties")), ups, utf8);
        Label err = Controls.errorLabel();
        err.textProperty().bind(vm.propertiesErrorProperty());
        g.add(err, 0, 3, 4, 1);
        return g;
    }


    private void initListeners() {
        payload.textProperty().addListener((o, a, b) -> {
            if (!b.equals(vm.payloadProperty().get())) {
                vm.payloadProperty().set(b);
            }
        });
        listeners.onChange(vm.payloadProperty(), (o, a, b) -> {
            // off the scene (replaced by a view in another language): nothing to show
            if (payload.getScene() != null && !b.equals(payload.getText())) {
                payload.replaceText(b);
            }
        });
        listeners.onChange(vm.payloadErrorPositionProperty(), (o, a, b) -> underline());
        listeners.onChange(vm.payloadErrorProperty(), (o, a, b) -> underline());
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                vm.send();
                e.consume();
            }
        });
    }

    /** Underlines the bad character (or the end of the text when the error is "missing here"). */
    private void underline() {
        int len = payload.getLength();
        if (len == 0) {
            return;
        }
        payload.clearStyle(0, len);
        int p = vm.payloadErrorPositionProperty().get();
        if (p < 0) {
            return;
        }
        int from = Math.min(p, len - 1);
        payload.setStyle(from, from + 1, List.of("bad-char"));
    }

    private void loadFile() {
        FileChooser fc = new FileChooser();
        fc.setTitle(I18n.t("publisher.fromFile"));
        File f = fc.showOpenDialog(owner);
        if (f != null) {
            vm.loadFile(f);
        }
    }

    /** Whether only the topic line shows (the Packets tab collapses it; the chevron toggles it). */
    public javafx.beans.property.BooleanProperty collapsedProperty() {
        return collapsed;
    }

    /** Takes this view's listeners off its view model (the window was built again, e.g. in another language). */
    public void dispose() {
        listeners.dispose();
    }

    public Region root() {
        return root;
    }
}
