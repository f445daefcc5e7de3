package io.mqscope.ui.packets;

import io.mqscope.ui.I18n;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Diagnosis;
import io.mqscope.wire.Direction;
import io.mqscope.wire.PacketDecoder;
import io.mqscope.wire.PacketType;
import io.mqscope.wire.Rule;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A packet's diagnosis in the UI's language. Diagnoses that name the packet the bytes really are carry the wire's
 * English one-line summary as an argument; here that summary is made again with {@link PacketSummary}, from the
 * repaired bytes (or from the packet decoded with the other protocol version), so no English sentence sits inside
 * a Chinese one (issue 14 item 6).
 */
public final class DiagnosisText {
    /** Packets only the broker sends; everything else decodes as written by the client. */
    private static final Set<PacketType> FROM_BROKER = EnumSet.of(PacketType.CONNACK, PacketType.SUBACK,
            PacketType.UNSUBACK, PacketType.PINGRESP);

    private DiagnosisText() {
    }

    /** The diagnosis, or "" when the packet has none. */
    public static String of(DecodedPacket p) {
        Diagnosis d = p == null ? null : p.cause();
        if (d == null) {
            return "";
        }
        int at = d.rule().args().indexOf("summary");
        DecodedPacket real = at < 0 ? null : realPacket(p, d.rule());
        if (real != null) {
            List<Object> args = new ArrayList<>(d.args());
            args.set(at, PacketSummary.of(real));
            d = new Diagnosis(d.rule(), args);
        }
        return d.message(I18n.locale());
    }

    private static DecodedPacket realPacket(DecodedPacket p, Rule rule) {
        try {
            Direction direction = FROM_BROKER.contains(p.type()) ? Direction.BROKER_TO_CLIENT
                    : Direction.CLIENT_TO_BROKER;
            if (rule == Rule.DIAGNOSIS_MQTT311_ON_MQTT5_CONNECTION) {
                return PacketDecoder.decode(p.raw(), 4, direction);
            }
            if (rule == Rule.DIAGNOSIS_MQTT5_ON_MQTT311_CONNECTION) {
                return PacketDecoder.decode(p.raw(), 5, direction);
            }
            return p.repaired() == null ? null : PacketDecoder.decode(p.repaired(), p.protocolVersion(), direction);
        } catch (RuntimeException e) {
            // the wire's own (English) summary is still right, only less readable
            return null;
        }
    }
}
