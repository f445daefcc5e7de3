package io.mqscope.ui.messages;

import io.mqscope.payload.PayloadFormat;
import io.mqscope.payload.TextCharset;
import io.mqscope.store.SearchTerm;
import io.mqscope.ui.Controls;
import io.mqscope.ui.I18n;
import java.io.File;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The payload viewer, one for the Messages tab and one for the Topics tab (issue 15): format and charset, the diff
 * against the previous message on the topic (or two selected), Protobuf files and the remembered decodings, search
 * hits marked, save to a file. Each tab has its own {@link PayloadViewModel}; {@code ids} tells the tabs' controls
 * apart ({@code payload}: {@code #payloadText}, {@code topicPayload}: {@code #topicPayloadText}).
 */
public final class PayloadPane {
    private final PayloadViewModel payload;
    private final Window owner;
    private final String ids;
    private final String decodeIds;
    private final ObservableValue<SearchTerm> highlight;
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper("");
    private final io.mqscope.ui.ViewListeners listeners;
    private final Node root;

    /**
     * @param highlight the search whose hits are marked in the payload (a constant "none" where there is none)
     * @param listeners the owning view's listeners, taken off the view models when that view is disposed
     */
    public PayloadPane(PayloadViewModel payload, Window owner, String ids, ObservableValue<SearchTerm> highlight,
                       io.mqscope.ui.ViewListeners listeners) {
        this.listeners = listeners;
        this.payload = payload;
        this.owner = owner;
        this.ids = ids;
        this.decodeIds = "payload".equals(ids) ? "decode" : ids.replace("Payload", "Decode");
        this.highlight = highlight;
        this.root = build();
    }

    public Node root() {
        return root;
    }

    /** The line over the payload: direction, topic, QoS, flags, size, time and properties of the shown message. */
    public void describe(String text) {
        description.set(text);
    }

    private Node build() {
        ChoiceBox<PayloadFormat> format = new ChoiceBox<>();
        format.setId(ids + "Format");
        format.getItems().addAll(PayloadFormat.values());
        format.setConverter(Controls.shownAs(f -> I18n.t("format." + f.name().toLowerCase(Locale.ROOT))));
        format.valueProperty().bindBidirectional(payload.formatProperty());
        ComboBox<TextCharset> charset = io.mqscope.ui.CharsetBox.create(ids + "Charset",
                payload.charsetProperty());
        Button save = Controls.iconButton("payload.save", Feather.SAVE);
        save.setOnAction(e -> saveToFile());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label title = new Label(I18n.t("payload.title"));
        title.getStyleClass().add("section-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        // an icon with a tooltip, like Save: the viewer's bar has no room for another word next to format and charset
        ToggleButton diff = new ToggleButton(null, new FontIcon(Feather.GIT_PULL_REQUEST));
        diff.setTooltip(new javafx.scene.control.Tooltip(I18n.t("payload.diff")));
        diff.setId(ids + "DiffToggle");
        diff.selectedProperty().bindBidirectional(payload.diff().shownProperty());
        HBox bar = new HBox(6, title, grow, diff, format, charset, save);
        bar.setAlignment(Pos.CENTER_LEFT);

        Label meta = new Label();
        meta.setId(ids + "Meta");
        meta.setWrapText(true);
        meta.getStyleClass().add("muted");
        meta.textProperty().bind(description);

        org.fxmisc.richtext.StyleClassedTextArea text = new org.fxmisc.richtext.StyleClassedTextArea();
        text.setId(ids + "Text");
        text.setEditable(false);
        text.setWrapText(true);
        text.getStyleClass().addAll("mono", "payload-view");
        // a new payload starts unstyled: replacing the text would otherwise give all of it the style of the old
        // text's first character (a search hit or a JSON colour there marked the whole next message)
        text.setUseInitialStyleForInsertion(true);
        Runnable render = () -> {
            String s = payload.textProperty().get();
            text.replaceText(s);
            if (payload.formatProperty().get() == PayloadFormat.JSON && !s.isEmpty()) {
                text.setStyleSpans(0, JsonHighlighter.spans(s));
            }
            SearchHighlight.mark(text, s, highlight.getValue());
        };
        // a view replaced by a new one (language switch) stays subscribed to the view model but off the scene: it
        // renders nothing (RichTextFX recurses without end laying out a detached, wrapping area)
        listeners.onChange(payload.textProperty(), (o, a, b) -> {
            if (text.getScene() != null) {
                render.run();
            }
        });
        listeners.onChange(payload.formatProperty(), (o, a, b) -> {
            if (text.getScene() != null) {
                render.run();
            }
        });
        listeners.onChange(highlight, (o, a, b) -> {
            if (text.getScene() != null) {
                render.run();
            }
        });
        render.run();
        // what changed while it was off the scene (a view made when its tab is first shown, before the tab's skin
        // has taken it in) is rendered when it joins one
        text.sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                render.run();
            }
        });
        // a hex dump is 16 bytes and their ASCII a line, never wrapped: the viewer is made wide enough for it, in the
        // packet inspector's font (issue 14 item 11)
        Runnable hexLayout = () -> {
            boolean hex = payload.formatProperty().get() == PayloadFormat.HEX;
            text.setWrapText(!hex);
            text.getStyleClass().remove("hex-dump");
            if (hex) {
                text.getStyleClass().add("hex-dump");
            }
        };
        listeners.onChange(payload.formatProperty(), (o, a, b) -> hexLayout.run());
        hexLayout.run();
        org.fxmisc.flowless.VirtualizedScrollPane<org.fxmisc.richtext.StyleClassedTextArea> textScroll =
                new org.fxmisc.flowless.VirtualizedScrollPane<>(text);
        VBox.setVgrow(textScroll, Priority.ALWAYS);

        Label truncated = new Label(I18n.t("payload.truncated", PayloadViewModel.TRUNCATE_AT / 1024));
        Button showAll = new Button(I18n.t("payload.showAll"));
        showAll.setOnAction(e -> payload.showAllProperty().set(true));
        Button saveAll = new Button(I18n.t("payload.saveAll"));
        saveAll.setOnAction(e -> saveToFile());
        HBox cut = new HBox(6, truncated, showAll, saveAll);
        cut.setAlignment(Pos.CENTER_LEFT);
        cut.getStyleClass().add("truncated-bar");
        cut.visibleProperty().bind(payload.truncatedProperty());
        cut.managedProperty().bind(payload.truncatedProperty());

        Label saveError = Controls.errorLabel();
        saveError.setId(ids + "SaveError");
        saveError.textProperty().bind(payload.saveErrorProperty());
        textScroll.visibleProperty().bind(payload.diff().shownProperty().not());
        StackPane shown = new StackPane(textScroll);
        // the diff is made when first shown (issue 17: hidden, it cost the first frame)
        Runnable makeDiff = () -> {
            io.mqscope.ui.diff.PayloadDiffView diffPane = new io.mqscope.ui.diff.PayloadDiffView(payload.diff(),
                    "payload".equals(ids) ? "" : ids);
            listeners.onDispose(diffPane::dispose);
            Node diffView = diffPane.root();
            diffView.visibleProperty().bind(payload.diff().shownProperty());
            shown.getChildren().add(diffView);
        };
        listeners.whenFirstTrue(payload.diff().shownProperty(), makeDiff);
        VBox.setVgrow(shown, Priority.ALWAYS);
        Label choicesError = Controls.errorLabel(); // the decoding.json kept across restarts (issue 16)
        choicesError.setId(ids + "ChoicesError");
        choicesError.textProperty().bind(payload.choicesStatusProperty());
        VBox box = new VBox(6, bar, decodingRow(), saveError, choicesError, meta, cut, shown);
        box.setPadding(new Insets(6));
        double hexWidth = io.mqscope.ui.packets.PacketDetailView.hexPaneMinWidth() + 12;
        box.minWidthProperty().bind(javafx.beans.binding.Bindings.when(
                payload.formatProperty().isEqualTo(PayloadFormat.HEX)).then(hexWidth).otherwise(0.0));
        return box;
    }

    /** Protobuf's files and type (while it is the format) and the topic filter a decoding is remembered for. */
    private Node decodingRow() {
        ProtoPickerView picker = new ProtoPickerView(payload.proto(), owner,
                payload.formatProperty().isEqualTo(PayloadFormat.PROTOBUF), ids);
        TextField filter = new TextField();
        filter.setId(decodeIds + "Filter");
        filter.setPromptText(I18n.t("payload.remember.prompt"));
        filter.textProperty().bindBidirectional(payload.rememberFilterProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        Button remember = Controls.button("payload.remember", Feather.BOOKMARK);
        remember.setId(decodeIds + "Remember");
        remember.setMinWidth(Region.USE_PREF_SIZE);
        Label done = new Label();
        done.getStyleClass().add("muted");
        done.managedProperty().bind(done.textProperty().isNotEmpty());
        done.visibleProperty().bind(done.managedProperty());
        remember.setOnAction(e -> done.setText(payload.remember()
                ? I18n.t("payload.remembered", payload.rememberFilterProperty().get().trim())
                : I18n.t("payload.remember.invalid")));
        HBox row = new HBox(6, filter, remember, done);
        row.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, picker.root(), row);
    }


    private void saveToFile() {
        FileChooser fc = new FileChooser();
        fc.setTitle(I18n.t("payload.save"));
        File f = fc.showSaveDialog(owner);
        if (f != null) {
            payload.saveTo(f);
        }
    }

}
