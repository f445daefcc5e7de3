package io.mqscope.cli;

import io.mqscope.capture.Capture;
import io.mqscope.capture.CaptureException;
import io.mqscope.capture.CaptureReader;
import io.mqscope.capture.CapturedPacket;
import io.mqscope.capture.Close;
import io.mqscope.capture.Conversation;
import io.mqscope.capture.StreamFinding;
import io.mqscope.capture.Transport;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.Finding;
import io.mqscope.wire.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code mqscope decode --pcap FILE}: every MQTT conversation of a pcap or pcapng file (see {@link CaptureReader}),
 * one section each, with the same findings and diagnoses as {@code decode}; {@code --json} as {@link DecodePcapJson}.
 * Exit 0 without error findings, 1 with, 2 when the file is not a capture, has an unsupported link type or is cut
 * short (what was decoded before the cut is still printed).
 */
final class DecodePcap {
    private static final String ENCRYPTED = "encrypted: contents cannot be decoded without keys";

    private DecodePcap() {
    }

    static int run(Path file, Set<Integer> ports, boolean json, boolean showSecrets, PrintWriter out,
            PrintWriter err) {
        Capture capture;
        String failure = null;
        try {
            capture = CaptureReader.read(file, CaptureReader.Options.defaults().withPorts(ports));
        } catch (IOException e) {
            return fail(err, "cannot read " + file + ": " + CliSupport.whyUnreadable(e));
        } catch (CaptureException e) {
            failure = file + ": " + e.getMessage();
            capture = e.partial();
            if (capture == null) {
                return fail(err, failure);
            }
        }
        if (json) {
            out.println(DecodePcapJson.render(file.toString(), capture, failure, showSecrets));
        } else {
            print(file, capture, failure, out);
        }
        out.flush();
        if (failure != null) {
            return fail(err, failure);
        }
        return hasErrors(capture) ? 1 : 0;
    }

    static boolean hasErrors(Capture capture) {
        return capture.conversations().stream().anyMatch(DecodePcap::hasErrors);
    }

    private static boolean hasErrors(Conversation c) {
        return c.packets().stream().flatMap(p -> p.packet().findings().stream())
                .anyMatch(f -> f.severity() == Severity.ERROR)
                || c.findings().stream().anyMatch(f -> f.finding().severity() == Severity.ERROR);
    }

    private static void print(Path file, Capture capture, String failure, PrintWriter out) {
        int n = capture.conversations().size();
        out.printf("%s: %d frames, %d MQTT conversation%s%n", file, capture.frames(), n, n == 1 ? "" : "s");
        for (Conversation c : capture.conversations()) {
            out.println();
            conversation(c, out);
        }
        if (!capture.notes().isEmpty() || failure != null) {
            out.println();
            out.println("notes:");
            capture.notes().forEach(note -> out.println("  " + note));
            if (failure != null) {
                out.println("  " + failure);
            }
        }
        out.println();
        long packets = capture.conversations().stream().mapToLong(Conversation::packetCount).sum();
        long bad = capture.conversations().stream().filter(DecodePcap::hasErrors).count();
        out.println(bad > 0 ? "ERROR: error findings in " + bad + " of " + n + " conversations"
                : "OK: " + n + " conversations, " + packets + " packets, no error findings");
    }

    private static void conversation(Conversation c, PrintWriter out) {
        String transport = switch (c.transport()) {
            case TCP -> "MQTT over TCP";
            case WS -> "MQTT over WebSocket";
            case TLS -> "TLS" + (c.sni() == null ? "" : ", SNI " + c.sni());
        };
        out.printf("== %s -> %s  %s, from %s%n", c.client(), c.server(), transport, c.start());
        if (c.transport() == Transport.TLS) {
            out.println("  " + ENCRYPTED);
        }
        for (CapturedPacket p : c.packets()) {
            packet(c.start(), p, out);
        }
        if (c.packets().size() < c.packetCount()) {
            out.println("  (" + c.packetCount() + " packets decoded, " + c.packets().size() + " kept)");
        }
        List<WsMessage> ws = WsMessage.of(c.ws());
        if (!ws.isEmpty()) {
            out.println("  websocket: " + wsSummary(ws, Direction.CLIENT_TO_BROKER) + "; "
                    + wsSummary(ws, Direction.BROKER_TO_CLIENT));
            ws.stream().filter(m -> !m.detail().isEmpty()).forEach(m -> out.println("    " + m.from().peer() + " "
                    + m.type() + " " + m.detail()));
        }
        if (!c.gaps().isEmpty()) {
            out.println("  gaps:");
            c.gaps().forEach(g -> out.println("    " + g.describe()));
        }
        if (!c.findings().isEmpty()) {
            out.println("  stream findings (offsets in the sender's stream):");
            for (StreamFinding f : c.findings()) {
                DecodeReport.printFinding(f.finding(), out, "    " + f.from().peer() + " ");
            }
        }
        for (Close cl : c.closes()) {
            out.println("  close: " + cl.description());
        }
        List<String> notes = c.notes().stream().filter(note -> !note.startsWith("encrypted:")).toList();
        if (!notes.isEmpty()) {
            out.println("  notes:");
            notes.forEach(note -> out.println("    " + note));
        }
    }

    private static void packet(Instant start, CapturedPacket cp, PrintWriter out) {
        DecodedPacket p = cp.packet();
        out.printf("  %-6s %s  %s  offset %d, %d bytes, remaining_length %s%s%n", cp.from().peer(),
                since(start, cp.time()), cp.label(), cp.streamOffset(), p.length(),
                p.remainingLength() < 0 ? "?" : String.valueOf(p.remainingLength()), p.malformed() ? "  MALFORMED"
                        : "");
        for (Finding f : p.findings()) {
            DecodeReport.printFinding(f, out, "    ");
        }
        if (p.diagnosis() != null) {
            out.println("    diagnosis: " + p.diagnosis());
        }
    }

    /** e.g. {@code +12.345 ms} after the conversation's start. */
    static String since(Instant start, Instant time) {
        long nanos = Duration.between(start, time).toNanos();
        return String.format(Locale.ROOT, "+%.3f ms", nanos / 1e6);
    }

    private static String wsSummary(List<WsMessage> ws, Direction from) {
        List<WsMessage> mine = ws.stream().filter(m -> m.from() == from).toList();
        long frames = mine.stream().mapToLong(WsMessage::frames).sum();
        long bytes = mine.stream().mapToLong(WsMessage::length).sum();
        long masked = mine.stream().filter(WsMessage::masked).count();
        long open = mine.stream().filter(m -> !m.complete()).count();
        return from.peer() + " " + mine.size() + " message" + (mine.size() == 1 ? "" : "s") + " in " + frames
                + " frame" + (frames == 1 ? "" : "s") + ", " + bytes + " bytes" + (mine.isEmpty() ? ""
                : masked == mine.size() ? ", masked" : masked == 0 ? ", unmasked" : ", " + masked + " masked")
                + (open == 0 ? "" : ", " + open + " cut short");
    }

    private static int fail(PrintWriter err, String message) {
        err.println("mqscope decode: " + message);
        err.flush();
        return 2;
    }
}
