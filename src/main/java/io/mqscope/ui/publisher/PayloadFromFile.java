package io.mqscope.ui.publisher;

import io.mqscope.payload.PayloadCodec;
import io.mqscope.payload.PayloadFormat;
import io.mqscope.payload.TextCharset;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.BackgroundTask;
import io.mqscope.ui.app.TaskExecutor;
import java.io.File;
import java.nio.file.Files;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;

/**
 * "Payload from file". A small file becomes editable text (or hex when it is not text). A large one is read once, on
 * the I/O executor, and its bytes are what is sent, as they are: it never goes through a String (hex would triple it
 * in the editor and be parsed back on every send and every keystroke's validation). Typing in the payload replaces it.
 */
final class PayloadFromFile {
    /** Files up to this size are shown in the editor; larger ones are attached. */
    static final int EDITABLE_UP_TO = 64 * 1024;

    /** A large file attached as the payload. */
    record Attached(String name, byte[] bytes) {
    }

    private final TaskExecutor tasks;
    private final ObjectProperty<PayloadFormat> format;
    private final StringProperty payload;
    private final ObjectProperty<TextCharset> charset;
    private final StringProperty status;
    private final Runnable changed;
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private Attached attached;

    PayloadFromFile(TaskExecutor tasks, ObjectProperty<PayloadFormat> format, StringProperty payload,
                    ObjectProperty<TextCharset> charset, StringProperty status, Runnable changed) {
        this.tasks = tasks;
        this.format = format;
        this.payload = payload;
        this.charset = charset;
        this.status = status;
        this.changed = changed;
        payload.addListener((o, a, b) -> {
            if (attached != null && !b.isEmpty()) {
                detach(); // the user types a payload of their own
            }
        });
    }

    void load(File file) {
        BackgroundTask.wrap(() -> Files.readAllBytes(file.toPath())).onSuccess(b -> show(file.getName(), b))
                .onFailure(e -> status.set(I18n.t("publisher.loadFailed", e.getMessage()))).executeWith(tasks);
    }

    private void show(String name, byte[] b) {
        detach();
        if (b.length > EDITABLE_UP_TO) {
            attached = new Attached(name, b);
            payload.set("");
            summary.set(I18n.t("publisher.fileAttached", name, b.length));
            changed.run();
            return;
        }
        if (PayloadCodec.isText(b, charset.get())) {
            if (format.get() == PayloadFormat.HEX || format.get() == PayloadFormat.BASE64) {
                format.set(PayloadFormat.TEXT);
            }
            payload.set(new String(b, charset.get().charset()));
        } else {
            format.set(PayloadFormat.HEX);
            payload.set(PayloadCodec.hex(b, 0, b.length));
        }
    }

    void detach() {
        if (attached != null) {
            attached = null;
            summary.set("");
            changed.run();
        }
    }

    /** The attached file's bytes (sent as they are), or null when the payload is the text. */
    byte[] bytes() {
        return attached == null ? null : attached.bytes();
    }

    /** "name (N bytes) is sent as it is" while a file is attached, else "". */
    ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
