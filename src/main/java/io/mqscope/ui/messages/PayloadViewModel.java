package io.mqscope.ui.messages;

import io.mqscope.payload.PayloadCodec;
import io.mqscope.payload.PayloadFormat;
import io.mqscope.payload.TextCharset;
import io.mqscope.ui.packets.HexDumpModel;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.BackgroundTask;
import io.mqscope.ui.app.TaskExecutor;
import java.io.File;
import java.nio.file.Files;
import java.util.Arrays;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/**
 * One payload shown as text (UTF-8 or GBK), JSON, hex dump, base64, or a CBOR or MessagePack tree, always rendered
 * from the original bytes.
 * Payloads over {@link #TRUNCATE_AT} are cut in the view until "show all".
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
    private final TaskExecutor tasks;
    private PayloadFormat defaultFormat;

    public PayloadViewModel(PayloadFormat defaultFormat, TaskExecutor tasks) {
        this.defaultFormat = defaultFormat;
        this.tasks = tasks;
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
        showAll.set(false);
        PayloadFormat f = defaultFormat != null ? defaultFormat
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
            String tree = PayloadCodec.render(all, format.get(), charset.get());
            boolean cut = tree.length() > TRUNCATE_AT && !showAll.get();
            truncated.set(cut);
            text.set(cut ? tree.substring(0, TRUNCATE_AT) : tree);
            return;
        }
        boolean cut = all.length > TRUNCATE_AT && !showAll.get();
        truncated.set(cut);
        byte[] b = cut ? Arrays.copyOf(all, TRUNCATE_AT) : all;
        if (format.get() == PayloadFormat.HEX) {
            text.set(HexDumpModel.of(b).text());
        } else {
            text.set(PayloadCodec.render(b, format.get(), charset.get()));
        }
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
}
