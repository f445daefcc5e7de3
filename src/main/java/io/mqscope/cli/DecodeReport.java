package io.mqscope.cli;

import io.mqscope.store.PacketJson;
import io.mqscope.wire.DecodeResult;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Field;
import io.mqscope.wire.Finding;
import io.mqscope.wire.HexDump;
import java.io.PrintWriter;

/** The readable report of {@code mqscope decode}: each packet's fields, bytes, findings and diagnosis; a verdict. */
final class DecodeReport {
    private DecodeReport() {
    }

    static void print(DecodeResult d, PrintWriter out) {
        for (DecodedPacket p : d.packets()) {
            out.printf("#%d %s  offset %d, %d bytes, remaining_length %s, MQTT %s%s%n", p.index(), p.type().name(),
                    p.offset(), p.length(), p.remainingLength() < 0 ? "?" : String.valueOf(p.remainingLength()),
                    p.protocolVersion() == 3 ? "3.1" : p.protocolVersion() == 5 ? "5.0" : "3.1.1",
                    p.malformed() ? "  MALFORMED" : "");
            out.println("  fields (offset +length name = value):");
            for (Field f : p.fields()) {
                printField(f, out, "    ");
            }
            out.println("  bytes:");
            for (String line : HexDump.renderAttributed(p).split("\n")) {
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
                out.println("  repaired:  " + HexDump.hex(p.repaired(), " "));
            }
            out.println();
        }
        if (!d.streamFindings().isEmpty()) {
            out.println("stream findings (offsets in the stream):");
            for (Finding f : d.streamFindings()) {
                printFinding(f, out, "  ");
            }
        }
        Finding top = d.rootCause();
        if (!d.malformed()) {
            out.println("OK: " + d.packets().size() + (d.packets().size() == 1 ? " packet" : " packets")
                    + ", well-formed");
        } else {
            out.println(top.severity() + ": " + top.field() + ": " + top.message(Language.locale()));
        }
    }

    private static void printField(Field f, PrintWriter out, String indent) {
        String value = f.value() == null ? "" : f.value() instanceof String s ? quoteIfText(f.kind(), s)
                : String.valueOf(f.value());
        String text = f.kind() == Field.Kind.BINARY ? PacketJson.printableText(f.value()) : null;
        out.printf("%s%4d +%-3d %s = %s%s%n", indent, f.offset(), f.length(), f.name(), value,
                text == null ? "" : "  (\"" + text + "\")");
        for (Field c : f.children()) {
            printField(c, out, indent + "  ");
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
