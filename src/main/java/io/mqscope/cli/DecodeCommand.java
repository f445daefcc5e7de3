package io.mqscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mqscope.payload.HexParser;
import io.mqscope.payload.ParseResult;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.Field;
import io.mqscope.wire.Finding;
import io.mqscope.wire.HexDump;
import io.mqscope.wire.Severity;
import io.mqscope.wire.StreamDecoder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mqscope decode}: decodes MQTT bytes and diagnoses malformed frames. */
@Command(name = "decode", sortOptions = false,
        description = {"Decode MQTT bytes: every packet, every field with its byte offsets, and every problem with "
                + "the spec rule it breaks and, where known, the root cause.", "",
                "Input (one of): --hex HEX, --hex-file PATH (hex text), --file PATH (raw binary bytes), "
                + "- (hex text on standard input), or --batch FILE.jsonl.",
                "HEX may contain spaces, colons, commas, 0x prefixes and line breaks (a Wireshark or serial-log "
                + "paste)."},
        footer = {"", "Exit status: 0 decoded without error findings, 1 decoded with error findings, 2 usage or "
                + "input error.",
                "--batch: each line {\"id\":\"...\",\"hex\":\"...\",\"from\":\"client\"|\"broker\",\"version\":4} "
                + "gives one output line, the --json object plus \"id\" (\"from\" and \"version\" may be omitted: "
                + "direction unknown, version learned from CONNECT). A bad line gives {\"id\",\"error\"} and the "
                + "batch goes on; exit 2 only when the file cannot be read, else 1 when any line had error findings "
                + "or was unusable, else 0."})
public final class DecodeCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Input input;

    static final class Input {
        @Option(names = "--hex", paramLabel = "HEX", description = "the bytes as hex text")
        String hex;

        @Option(names = "--hex-file", paramLabel = "PATH", description = "a file holding hex text")
        Path hexFile;

        @Option(names = "--file", paramLabel = "PATH", description = "a file holding the raw bytes (binary)")
        Path file;

        @Option(names = "--batch", paramLabel = "FILE.jsonl", description = "decode many inputs, one JSON per line "
                + "(- for standard input)")
        String batch;

        @Parameters(arity = "0..1", paramLabel = "-", description = "read hex text from standard input")
        String stdin;
    }

    @Option(names = "--from", paramLabel = "client|broker", defaultValue = "client",
            description = "who wrote the bytes (default: ${DEFAULT-VALUE})")
    String from;

    @Option(names = "--version", paramLabel = "3|4|5",
            description = "protocol level: 3 = MQTT 3.1, 4 = 3.1.1, 5 = 5.0 (default: learned from CONNECT, else 4; "
                    + "a CONNECT is always read with its own level)")
    Integer version;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Option(names = "--json", description = "print one JSON object instead of the readable report")
    boolean json;

    @Option(names = "--connection-start", description = "the bytes start a connection: the first packet must be "
            + "CONNECT (from the client) or CONNACK (from the broker)")
    boolean connectionStart;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (version != null && (version < 3 || version > 5)) {
            return usage(err, "--version must be 3, 4 or 5, not " + version);
        }
        Direction dir;
        try {
            dir = Direction.fromPeer(from);
        } catch (IllegalArgumentException e) {
            return usage(err, "--from: " + e.getMessage());
        }
        if (input != null && input.batch != null) {
            return batch(input.batch, out, err);
        }
        byte[] bytes;
        try {
            bytes = readInput(err);
        } catch (IOException e) {
            return usage(err, "cannot read input: " + e.getMessage());
        }
        if (bytes == null) {
            return 2;
        }
        if (bytes.length == 0) {
            return usage(err, "no bytes to decode");
        }
        Decoded d = decode(bytes, dir, version == null ? 0 : version, connectionStart);
        if (json) {
            out.println(toJson(d, null).toString());
        } else {
            printReport(d, out);
        }
        out.flush();
        return d.hasErrors() ? 1 : 0;
    }

    private byte[] readInput(PrintWriter err) throws IOException {
        if (input == null) {
            usage(err, "give the bytes with --hex HEX, --hex-file PATH, --file PATH or - (hex on standard input)");
            return null;
        }
        if (input.file != null) {
            return Files.readAllBytes(input.file);
        }
        String text;
        String source;
        if (input.hex != null) {
            text = input.hex;
            source = "--hex";
        } else if (input.hexFile != null) {
            text = Files.readString(input.hexFile, StandardCharsets.UTF_8);
            source = input.hexFile.toString();
        } else if ("-".equals(input.stdin)) {
            text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            source = "standard input";
        } else {
            usage(err, "unexpected argument '" + input.stdin + "' (use - to read hex from standard input)");
            return null;
        }
        ParseResult<byte[]> r = HexParser.parse(text);
        if (!r.ok()) {
            usage(err, "bad hex in " + source + " (line " + r.line() + ", column " + r.column() + "): " + r.error());
            return null;
        }
        return r.value();
    }

    private int usage(PrintWriter err, String message) {
        err.println("mqscope decode: " + message);
        err.flush();
        return 2;
    }

    /** Packets and stream findings of one input. */
    record Decoded(List<DecodedPacket> packets, List<Finding> stream) {
        boolean hasErrors() {
            for (DecodedPacket p : packets) {
                for (Finding f : p.findings()) {
                    if (f.severity() == Severity.ERROR) {
                        return true;
                    }
                }
            }
            for (Finding f : stream) {
                if (f.severity() == Severity.ERROR) {
                    return true;
                }
            }
            return false;
        }
    }

    static Decoded decode(byte[] bytes, Direction dir, int version, boolean connectionStart) {
        if (bytes.length == 0) {
            // Only a batch line can be empty (the single-input forms refuse it as a usage error): say so as a value.
            return new Decoded(List.of(), List.of(new Finding(Severity.ERROR, "packet_type", 0, 0,
                    "no bytes: an MQTT packet has at least 2 (the type and flags byte, then the remaining_length)",
                    "3.1.1 §2.2, 5.0 §2.1")));
        }
        StreamDecoder d = new StreamDecoder(dir, version).expectConnectionStart(connectionStart);
        List<DecodedPacket> packets = d.decodeAll(bytes);
        return new Decoded(packets, d.streamFindings());
    }

    // ---- batch ----

    private int batch(String file, PrintWriter out, PrintWriter err) {
        int worst = 0;
        try (BufferedReader in = open(file)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                ObjectNode result;
                try {
                    result = batchLine(line, lineNo);
                } catch (RuntimeException e) {
                    // One bad line must not end the batch: report it as that line's result.
                    result = JSON.createObjectNode();
                    result.putNull("id");
                    result.put("error", "line " + lineNo + ": " + e);
                }
                if (result.has("error") || result.path("malformed").asBoolean() && "error".equals(
                        result.path("severity").asText())) {
                    worst = 1;
                }
                out.println(result.toString());
            }
        } catch (IOException e) {
            out.flush();
            return usage(err, "cannot read " + file + ": " + e.getMessage());
        }
        out.flush();
        return worst;
    }

    private static BufferedReader open(String file) throws IOException {
        InputStream in = "-".equals(file) ? System.in : Files.newInputStream(Path.of(file));
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    static ObjectNode batchLine(String line, int lineNo) {
        ObjectNode err = JSON.createObjectNode();
        JsonNode req;
        try {
            req = JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            err.putNull("id");
            err.put("error", "line " + lineNo + " is not JSON: " + e.getOriginalMessage());
            return err;
        }
        JsonNode id = req.get("id");
        if (id == null) {
            err.putNull("id");
        } else {
            err.set("id", id);
        }
        if (!req.isObject() || !req.path("hex").isTextual()) {
            err.put("error", "line " + lineNo + ": expected an object with \"hex\"");
            return err;
        }
        ParseResult<byte[]> hex = HexParser.parse(req.get("hex").asText());
        if (!hex.ok()) {
            err.put("error", "line " + lineNo + ": bad hex: " + hex.error());
            return err;
        }
        Direction dir = null;
        // "direction" ("client->broker", as in the reference corpus) is accepted as an alias of "from".
        JsonNode from = req.hasNonNull("from") ? req.get("from") : req.get("direction");
        if (from != null && !from.isNull()) {
            String f = from.asText();
            if (f.startsWith("client")) {
                dir = Direction.CLIENT_TO_BROKER;
            } else if (f.startsWith("broker") || f.startsWith("server")) {
                dir = Direction.BROKER_TO_CLIENT;
            } else {
                err.put("error", "line " + lineNo + ": \"from\" must be \"client\" or \"broker\", not \"" + f + "\"");
                return err;
            }
        }
        int version = req.hasNonNull("version") ? req.path("version").asInt(0)
                : req.path("protocol_version").asInt(0);
        if (version != 0 && (version < 3 || version > 5)) {
            err.put("error", "line " + lineNo + ": \"version\" must be 3, 4 or 5, not " + version);
            return err;
        }
        boolean start = req.path("connection_start").asBoolean(false);
        return toJson(decode(hex.value(), dir, version, start), id);
    }

    // ---- JSON ----

    static ObjectNode toJson(Decoded d, JsonNode id) {
        ObjectNode root = JSON.createObjectNode();
        if (id != null) {
            root.set("id", id);
        }
        // Summary in the corpus's own terms, for quick checks: the first packet's type, the root-cause finding.
        Finding top = rootCause(d);
        boolean malformed = top != null && top.severity() != Severity.INFO;
        root.put("packet_type", d.packets().isEmpty() ? null : d.packets().get(0).type().name());
        root.put("malformed", malformed);
        if (malformed) {
            root.put("severity", top.severity().jsonName());
            ObjectNode e = root.putObject("error");
            e.put("field", top.field());
            e.put("detail", top.message());
            e.put("spec", top.spec());
        } else {
            root.putNull("severity");
            root.putNull("error");
        }
        ArrayNode packets = root.putArray("packets");
        for (DecodedPacket p : d.packets()) {
            packets.add(packet(p));
        }
        ArrayNode stream = root.putArray("findings");
        for (Finding f : d.stream()) {
            stream.add(finding(f));
        }
        return root;
    }

    /** The first finding of the highest severity, packets first (in order), then the stream's. */
    static Finding rootCause(Decoded d) {
        Finding best = null;
        List<Finding> all = new ArrayList<>();
        for (DecodedPacket p : d.packets()) {
            all.addAll(p.findings());
        }
        all.addAll(d.stream());
        for (Finding f : all) {
            if (best == null || f.severity().ordinal() < best.severity().ordinal()) {
                best = f;
            }
        }
        return best;
    }

    static ObjectNode packet(DecodedPacket p) {
        ObjectNode o = JSON.createObjectNode();
        o.put("index", p.index());
        o.put("offset", p.offset());
        o.put("length", p.length());
        o.put("type", p.type().name());
        o.put("flags", p.flags());
        o.put("remaining_length", p.remainingLength());
        o.put("protocol_version", p.protocolVersion());
        o.put("malformed", p.malformed());
        o.put("hex", HexDump.hex(p.raw(), 0, p.length()));
        ArrayNode fields = o.putArray("fields");
        for (Field f : p.fields()) {
            fields.add(field(f, p.raw()));
        }
        ArrayNode findings = o.putArray("findings");
        for (Finding f : p.findings()) {
            findings.add(finding(f));
        }
        o.put("diagnosis", p.diagnosis());
        if (p.repaired() != null) {
            o.put("repaired", HexDump.hex(p.repaired(), 0, p.repaired().length));
        }
        return o;
    }

    private static ObjectNode field(Field f, byte[] raw) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", f.name());
        o.put("offset", f.offset());
        o.put("length", f.length());
        o.set("value", JSON.valueToTree(f.value()));
        if (isBinary(f.name())) {
            String text = printableText(f.value());
            if (text != null) {
                o.put("text", text);
            }
        }
        if (!f.children().isEmpty()) {
            ArrayNode c = o.putArray("children");
            for (Field k : f.children()) {
                c.add(field(k, raw));
            }
        }
        return o;
    }

    private static boolean isBinary(String name) {
        return name.equals("payload") || name.equals("password") || name.equals("will_payload")
                || name.equals("correlation_data") || name.equals("authentication_data");
    }

    /** The UTF-8 text of a hex value when it is printable, else null. */
    static String printableText(Object hexValue) {
        if (!(hexValue instanceof String h) || h.isEmpty()) {
            return null;
        }
        ParseResult<byte[]> r = HexParser.parse(h);
        if (!r.ok()) {
            return null;
        }
        var dec = StandardCharsets.UTF_8.newDecoder();
        try {
            String s = dec.decode(java.nio.ByteBuffer.wrap(r.value())).toString();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7f) {
                    return null;
                }
            }
            return s;
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    private static ObjectNode finding(Finding f) {
        ObjectNode o = JSON.createObjectNode();
        o.put("severity", f.severity().jsonName());
        o.put("field", f.field());
        o.put("offset", f.offset());
        o.put("length", f.length());
        o.put("message", f.message());
        o.put("spec", f.spec());
        return o;
    }

    // ---- readable report ----

    private static void printReport(Decoded d, PrintWriter out) {
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
                out.println("  diagnosis: " + p.diagnosis());
            }
            if (p.repaired() != null) {
                out.println("  repaired:  " + HexDump.hex(p.repaired(), " "));
            }
            out.println();
        }
        if (!d.stream().isEmpty()) {
            out.println("stream findings (offsets in the stream):");
            for (Finding f : d.stream()) {
                printFinding(f, out, "  ");
            }
        }
        Finding top = rootCause(d);
        if (top == null || top.severity() == Severity.INFO) {
            out.println("OK: " + d.packets().size() + (d.packets().size() == 1 ? " packet" : " packets")
                    + ", well-formed");
        } else {
            out.println(top.severity() + ": " + top.field() + ": " + top.message());
        }
    }

    private static void printField(Field f, PrintWriter out, String indent) {
        String value = f.value() == null ? "" : f.value() instanceof String s ? quoteIfText(f.name(), s)
                : String.valueOf(f.value());
        String text = isBinary(f.name()) ? printableText(f.value()) : null;
        out.printf("%s%4d +%-3d %s = %s%s%n", indent, f.offset(), f.length(), f.name(), value,
                text == null ? "" : "  (\"" + text + "\")");
        for (Field c : f.children()) {
            printField(c, out, indent + "  ");
        }
    }

    private static String quoteIfText(String name, String s) {
        if (isBinary(name) || name.equals("header_flags") || name.equals("packet_type")) {
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

    private static void printFinding(Finding f, PrintWriter out, String indent) {
        out.printf("%s%-7s %s @%d+%d: %s%s%n", indent, f.severity().name(), f.field(), f.offset(), f.length(),
                f.message(), f.spec().isEmpty() ? "" : "  [" + f.spec() + "]");
    }
}
