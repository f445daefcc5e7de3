package io.mqscope.wire;

import java.util.List;
import java.util.Locale;

/**
 * One framed packet with every field decoded and every finding collected.
 *
 * @param index           position of the packet in its stream, from 0
 * @param offset          offset of the first byte in the stream (or input)
 * @param raw             the packet's bytes exactly as seen (fixed header included); never modified
 * @param remainingLength the Remaining Length as declared, or -1 when it could not be read
 * @param cause           root-cause explanation beyond the spec (null when there is none)
 * @param repaired        the corrected packet bytes when a diagnosis knows how to repair it (else null)
 * @param protocolVersion the protocol version used to decode it (3, 4, 5, or 0 unknown)
 */
public record DecodedPacket(int index, long offset, byte[] raw, PacketType type, int flags, int remainingLength,
                            int protocolVersion, List<Field> fields, List<Finding> findings, Diagnosis cause,
                            byte[] repaired) {

    /** The root cause in English, or null when there is none. */
    public String diagnosis() {
        return cause == null ? null : cause.message();
    }

    /** The root cause in {@code locale}, or null when there is none. */
    public String diagnosis(Locale locale) {
        return cause == null ? null : cause.message(locale);
    }

    public int length() {
        return raw.length;
    }

    /** True when an error was found: the bytes break the spec (warnings and remarks aside). */
    public boolean hasErrors() {
        for (Finding f : findings) {
            if (f.severity() == Severity.ERROR) {
                return true;
            }
        }
        return false;
    }

    /** The same packet with other findings, root cause and repair. */
    DecodedPacket with(List<Finding> findings, Diagnosis cause, byte[] repaired) {
        return new DecodedPacket(index, offset, raw, type, flags, remainingLength, protocolVersion, fields,
                List.copyOf(findings), cause, repaired);
    }

    /** The same packet at another position in its stream. */
    DecodedPacket withIndex(int index) {
        return new DecodedPacket(index, offset, raw, type, flags, remainingLength, protocolVersion, fields, findings,
                cause, repaired);
    }

    /** True when a warning or error was found: the bytes are not canonical MQTT. */
    public boolean malformed() {
        for (Finding f : findings) {
            if (f.severity() != Severity.INFO) {
                return true;
            }
        }
        return false;
    }
}
