package io.mqscope.cli;

import io.mqscope.store.PacketJson;
import io.mqscope.wire.DecodeResult;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Field;
import io.mqscope.wire.Finding;
import io.mqscope.wire.Direction;
import io.mqscope.wire.HexDump;
import io.mqscope.wire.PacketType;
import io.mqscope.wire.Secrets;
import io.mqscope.wire.Severity;
import io.mqscope.wire.StreamDecoder;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.util.List;

/** The readable report of {@code mqscope decode}: each packet's fields, bytes, findings and diagnosis; a verdict. */
final class DecodeReport {
    private DecodeReport() {
    }

    static void print(DecodeResult d, boolean showSecrets, PrintWriter out) {
        for (DecodedPacket p : d.packets()) {
            printPacket(p, showSecrets, out);
        }
        printEnd(d.packets().size(), d.streamFindings(), d.rootCause(), out);
    }

    /**
     * Decodes and prints packet by packet, holding none of them ({@code decode -} of a 10 MB paste is over a million
     * packets), through a buffer rather than a flush per line. Returns whether any finding is an error.
     */
    static boolean print(byte[] bytes, Direction dir, int version, boolean connectionStart, boolean showSecrets,
            PrintWriter out) {
        PrintWriter buffered = new PrintWriter(new BufferedWriter(out, 1 << 16));
        Tally t = new Tally();
        StreamDecoder d = new StreamDecoder(dir, version).expectConnectionStart(connectionStart);
        d.decodeAll(bytes, p -> {
            t.add(p);
            printPacket(p, showSecrets, buffered);
        });
        Finding top = DecodeResult.rootCause(t.rootCause, d.streamFindings());
        printEnd(t.packets, d.streamFindings(), top, buffered);
        buffered.flush();
        return top != null && top.severity() == Severity.ERROR;
    }

    /** What the verdict needs of the packets once they are printed: their number, the first's type, the root cause. */
    static final class Tally {
        int packets;
        PacketType firstType;
        Finding rootCause;

        void add(DecodedPacket p) {
            if (packets++ == 0) {
                firstType = p.type();
            }
            rootCause = DecodeResult.rootCause(rootCause, p.findings());
        }
    }

    /** One packet; unless {@code showSecrets}, its password reads {@code *** (7 bytes)} and its bytes {@code **}. */
    private static void printPacket(DecodedPacket p, boolean showSecrets, PrintWriter out) {
        out.printf("#%d %s  offset %d, %d bytes, remaining_length %s, MQTT %s%s%n", p.index(), p.type().name(),
                p.offset(), p.length(), p.remainingLength() < 0 ? "?" : String.valueOf(p.remainingLength()),
                p.protocolVersion() == 3 ? "3.1" : p.protocolVersion() == 5 ? "5.0" : "3.1.1",
                p.malformed() ? "  MALFORMED" : "");
        out.println("  fields (offset +length name = value):");
        for (Field f : p.fields()) {
            printField(f, showSecrets, out, "    ");
        }
        out.println("  bytes:");
        for (String line : HexDump.renderAttributed(p, showSecrets).split("\n")) {
            out.println("    " + line);
        }
        if (!p.findings().isEmpty()) {
            out.println("  findings:");
            for (Finding f : p.findings()) {
                printFinding(f, out, "    ");
            }
        }
        if (p.diagnosis() != null) {
            out.println("  diagnosis: " + p.diagnosis(Language.locale()));
        }
        if (p.repaired() != null) {
            out.println("  repaired:  " + Secrets.hex(p.repaired(), showSecrets ? null : Secrets.passwordInRepair(p),
                    " "));
        }
        out.println();
    }

    private static void printEnd(int packets, List<Finding> streamFindings, Finding top, PrintWriter out) {
        if (!streamFindings.isEmpty()) {
            out.println("stream findings (offsets in the stream):");
            for (Finding f : streamFindings) {
                printFinding(f, out, "  ");
            }
        }
        if (top == null || top.severity() == Severity.INFO) {
            out.println("OK: " + packets + (packets == 1 ? " packet" : " packets") + ", well-formed");
        } else {
            out.println(top.severity() + ": " + top.field() + ": " + top.message(Language.locale()));
        }
    }

    private static void printField(Field f, boolean showSecrets, PrintWriter out, String indent) {
        if (!showSecrets && Secrets.isSecret(f)) {
            out.printf("%s%4d +%-3d %s = %s%n", indent, f.offset(), f.length(), f.name(), Secrets.hiddenValue(f));
            return;
        }
        String value = f.value() == null ? "" : f.value() instanceof String s ? quoteIfText(f.kind(), s)
                : String.valueOf(f.value());
        String text = f.kind() == Field.Kind.BINARY ? PacketJson.printableText(f.value()) : null;
        out.printf("%s%4d +%-3d %s = %s%s%n", indent, f.offset(), f.length(), f.name(), value,
                text == null ? "" : "  (\"" + text + "\")");
        for (Field c : f.children()) {
            printField(c, showSecrets, out, indent + "  ");
        }
    }

    /** Binary data (as hex), flag bits and the packet type print bare; other string values in quotes. */
    private static String quoteIfText(Field.Kind kind, String s) {
        if (kind == Field.Kind.BINARY || kind == Field.Kind.BITS || kind == Field.Kind.ENUM) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == 0xfffd) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    static void printFinding(Finding f, PrintWriter out, String indent) {
        out.printf("%s%-7s %s @%d+%d: %s%s%n", indent, f.severity().name(), f.field(), f.offset(), f.length(),
                f.message(Language.locale()), f.spec().isEmpty() ? "" : "  [" + f.spec() + "]");
    }
}
