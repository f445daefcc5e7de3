package io.mqscope.ui.messages;

import io.mqscope.payload.PayloadCodec;
import io.mqscope.payload.PayloadFormat;
import io.mqscope.payload.PayloadText;
import io.mqscope.payload.TextCharset;
import io.mqscope.payload.TextDecoding;
import io.mqscope.ui.packets.HexDumpModel;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.BackgroundTask;
import io.mqscope.ui.app.TaskExecutor;
import java.io.File;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import io.mqscope.payload.SparkplugReading;
import io.mqscope.payload.SparkplugTopic;
import io.mqscope.payload.SparkplugTracker;
import io.mqscope.session.MessageEvent;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/**
 * One payload shown as text (in any charset the JDK knows, chosen per view), JSON, hex dump, base64, or a CBOR,
 * MessagePack, Protobuf or Sparkplug B tree, always rendered from the original bytes; bytes that do not decode in the
 * chosen format or charset are shown with the byte offset where decoding failed, then all of them in hex. The way
 * a topic's payloads are decoded can be remembered per topic filter (and kept in the config directory). Payloads
 * over {@link #TRUNCATE_AT} are cut in the view until "show all".
 */
public final class PayloadViewModel {
    public static final int TRUNCATE_AT = 256 * 1024;

    private final ObjectProperty<byte[]> payload = new SimpleObjectProperty<>(new byte[0]);
    private final ObjectProperty<PayloadFormat> format = new SimpleObjectProperty<>(PayloadFormat.TEXT);
    private final ObjectProperty<TextCharset> charset = new SimpleObjectProperty<>(TextCharset.UTF_8);
    private final BooleanProperty showAll = new SimpleBooleanProperty();
    private final ReadOnlyBooleanWrapper truncated = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper saveError = new ReadOnlyStringWrapper("");
    private final StringProperty rememberFilter = new SimpleStringProperty("");
    private final TaskExecutor tasks;
    private final ProtoSchemaModel proto;
    private final DecodingChoices choices = new DecodingChoices();
    private final io.mqscope.ui.diff.PayloadDiffViewModel diff;
    private final RememberedDecodings remembered;
    private PayloadFormat defaultFormat;
    /** The message shown and the log it is in, for Sparkplug B's birth certificates and sequence numbers. */
    private MessageEvent event;
    private Supplier<List<MessageEvent>> history = List::of;

    public PayloadViewModel(PayloadFormat defaultFormat, TaskExecutor tasks) {
        this.defaultFormat = defaultFormat;
        this.tasks = tasks;
        this.proto = new ProtoSchemaModel(tasks);
        this.diff = new io.mqscope.ui.diff.PayloadDiffViewModel(tasks);
        this.remembered = new RememberedDecodings(choices, tasks);
        proto.choiceProperty().addListener((o, a, b) -> render());
        payload.addListener((o, a, b) -> render());
        format.addListener((o, a, b) -> render());
        charset.addListener((o, a, b) -> render());
        showAll.addListener((o, a, b) -> render());
    }

    public void setDefaultFormat(PayloadFormat f) {
        defaultFormat = f;
    }

    /** Shows new bytes; the format is the default view, or a guess when there is none. */
    public void show(byte[] bytes) {
        show(null, bytes);
    }

    /** Where a shown message's earlier messages are (the connection's log), oldest first. */
    public void setHistory(Supplier<List<MessageEvent>> history) {
        this.history = history;
        diff.setHistory(history);
    }

    /** Shows a message (null: nothing); see {@link #show(String, byte[])}. */
    public void show(MessageEvent m) {
        event = m;
        show(m == null ? null : m.topic(), m == null ? new byte[0] : m.payload());
    }

    /**
     * Shows the bytes of a message on {@code topic}: decoded as remembered for a topic filter that matches it, else
     * Sparkplug B for its topics, else in the default view or a guess.
     */
    public void show(String topic, byte[] bytes) {
        showAll.set(false);
        if (event != null && (topic == null || !topic.equals(event.topic()) || event.payload() != bytes)) {
            event = null;
        }
        DecodingChoices.Rule rule = topic == null ? null : choices.forTopic(topic);
        SparkplugTopic sparkplug = SparkplugTopic.parse(topic);
        if (rule == null && sparkplug != null && sparkplug.protobuf()) {
            rule = new DecodingChoices.Rule(topic, PayloadFormat.SPARKPLUG, null);
        }
        rememberFilter.set(rule != null ? rule.filter() : topic == null ? "" : topic);
        if (rule != null && rule.proto() != null) {
            proto.set(rule.proto());
        }
        PayloadFormat f = rule != null ? rule.format() : defaultFormat != null ? defaultFormat
                : PayloadCodec.guess(bytes.length > 4096 ? Arrays.copyOf(bytes, 4096) : bytes, charset.get());
        if (f != format.get()) {
            format.set(f);
        }
        payload.set(bytes == null ? new byte[0] : bytes);
        render();
    }

    private void render() {
        byte[] all = payload.get();
        if (format.get().binaryTree()) {
            // a tree decodes from all its bytes (a cut one would not decode); the text is what gets cut
            SparkplugReading sp = format.get() == PayloadFormat.SPARKPLUG && event != null
                    ? SparkplugHistory.read(history.get(), event) : null;
            String tree = sp != null && sp.error() == null ? SparkplugTracker.render(sp)
                    : PayloadCodec.render(all, format.get(), charset.get(), proto.choice());
            boolean cut = tree.length() > TRUNCATE_AT && !showAll.get();
            truncated.set(cut);
            text.set(cut ? tree.substring(0, TRUNCATE_AT) : tree);
            return;
        }
        boolean cut = all.length > TRUNCATE_AT && !showAll.get();
        truncated.set(cut);
        byte[] b = cut ? Arrays.copyOf(all, TRUNCATE_AT) : all;
        int malformed = format.get() == PayloadFormat.TEXT || format.get() == PayloadFormat.JSON
                ? TextDecoding.malformedAt(b, charset.get(), !cut) : -1;
        if (malformed >= 0) {
            // not text in this charset: say where, then every byte (no U+FFFD hiding what was sent)
            text.set(PayloadText.get("text.malformed", charset.get().name(), malformed) + "\n\n"
                    + HexDumpModel.of(b).text());
        } else if (format.get() == PayloadFormat.HEX) {
            text.set(HexDumpModel.of(b).text());
        } else {
            text.set(PayloadCodec.render(b, format.get(), charset.get()));
        }
    }

    /**
     * Remembers the current format (and Protobuf type) for the topic filter in {@link #rememberFilterProperty}:
     * later messages whose topic it matches are shown that way. Returns false for an invalid filter.
     */
    public boolean remember() {
        String filter = rememberFilter.get() == null ? "" : rememberFilter.get().trim();
        if (filter.isEmpty() || !io.mqscope.payload.TopicNames.validateFilter(filter).ok()) {
            return false;
        }
        choices.remember(filter, format.get(), format.get() == PayloadFormat.PROTOBUF ? proto.choice() : null);
        remembered.changed();
        return true;
    }

    /** Keeps the decoding choices in {@code path} (the config directory's decoding.json) across restarts. */
    public void useChoicesFile(java.nio.file.Path path) {
        remembered.useFile(path);
    }

    /** What went wrong reading or writing the choices file ("" when nothing). */
    public ReadOnlyStringProperty choicesStatusProperty() {
        return remembered.statusProperty();
    }

    /** Writes the original bytes, all of them, on the I/O executor; a failure shows as {@link #saveErrorProperty}. */
    public void saveTo(File file) {
        byte[] bytes = payload.get();
        saveError.set("");
        BackgroundTask.wrapAction(() -> Files.write(file.toPath(), bytes))
                .onFailure(e -> saveError.set(I18n.t("payload.saveFailed", e.getMessage()))).executeWith(tasks);
    }

    public ObjectProperty<byte[]> payloadProperty() { return payload; }
    public ObjectProperty<PayloadFormat> formatProperty() { return format; }
    public ObjectProperty<TextCharset> charsetProperty() { return charset; }
    public BooleanProperty showAllProperty() { return showAll; }
    public ReadOnlyBooleanProperty truncatedProperty() { return truncated.getReadOnlyProperty(); }
    public ReadOnlyStringProperty textProperty() { return text.getReadOnlyProperty(); }
    public ReadOnlyStringProperty saveErrorProperty() { return saveError.getReadOnlyProperty(); }
    public StringProperty rememberFilterProperty() { return rememberFilter; }
    public ProtoSchemaModel proto() { return proto; }
    public DecodingChoices choices() { return choices; }
    /** The difference to the previous message on the topic, or between two selected messages (issue 15). */
    public io.mqscope.ui.diff.PayloadDiffViewModel diff() { return diff; }
}
