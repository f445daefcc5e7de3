package io.mqscope.ui.packets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.mqscope.payload.PayloadCodec;
import io.mqscope.tap.PacketEvent;
import io.mqscope.wire.Direction;
import io.mqscope.wire.Finding;
import io.mqscope.wire.PacketType;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The live packet table of the active connection: bounded, filtered by direction, type and findings. */
public final class PacketsViewModel {
    private final ObservableList<PacketEvent> visible = FXCollections.observableArrayList();
    private final ObjectProperty<Direction> direction = new SimpleObjectProperty<>();
    private final ObjectProperty<PacketType> type = new SimpleObjectProperty<>();
    private final BooleanProperty withFindings = new SimpleBooleanProperty();
    private final BooleanProperty paused = new SimpleBooleanProperty();
    private final ObjectProperty<PacketEvent> selected = new SimpleObjectProperty<>();
    private final PacketDetailViewModel detail = new PacketDetailViewModel();
    private final int maxVisible;
    private Supplier<List<PacketEvent>> source = List::of;
    private Runnable onClear = () -> { };

    public PacketsViewModel(int maxVisible) {
        this.maxVisible = maxVisible;
        direction.addListener((o, a, b) -> reload());
        type.addListener((o, a, b) -> reload());
        withFindings.addListener((o, a, b) -> reload());
        paused.addListener((o, a, b) -> {
            if (!b) {
                reload();
            }
        });
        selected.addListener((o, a, b) -> detail.packetProperty().set(b == null ? null : b.packet()));
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
        Predicate<PacketEvent> p = filter();
        List<PacketEvent> add = new ArrayList<>();
        for (int i = Math.max(0, batch.size() - maxVisible); i < batch.size(); i++) {
            if (p.test(batch.get(i))) {
                add.add(batch.get(i));
            }
        }
        if (add.isEmpty()) {
            return;
        }
        int overflow = visible.size() + add.size() - maxVisible;
        if (overflow >= visible.size()) {
            visible.setAll(add);
            return;
        }
        if (overflow > 0) {
            visible.remove(0, overflow);
        }
        visible.addAll(add);
    }

    public void reload() {
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

    public void clear() {
        onClear.run();
        visible.clear();
        selected.set(null);
    }

    Predicate<PacketEvent> filter() {
        Direction d = direction.get();
        PacketType t = type.get();
        boolean f = withFindings.get();
        return e -> (d == null || e.direction() == d) && (t == null || e.packet().type() == t)
                && (!f || !e.packet().findings().isEmpty());
    }

    /** Writes the shown packets as JSON lines: time, direction, type, length, hex, findings. */
    public void exportJsonLines(Path file) throws IOException {
        JsonFactory json = new JsonFactory();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (PacketEvent e : List.copyOf(visible)) {
                try (JsonGenerator g = json.createGenerator(w)) {
                    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                    g.writeStartObject();
                    g.writeStringField("time", e.time().toString());
                    g.writeStringField("connection", e.connectionId());
                    g.writeStringField("direction", e.direction().peer());
                    g.writeStringField("type", e.packet().type().name());
                    g.writeNumberField("length", e.packet().length());
                    g.writeStringField("hex", PayloadCodec.hex(e.packet().raw(), 0, e.packet().raw().length));
                    g.writeArrayFieldStart("findings");
                    for (Finding f : e.packet().findings()) {
                        g.writeStartObject();
                        g.writeStringField("severity", f.severity().jsonName());
                        g.writeStringField("field", f.field());
                        g.writeNumberField("offset", f.offset());
                        g.writeNumberField("length", f.length());
                        g.writeStringField("message", f.message());
                        g.writeStringField("spec", f.spec());
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    if (e.packet().diagnosis() != null) {
                        g.writeStringField("diagnosis", e.packet().diagnosis());
                    }
                    g.writeEndObject();
                }
                w.write('\n');
            }
        }
    }

    public ObservableList<PacketEvent> visible() { return visible; }
    public ObjectProperty<Direction> directionProperty() { return direction; }
    public ObjectProperty<PacketType> typeProperty() { return type; }
    public BooleanProperty withFindingsProperty() { return withFindings; }
    public BooleanProperty pausedProperty() { return paused; }
    public ObjectProperty<PacketEvent> selectedProperty() { return selected; }
    public PacketDetailViewModel detail() { return detail; }
}
