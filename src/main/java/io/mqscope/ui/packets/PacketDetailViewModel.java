package io.mqscope.ui.packets;

import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Field;
import io.mqscope.wire.Finding;
import io.mqscope.wire.Secrets;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * One packet: its hex dump, field tree and findings. Selecting a field selects its byte span and selecting a byte
 * selects the innermost field that covers it. A CONNECT password stays hidden ({@link Secrets}) in the dump and the
 * field tree until {@link #showSecretsProperty()} is set; it is cleared again for the next packet.
 */
public final class PacketDetailViewModel {
    /** A span of bytes within the packet. */
    public record Span(int offset, int length) {
    }

    private final ObjectProperty<DecodedPacket> packet = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<HexDumpModel> dump = new ReadOnlyObjectWrapper<>(HexDumpModel.of(new byte[0]));
    private final ObjectProperty<Field> selectedField = new SimpleObjectProperty<>();
    private final ObjectProperty<Finding> selectedFinding = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Span> highlighted = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty showSecrets = new SimpleBooleanProperty(false);
    private final ReadOnlyBooleanWrapper hasSecret = new ReadOnlyBooleanWrapper(false);
    private final BooleanProperty afterBrokerClosed = new SimpleBooleanProperty(false);

    public PacketDetailViewModel() {
        packet.addListener((o, a, p) -> {
            selectedField.set(null);
            selectedFinding.set(null);
            hasSecret.set(p != null && Secrets.password(p) != null);
            // A password shown for one packet is not shown for the next by surprise.
            showSecrets.set(false);
            redump();
            highlighted.set(null);
        });
        showSecrets.addListener((o, a, s) -> redump());
        selectedField.addListener((o, a, f) -> highlighted.set(f == null ? null : new Span(f.offset(), f.length())));
        selectedFinding.addListener((o, a, f) -> {
            if (f != null) {
                highlighted.set(new Span(f.offset(), Math.max(1, f.length())));
            }
        });
    }

    private void redump() {
        DecodedPacket p = packet.get();
        dump.set(p == null ? HexDumpModel.of(new byte[0])
                : HexDumpModel.of(p.raw(), showSecrets.get() ? null : Secrets.password(p)));
    }

    /** How a field reads in the tree: {@code name = value   [from–to]}, a hidden password as {@code *** (7 bytes)}. */
    public String describe(Field f) {
        if (!showSecrets.get() && Secrets.isSecret(f)) {
            return f.name() + " = " + Secrets.hiddenValue(f) + span(f);
        }
        String v = f.value() == null ? "" : " = " + (f.value() instanceof String s ? "\"" + s + "\"" : f.value());
        if (v.length() > 90) {
            v = v.substring(0, 90) + "…";
        }
        return f.name() + v + span(f);
    }

    private static String span(Field f) {
        return "   [" + f.offset() + (f.length() > 1 ? "–" + (f.offset() + f.length() - 1) : "") + "]";
    }

    /** Selects the innermost field covering byte {@code index} (a click in the hex dump). */
    public void selectByte(int index) {
        DecodedPacket p = packet.get();
        if (p == null || index < 0) {
            return;
        }
        Field[] owners = io.mqscope.wire.HexDump.attribute(p);
        Field f = index < owners.length ? owners[index] : null;
        if (f != null) {
            selectedField.set(f);
        } else {
            selectedField.set(null);
            highlighted.set(new Span(index, 1));
        }
    }

    static Field innermost(List<Field> fields, int index) {
        for (Field f : fields) {
            if (index >= f.offset() && index < f.offset() + f.length()) {
                Field c = innermost(f.children(), index);
                return c != null ? c : f;
            }
        }
        return null;
    }

    /** Top-level field index for each byte (or -1), for alternating colours. */
    public int[] fieldIndexPerByte() {
        DecodedPacket p = packet.get();
        if (p == null) {
            return new int[0];
        }
        int[] out = new int[p.raw().length];
        java.util.Arrays.fill(out, -1);
        List<Field> fields = p.fields();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            for (int b = Math.max(0, f.offset()); b < Math.min(out.length, f.offset() + f.length()); b++) {
                out[b] = i;
            }
        }
        return out;
    }

    /** Bytes blamed by an error or warning. */
    public boolean[] blamedBytes() {
        DecodedPacket p = packet.get();
        if (p == null) {
            return new boolean[0];
        }
        boolean[] out = new boolean[p.raw().length];
        for (Finding f : p.findings()) {
            if (f.severity() == io.mqscope.wire.Severity.INFO) {
                continue;
            }
            for (int b = Math.max(0, f.offset()); b < Math.min(out.length, f.offset() + Math.max(1, f.length())); b++) {
                out[b] = true;
            }
        }
        return out;
    }

    public ObjectProperty<DecodedPacket> packetProperty() { return packet; }
    public ReadOnlyObjectProperty<HexDumpModel> dumpProperty() { return dump.getReadOnlyProperty(); }
    public ObjectProperty<Field> selectedFieldProperty() { return selectedField; }
    public ObjectProperty<Finding> selectedFindingProperty() { return selectedFinding; }
    /** Whether the password is shown in clear (the inspector's "show" toggle); false for each new packet. */
    public BooleanProperty showSecretsProperty() { return showSecrets; }
    /** Whether the packet carries a password, so the toggle has something to show. */
    public ReadOnlyBooleanProperty hasSecretProperty() { return hasSecret.getReadOnlyProperty(); }
    /** Whether a tapped client sent the packet after the broker had closed (set by the packet list, with it). */
    public BooleanProperty afterBrokerClosedProperty() { return afterBrokerClosed; }
    public ReadOnlyObjectProperty<Span> highlightedProperty() { return highlighted.getReadOnlyProperty(); }
}
