package io.mqscope.ui.packets;

import io.mqscope.payload.HexParser;
import io.mqscope.payload.ParseResult;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.Finding;
import io.mqscope.wire.StreamDecoder;
import io.mqscope.ui.I18n;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** "Paste bytes": hex from Wireshark or a serial log, decoded with the same views, no connection needed. */
public final class PasteBytesViewModel {
    private final StringProperty input = new SimpleStringProperty("");
    private final ObjectProperty<Direction> direction = new SimpleObjectProperty<>(Direction.CLIENT_TO_BROKER);
    private final ObjectProperty<Integer> protocolVersion = new SimpleObjectProperty<>(0);
    private final StringProperty error = new SimpleStringProperty("");
    /** Which layout the paste was read as ("Read as: xxd"), so a dump is never misread silently. */
    private final StringProperty layout = new SimpleStringProperty("");
    private final ObservableList<DecodedPacket> packets = FXCollections.observableArrayList();
    private final ObservableList<Finding> streamFindings = FXCollections.observableArrayList();
    private final ObjectProperty<DecodedPacket> selected = new SimpleObjectProperty<>();
    private final PacketDetailViewModel detail = new PacketDetailViewModel();
    /** Character index of the bad character in the input, or -1. */
    private final ObjectProperty<Integer> errorPosition = new SimpleObjectProperty<>(-1);

    public PasteBytesViewModel() {
        selected.addListener((o, a, b) -> detail.packetProperty().set(b));
    }

    public void analyze() {
        packets.clear();
        streamFindings.clear();
        selected.set(null);
        layout.set("");
        ParseResult<HexParser.HexBytes> r = HexParser.read(input.get(), I18n.locale());
        if (!r.ok()) {
            error.set(I18n.t("hex.error", r.line(), r.column(), r.error()));
            errorPosition.set(r.position());
            return;
        }
        errorPosition.set(-1);
        byte[] bytes = r.value().bytes();
        layout.set(I18n.t("paste.layout", I18n.t("hex.layout." + r.value().layout().name().toLowerCase(Locale.ROOT))));
        if (bytes.length == 0) {
            error.set(I18n.t("paste.empty"));
            return;
        }
        try {
            // A paste is a whole capture: decoded as `mqscope decode` does, packets held to the end included.
            StreamDecoder d = new StreamDecoder(direction.get(), protocolVersion.get());
            List<DecodedPacket> out = d.decodeAll(bytes);
            packets.setAll(out);
            streamFindings.setAll(d.streamFindings());
            error.set("");
            if (!out.isEmpty()) {
                selected.set(out.get(0));
            }
        } catch (RuntimeException e) {
            error.set(I18n.t("paste.decoderFailed", String.valueOf(e.getMessage())));
        }
    }

    public StringProperty inputProperty() { return input; }
    public ObjectProperty<Direction> directionProperty() { return direction; }
    public ObjectProperty<Integer> protocolVersionProperty() { return protocolVersion; }
    public StringProperty errorProperty() { return error; }
    public StringProperty layoutProperty() { return layout; }
    public ObjectProperty<Integer> errorPositionProperty() { return errorPosition; }
    public ObservableList<DecodedPacket> packets() { return packets; }
    public ObservableList<Finding> streamFindings() { return streamFindings; }
    public ObjectProperty<DecodedPacket> selectedProperty() { return selected; }
    public PacketDetailViewModel detail() { return detail; }
}
