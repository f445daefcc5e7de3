package io.mqscope.ui.capture;

import io.mqscope.capture.CaptureException;
import io.mqscope.doctor.Insight;
import io.mqscope.doctor.PacketRef;
import io.mqscope.tap.PacketEvent;
import io.mqscope.tap.WebSocketFrameEvent;
import io.mqscope.ui.I18n;
import io.mqscope.ui.UiText;
import io.mqscope.ui.app.BackgroundTask;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.packets.PacketsViewModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * An opened capture file: read in the background with progress and cancel, then its conversations, each shown in
 * the Packets inspector (the same view model as a live connection's) with the reassembly's notes beside it. A file
 * that is not a capture gives an error that says at which byte offset; one cut short shows what was read before.
 */
public final class CaptureViewModel {
    private final TaskExecutor tasks;
    private final int maxPackets;
    private final StringProperty file = new SimpleStringProperty("");
    private final BooleanProperty reading = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty();
    /** What the file held or how far the reading is; a key and its arguments, said in the language shown. */
    private final ObjectProperty<UiText> status = new SimpleObjectProperty<>(UiText.NONE);
    /** Why the file could not be read, or was read only in part; {@link UiText#NONE} when it was read. */
    private final ObjectProperty<UiText> error = new SimpleObjectProperty<>(UiText.NONE);
    private final ObservableList<CapturedConversation> conversations = FXCollections.observableArrayList();
    private final ObjectProperty<CapturedConversation> selected = new SimpleObjectProperty<>();
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    private final PacketsViewModel packets;
    private AtomicBoolean cancel = new AtomicBoolean();
    private List<String> fileNotes = List.of();
    /** What the conversation doctor found in the file, and the names its insights give the conversations. */
    private final ObjectProperty<List<Insight>> insights = new SimpleObjectProperty<>(List.of());
    private List<String> names = List.of();

    /** @param maxPackets packets kept per conversation (the app's packet limit) */
    public CaptureViewModel(TaskExecutor tasks, int maxPackets) {
        this.tasks = tasks;
        this.maxPackets = maxPackets;
        this.packets = new PacketsViewModel(maxPackets, tasks);
        selected.addListener((o, a, c) -> show(c));
    }

    /** Reads {@code path} on the I/O executor; what was shown before is replaced when the reading ends. */
    public void open(Path path) {
        cancel.set(true);
        AtomicBoolean mine = new AtomicBoolean();
        cancel = mine;
        file.set(path.getFileName() == null ? path.toString() : path.getFileName().toString());
        error.set(UiText.NONE);
        status.set(UiText.of("capture.reading"));
        progress.set(0);
        reading.set(true);
        BackgroundTask.wrap(() -> CaptureImport.read(path, maxPackets, mine,
                        p -> tasks.onUi(() -> {
                            if (cancel == mine) {
                                progress.set(p);
                            }
                        })))
                .onSuccess(r -> {
                    if (cancel == mine) {
                        done(r);
                    }
                })
                .onFailure(e -> {
                    if (cancel == mine) {
                        failed(path, e);
                    }
                })
                .executeWith(tasks);
    }

    /** Stops the reading; nothing of it is shown. */
    public void cancel() {
        cancel.set(true);
    }

    private void done(CaptureImport.Result r) {
        reading.set(false);
        progress.set(1);
        fileNotes = r.notes();
        conversations.setAll(r.conversations());
        names = CaptureImport.names(r.conversations());
        insights.set(r.insights());
        status.set(r.insights().isEmpty() ? UiText.of("capture.status", r.conversations().size(), r.frames())
                : UiText.of("capture.status.insights", r.conversations().size(), r.frames(),
                r.insights().size()));
        if (r.failure() != null) {
            error.set(UiText.of("capture.error.truncated", file.get(), r.failureOffset(), r.failure()));
        }
        selected.set(conversations.isEmpty() ? null : conversations.get(0));
        show(selected.get());
    }

    private void failed(Path path, Exception e) {
        reading.set(false);
        conversations.clear();
        selected.set(null);
        fileNotes = List.of();
        names = List.of();
        insights.set(List.of());
        show(null);
        if (CaptureImport.isCancel(e)) {
            status.set(UiText.of("capture.cancelled"));
        } else if (e instanceof CaptureException ce) {
            status.set(UiText.NONE);
            error.set(UiText.of("capture.error.notCapture", file.get(), ce.offset(), ce.detail()));
        } else {
            status.set(UiText.NONE);
            error.set(UiText.of("capture.error.io", path, e instanceof IOException && e.getMessage() != null
                    ? e.getMessage() : e.toString()));
        }
    }

    private void show(CapturedConversation c) {
        List<PacketEvent> p = c == null ? List.of() : c.packets();
        List<WebSocketFrameEvent> f = c == null ? List.of() : c.frames();
        packets.webSocketProperty().set(c != null && c.webSocket());
        packets.setFrameSource(() -> f);
        packets.setSource(() -> p, () -> { });
        // the conversation as Wireshark should see it: its packets, on the capture's own endpoints
        packets.setPcapngSource(c == null || p.isEmpty() ? null : events -> SessionPcapng.conversations(
                c.summary().client(), c.summary().server(), c.summary().transport(), events));
        packets.selectedProperty().set(p.stream().filter(e -> e.packet().malformed()).findFirst()
                .orElse(p.isEmpty() ? null : p.get(0)));
        showNotes(c);
    }

    private void showNotes(CapturedConversation c) {
        if (c == null) {
            notes.setAll(fileNotes);
        } else {
            notes.setAll(CaptureNotes.of(c));
        }
    }

    /**
     * The language changed: the shown conversation's notes are worded again in the new one (the status and error
     * lines need nothing: the views say them when they are made again).
     */
    public void relocalize() {
        showNotes(selected.get());
    }

    /** The conversation an insight's packet is in (insights name it by its client endpoint), or null. */
    public CapturedConversation conversationOf(PacketRef ref) {
        int i = names.indexOf(ref.conn());
        return i < 0 || i >= conversations.size() ? null : conversations.get(i);
    }

    /**
     * Selects the packet an insight names in the shown conversation; false when it is not among the packets kept
     * (the per-conversation limit cut it).
     */
    boolean revealPacket(PacketRef ref) {
        CapturedConversation c = selected.get();
        if (c == null || c.packets().isEmpty()) {
            return false;
        }
        return packets.reveal(c.packets().get(0).connectionId(), ref.from(), ref.index());
    }

    /** Transport as the list shows it. */
    public static String transport(CapturedConversation c) {
        return switch (c.summary().transport()) {
            case TCP -> I18n.t("capture.transport.tcp");
            case WS -> I18n.t("capture.transport.ws");
            case TLS -> I18n.t("capture.transport.tls");
        };
    }

    public StringProperty fileProperty() { return file; }
    public BooleanProperty readingProperty() { return reading; }
    public DoubleProperty progressProperty() { return progress; }
    public ReadOnlyObjectProperty<UiText> statusProperty() { return status; }
    public ReadOnlyObjectProperty<UiText> errorProperty() { return error; }
    /** The status line in the UI's language now. */
    public String status() { return status.get().render(); }
    /** The error line in the UI's language now; empty when there is none. */
    public String error() { return error.get().render(); }
    public ObservableList<CapturedConversation> conversations() { return conversations; }
    public ObjectProperty<CapturedConversation> selectedProperty() { return selected; }
    public ObservableList<String> notes() { return notes; }
    public PacketsViewModel packets() { return packets; }
    /** The doctor's insights over the whole file (empty while it is read). */
    public ObjectProperty<List<Insight>> insightsProperty() { return insights; }
}
