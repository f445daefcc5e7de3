package io.mqscope.ui.packets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.mqscope.capture.Conversation;
import io.mqscope.capture.PcapngExport;
import io.mqscope.store.PacketJson;
import io.mqscope.tap.PacketEvent;
import io.mqscope.tap.WebSocketFrameEvent;
import io.mqscope.ui.BoundedAppend;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.BackgroundTask;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.wire.Direction;
import io.mqscope.wire.PacketType;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The live packet table of the active connection: bounded, filtered by direction, type and findings. */
public final class PacketsViewModel {
    private final ObservableList<PacketEvent> visible = FXCollections.observableArrayList();
    private final ObjectProperty<Direction> direction = new SimpleObjectProperty<>();
    private final ObjectProperty<PacketType> type = new SimpleObjectProperty<>();
    /** The packet types shown (the Packets tab's check-combo); empty: every type. */
    private final javafx.collections.ObservableList<PacketType> types =
            javafx.collections.FXCollections.observableArrayList();
    private final BooleanProperty withFindings = new SimpleBooleanProperty();
    private final BooleanProperty paused = new SimpleBooleanProperty();
    private final ObjectProperty<PacketEvent> selected = new SimpleObjectProperty<>();
    private final PacketDetailViewModel detail = new PacketDetailViewModel();
    private final ObservableList<WebSocketFrameEvent> frames = FXCollections.observableArrayList();
    /** True when the active connection runs over WebSocket (ws, wss): only then are there frames to show. */
    private final BooleanProperty webSocket = new SimpleBooleanProperty();
    private final BooleanProperty showFrames = new SimpleBooleanProperty();
    private final StringProperty exportError = new SimpleStringProperty("");
    private final StringProperty exportDone = new SimpleStringProperty("");
    private final BooleanProperty pcapngAvailable = new SimpleBooleanProperty();
    private Function<List<PacketEvent>, List<Conversation>> pcapng;
    private Supplier<List<PacketEvent>> pcapngPackets;
    private final TaskExecutor tasks;
    private int maxVisible;
    private Supplier<List<PacketEvent>> source = List::of;
    private Supplier<List<WebSocketFrameEvent>> frameSource = List::of;
    private Runnable onClear = () -> { };
    /** Which packets were put back from the history of an earlier run (issue 15): marked in the table. */
    private Predicate<PacketEvent> restored = e -> false;
    /** Which packets a tapped client sent after the broker had closed (the wiretap's): marked in the table. */
    private Predicate<PacketEvent> afterBrokerClosed = e -> false;

    public PacketsViewModel(int maxVisible, TaskExecutor tasks) {
        this.maxVisible = maxVisible;
        this.tasks = tasks;
        direction.addListener((o, a, b) -> reload());
        type.addListener((o, a, b) -> reload());
        types.addListener((javafx.collections.ListChangeListener<PacketType>) c -> reload());
        withFindings.addListener((o, a, b) -> reload());
        paused.addListener((o, a, b) -> {
            if (!b) {
                reload();
            }
        });
        showFrames.addListener((o, a, b) -> reloadFrames());
        selected.addListener((o, a, b) -> {
            detail.afterBrokerClosedProperty().set(b != null && afterBrokerClosed.test(b));
            detail.packetProperty().set(b == null ? null : b.packet());
        });
    }

    /** Tells restored packets (the active connection's); set before {@link #setSource}, which reloads. */
    public void setRestored(Predicate<PacketEvent> restored) {
        this.restored = restored;
    }

    /** True for a packet of an earlier run, put back from the history. */
    public boolean restored(PacketEvent e) {
        return restored.test(e);
    }

    /** Tells a tapped client's packets sent after the broker had closed; set before {@link #setSource}. */
    public void setAfterBrokerClosed(Predicate<PacketEvent> afterBrokerClosed) {
        this.afterBrokerClosed = afterBrokerClosed;
    }

    /** True for a packet a tapped client sent after the broker had closed: never forwarded, never read. */
    public boolean afterBrokerClosed(PacketEvent e) {
        return afterBrokerClosed.test(e);
    }

    public void setSource(Supplier<List<PacketEvent>> source, Runnable onClear) {
        this.source = source;
        this.onClear = onClear;
        reload();
    }

    public void append(List<PacketEvent> batch) {
        if (batch.isEmpty() || paused.get()) {
            return;
        }
        BoundedAppend.appendNewest(visible, batch, filter(), maxVisible);
    }

    /** Where WebSocket frames come from when the view reloads: the connection's frame log. */
    public void setFrameSource(Supplier<List<WebSocketFrameEvent>> frameSource) {
        this.frameSource = frameSource;
        reloadFrames();
    }

    /** New WebSocket frames from one refresh; bounded like the packets, nothing is done while hidden or paused. */
    public void appendFrames(List<WebSocketFrameEvent> batch) {
        if (batch.isEmpty() || paused.get() || !showFrames.get()) {
            return;
        }
        Direction d = direction.get();
        BoundedAppend.appendNewest(frames, batch, f -> d == null || f.direction() == d, maxVisible);
    }

    void reloadFrames() {
        if (!showFrames.get()) {
            frames.clear();
            return;
        }
        Direction d = direction.get();
        List<WebSocketFrameEvent> all = frameSource.get();
        List<WebSocketFrameEvent> keep = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && keep.size() < maxVisible; i--) {
            if (d == null || all.get(i).direction() == d) {
                keep.add(all.get(i));
            }
        }
        java.util.Collections.reverse(keep);
        frames.setAll(keep);
    }

    /** One line for a frame: opcode, fin, length, and for a close frame its code and reason. */
    public static String describe(WebSocketFrameEvent f) {
        StringBuilder sb = new StringBuilder(f.opcode());
        if (!f.fin()) {
            sb.append(" (fin=0)");
        }
        if (f.closeCode() != null) {
            sb.append(' ').append(f.closeCode());
            String meaning = closeMeaning(f.closeCode());
            if (meaning != null) {
                sb.append(" (").append(meaning).append(')');
            }
        }
        if (f.closeReason() != null && !f.closeReason().isEmpty()) {
            sb.append(" \"").append(f.closeReason()).append('"');
        }
        return sb.toString();
    }

    /** RFC 6455 section 7.4.1 names of the common close codes. */
    static String closeMeaning(int code) {
        return switch (code) {
            case 1000 -> "normal closure";
            case 1001 -> "going away";
            case 1002 -> "protocol error";
            case 1003 -> "unsupported data";
            case 1005 -> "no status";
            case 1006 -> "abnormal closure";
            case 1007 -> "invalid payload data";
            case 1008 -> "policy violation";
            case 1009 -> "message too big";
            case 1010 -> "mandatory extension";
            case 1011 -> "internal error";
            case 1015 -> "TLS handshake";
            default -> null;
        };
    }

    /** True for a close frame that does not say "normal" or "going away": worth a mark in the list. */
    public static boolean abnormalClose(WebSocketFrameEvent f) {
        return "close".equals(f.opcode())
                && (f.closeCode() == null || (f.closeCode() != 1000 && f.closeCode() != 1001));
    }

    /** A new bound for the list (the user's limit changed); the list is reloaded from the log. */
    public void setMaxVisible(int n) {
        maxVisible = n;
        reload();
    }

    public void reload() {
        reloadFrames();
        Predicate<PacketEvent> p = filter();
        List<PacketEvent> all = source.get();
        List<PacketEvent> keep = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && keep.size() < maxVisible; i--) {
            if (p.test(all.get(i))) {
                keep.add(all.get(i));
            }
        }
        java.util.Collections.reverse(keep);
        visible.setAll(keep);
    }

    /**
     * Selects the packet an insight names (its connection, side and index in that side's stream), reloading the
     * list without filters when a filter hides it. Returns whether it is still in the log.
     */
    public boolean reveal(String connectionId, Direction from, int index) {
        Predicate<PacketEvent> wanted = e -> e.direction() == from && e.packet().index() == index
                && e.connectionId().equals(connectionId);
        PacketEvent found = visible.stream().filter(wanted).findFirst().orElse(null);
        if (found == null) {
            direction.set(null);
            type.set(null);
            withFindings.set(false);
            reload();
            found = visible.stream().filter(wanted).findFirst().orElse(null);
        }
        selected.set(found);
        return found != null;
    }

    public void clear() {
        onClear.run();
        visible.clear();
        frames.clear();
        selected.set(null);
    }

    Predicate<PacketEvent> filter() {
        Direction d = direction.get();
        PacketType t = type.get();
        java.util.Set<PacketType> ts = types.isEmpty() ? null : java.util.EnumSet.copyOf(types);
        boolean f = withFindings.get();
        return e -> (d == null || e.direction() == d) && (t == null || e.packet().type() == t)
                && (ts == null || ts.contains(e.packet().type())) && (!f || !e.packet().findings().isEmpty());
    }

    /**
     * Exports the shown packets as JSON lines on the I/O executor. The writer reads a detached copy of the rows,
     * taken here on the FX thread, while the live list keeps changing.
     */
    public void export(File file) {
        PacketsViewModel rows = new PacketsViewModel(maxVisible, tasks);
        rows.visible.setAll(visible);
        exportError.set("");
        boolean showSecrets = detail.showSecretsProperty().get();
        BackgroundTask.wrapAction(() -> rows.exportJsonLines(file.toPath(), showSecrets))
                .onFailure(e -> exportError.set(I18n.t("packets.exportFailed", e.getMessage()))).executeWith(tasks);
    }

    /**
     * Writes the shown packets as JSON lines, in the one packet form {@link PacketJson} defines; CONNECT passwords
     * hidden unless {@code showSecrets} (the inspector's toggle when the export starts).
     */
    public void exportJsonLines(Path file, boolean showSecrets) throws IOException {
        JsonFactory json = new JsonFactory();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (PacketEvent e : List.copyOf(visible)) {
                try (JsonGenerator g = json.createGenerator(w)) {
                    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                    PacketJson.writeEvent(g, e, showSecrets);
                }
                w.write('\n');
            }
        }
    }

    /**
     * Makes "Export pcapng" write the connection's packets (all of them, not only the shown ones) as the
     * conversations {@code conversations} makes of them; without it the button is disabled.
     */
    public void setPcapngSource(Function<List<PacketEvent>, List<Conversation>> conversations) {
        setPcapngSource(conversations, null);
    }

    /**
     * As {@link #setPcapngSource(Function)}, with the packets to write taken from {@code all} (null: the table's
     * source), for a source that must not be read twice (a tapped client's follows its log by sequence number).
     */
    public void setPcapngSource(Function<List<PacketEvent>, List<Conversation>> conversations,
                                Supplier<List<PacketEvent>> all) {
        this.pcapng = conversations;
        this.pcapngPackets = all;
        pcapngAvailable.set(conversations != null);
    }

    /**
     * Writes the connection's packets as pcapng ({@link PcapngExport}: synthetic TCP, findings as packet comments)
     * on the I/O executor, from a snapshot taken here; passwords masked unless the inspector shows them.
     */
    public void exportPcapng(File file) {
        if (pcapng != null) {
            exportPcapng(file, List.copyOf(pcapngPackets == null ? source.get() : pcapngPackets.get()));
        }
    }

    /**
     * Writes only {@code rows} (the table's selection, in table order) as pcapng, each relay connection's rows as
     * one synthetic TCP stream; nothing when there is no pcapng source or no row.
     */
    public void exportPcapng(File file, List<PacketEvent> rows) {
        Function<List<PacketEvent>, List<Conversation>> convert = pcapng;
        if (convert == null || rows.isEmpty()) {
            return;
        }
        List<PacketEvent> all = List.copyOf(rows);
        boolean showSecrets = detail.showSecretsProperty().get();
        exportError.set("");
        exportDone.set("");
        BackgroundTask.wrapAction(() -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file.toPath()), 1 << 16)) {
                PcapngExport.write(out, convert.apply(all), showSecrets);
            }
        }).onSuccess(v -> exportDone.set(I18n.t("packets.exportPcapngDone", all.size(), file.getName())))
                .onFailure(e -> exportError.set(I18n.t("packets.exportFailed", e.getMessage()))).executeWith(tasks);
    }

    public BooleanProperty pcapngAvailableProperty() { return pcapngAvailable; }
    public StringProperty exportDoneProperty() { return exportDone; }
    public ObservableList<PacketEvent> visible() { return visible; }
    public StringProperty exportErrorProperty() { return exportError; }
    public ObservableList<WebSocketFrameEvent> frames() { return frames; }
    public BooleanProperty webSocketProperty() { return webSocket; }
    public BooleanProperty showFramesProperty() { return showFrames; }
    public ObjectProperty<Direction> directionProperty() { return direction; }
    public ObjectProperty<PacketType> typeProperty() { return type; }
    /** The packet types to show, several at once; empty shows every type. */
    public javafx.collections.ObservableList<PacketType> types() { return types; }
    public BooleanProperty withFindingsProperty() { return withFindings; }
    public BooleanProperty pausedProperty() { return paused; }
    public ObjectProperty<PacketEvent> selectedProperty() { return selected; }
    public PacketDetailViewModel detail() { return detail; }
}
