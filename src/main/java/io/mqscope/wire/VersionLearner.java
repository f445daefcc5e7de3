package io.mqscope.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * What one direction of a stream knows about the protocol version, and decoding under it. The version is learned
 * from CONNECT (its protocol level); while it is unknown, packets decode as 3.1.1 and fall back to 5.0 (with a
 * remark) when only 5.0 makes sense of them. A known version that leaves a packet with errors is checked against the
 * other version: a packet well-formed only there gets a diagnosis (the peer's library and the profile disagree).
 */
final class VersionLearner {
    private final Direction direction;
    private int version;

    /** @param version 3, 4 or 5 when known in advance, 0 to learn it */
    VersionLearner(Direction direction, int version) {
        this.direction = direction;
        this.version = version;
    }

    Direction direction() {
        return direction;
    }

    int version() {
        return version;
    }

    void set(int version) {
        this.version = version;
    }

    /** The version to decode with: the known one, else 3.1.1. */
    int versionOrDefault() {
        return version == 0 ? 4 : version;
    }

    /** Decodes one framed packet, learning from a CONNECT and falling back as described above. */
    DecodedPacket decode(byte[] raw, int index, long offset) {
        int nibble = (raw[0] & 0xff) >> 4;
        int v = version;
        DecodedPacket p;
        if (nibble == 1) {
            p = PacketDecoder.decode(raw, v == 0 ? 4 : v, direction, index, offset);
            learnFrom(p);
        } else if (v == 0) {
            p = PacketDecoder.decode(raw, 4, direction, index, offset);
            if (p.hasErrors() && nibble != 3 && nibble != 12 && nibble != 13 && nibble != 0) {
                DecodedPacket q = PacketDecoder.decode(raw, 5, direction, index, offset);
                if (!q.malformed()) {
                    version = 5; // only 5.0 makes sense of the bytes: assume it for what follows
                    List<Finding> fs = new ArrayList<>(q.findings());
                    fs.add(Finding.of(Rule.PROTOCOL_LEVEL_ASSUMED_5, 5, "protocol_level", 0, 0));
                    p = q.with(fs, q.cause(), q.repaired());
                }
            }
        } else {
            p = PacketDecoder.decode(raw, v, direction, index, offset);
            if ((v == 4 || v == 5) && p.hasErrors() && versionDependent(nibble)) {
                p = otherVersion(raw, v, p, index, offset);
            }
        }
        return p;
    }

    /** A CONNECT with a valid protocol level sets the version for what follows. */
    void learnFrom(DecodedPacket p) {
        if (p.type() == PacketType.CONNECT && levelIsValid(p)) {
            version = p.protocolVersion();
        }
    }

    private static boolean levelIsValid(DecodedPacket p) {
        Field f = Field.find(p.fields(), FieldName.PROTOCOL_LEVEL);
        return f != null && f.value() instanceof Integer l && (l >= 3 && l <= 5 || l >= 0x83 && l <= 0x85);
    }

    private static boolean versionDependent(int nibble) {
        return nibble == 2 || nibble >= 4 && nibble <= 11 || nibble == 14 || nibble == 15;
    }

    /**
     * A packet with errors under the connection's version that is well-formed under the other one: the peer writes
     * the wrong version's packets (e.g. 3.1.1 acknowledgements on a 5.0 connection).
     */
    private DecodedPacket otherVersion(byte[] raw, int v, DecodedPacket p, int index, long offset) {
        int other = v == 5 ? 4 : 5;
        DecodedPacket q = PacketDecoder.decode(raw, other, direction, index, offset);
        if (q.malformed() || q.type() != p.type()) {
            return p;
        }
        Diagnosis diagnosis = Diagnosis.of(v == 5 ? Rule.DIAGNOSIS_MQTT311_ON_MQTT5_CONNECTION
                : Rule.DIAGNOSIS_MQTT5_ON_MQTT311_CONNECTION, Summary.of(q));
        List<Finding> fs = new ArrayList<>(p.findings());
        if (v == 5 && !fs.isEmpty() && !fs.get(0).blames(FieldName.HEADER_FLAGS)
                && !fs.get(0).blames(FieldName.PROPERTIES)) {
            fs.add(0, Finding.of(Rule.PROPERTIES_MISSING_LENGTH, 5, "properties", PacketDecoder.headerLength(raw), 0,
                    p.type().name()));
        }
        return p.with(fs, diagnosis, null);
    }
}
