package io.mqscope.cli;

import io.mqscope.capture.Capture;
import io.mqscope.capture.CaptureException;
import io.mqscope.capture.CaptureReader;
import io.mqscope.capture.CapturedPacket;
import io.mqscope.capture.Close;
import io.mqscope.capture.Conversation;
import io.mqscope.capture.StreamFinding;
import io.mqscope.capture.Transport;
import io.mqscope.doctor.Insight;
import io.mqscope.session.Failure;
import io.mqscope.ui.capture.CaptureDoctor;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code mqscope decode --pcap FILE}: every MQTT conversation of a pcap or pcapng file (see {@link CaptureReader}),
 * one section each, with the same findings and diagnoses as {@code decode}; {@code --json} as {@link DecodePcapJson}.
 * Exit 0 without error findings, 1 with, 2 when the file is not a capture, has an unsupported link type or is cut
 * short (what was decoded before the cut is still printed).
 *
 * <p>The capture is read once, streaming ({@link CaptureReader#stream}); packets are rendered as they are decoded
 * and parked outside the heap ({@link PcapSections}, {@link PcapSpill}) until the report, which is ordered by the
 * conversations' start and begins with their count, can be written. Memory does not grow with the file.
 */
final class DecodePcap {
    private static final String LINE_END = System.lineSeparator();
    private static final String ENCRYPTED = "encrypted: contents cannot be decoded without keys";

    private DecodePcap() {
    }

    static int run(Path file, Set<Integer> ports, boolean json, boolean showSecrets, PrintWriter out,
            PrintWriter err) {
        return run(file, ports, json, showSecrets, out, err, new PcapSpill());
    }

    /** With the given spill (tests pass one with small limits). */
    static int run(Path file, Set<Integer> ports, boolean json, boolean showSecrets, PrintWriter out,
            PrintWriter err, PcapSpill spill) {
        Capture capture;
        String failure = null;
        PcapSections sections = new PcapSections(spill, json, showSecrets);
        CaptureDoctor doctor = new CaptureDoctor(sections);
        try (spill; InputStream in = Files.newInputStream(file)) {
            try {
                capture = CaptureReader.stream(in, CaptureReader.Options.defaults().withPorts(ports)
                        .withListener(doctor, false));
            } catch (CaptureException e) {
                failure = file + ": " + e.detail().text(Language.locale());
                capture = e.partial();
                if (capture == null) {
                    return fail(err, failure);
                }
            }
            boolean errors = report(file, capture, sections, doctor, failure, json, out);
            if (failure != null) {
                return fail(err, failure);
            }
            return errors ? 1 : 0;
        } catch (IOException | UncheckedIOException e) {
            out.flush();
            return fail(err, "cannot read " + file + ": " + CliSupport.whyUnreadable(e instanceof UncheckedIOException u
                    ? u.getCause() : (IOException) e));
        }
    }

    /**
     * Writes the report of a reading whose conversations went to {@code sections}; {@code capture} gives the file's
     * notes and frame count, {@code doctor} what the conversation doctor found (null: nothing). Returns whether
     * any conversation has error findings.
     */
    static boolean report(Path file, Capture capture, PcapSections sections, CaptureDoctor doctor, String failure,
                          boolean json, PrintWriter out) {
        List<PcapSections.Finished> all = sections.sections();
        List<Insight> insights = doctor == null ? List.of()
                : doctor.insights(all.stream().map(PcapSections.Finished::id).toList());
        try {
            if (json) {
                DecodePcapJson.write(file.toString(), capture, all, sections, failure, out, insights);
            } else {
                print(file, capture, all, sections, failure, out, insights);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
        return PcapSections.hasErrors(all);
    }

    private static void print(Path file, Capture capture, List<PcapSections.Finished> sections,
                              PcapSections report, String failure, PrintWriter out, List<Insight> insights)
            throws IOException {
        int n = sections.size();
        out.printf("%s: %d frames, %d MQTT conversation%s%n", file, capture.frames(), n, n == 1 ? "" : "s");
        for (PcapSections.Finished s : sections) {
            out.println();
            report.write(s, out);
        }
        if (!insights.isEmpty()) {
            // conversations are named by their place above: c1 is the first section
            Locale locale = Language.locale();
            out.println();
            out.println("insights:");
            for (Insight i : insights) {
                out.println("  " + TapEventPrinter.insightText(i, locale));
                out.println("    " + Failure.text(locale, "failure.fix", i.fix(locale)));
            }
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
        long packets = sections.stream().mapToLong(PcapSections.Finished::packets).sum();
        long bad = sections.stream().filter(PcapSections.Finished::errors).count();
        out.println(bad > 0 ? "ERROR: error findings in " + bad + " of " + n + " conversations"
                : "OK: " + n + " conversations, " + packets + " packets, no error findings");
    }

    /** A conversation's section, from its header line to its notes. */
    static void conversation(PcapSections.Section s, PrintWriter out) {
        Conversation c = s.head;
        String transport = switch (c.transport()) {
            case TCP -> "MQTT over TCP";
            case WS -> "MQTT over WebSocket";
            case TLS -> "TLS" + (c.sni() == null ? "" : ", SNI " + c.sni());
        };
        out.printf("== %s -> %s  %s, from %s%n", c.client(), c.server(), transport, c.start());
        if (c.transport() == Transport.TLS) {
            out.println("  " + ENCRYPTED);
        }
        s.packets.forEach(out::print);
        if (!s.tally.isEmpty()) {
            out.println("  websocket: " + s.tally.describe(Direction.CLIENT_TO_BROKER) + "; "
                    + s.tally.describe(Direction.BROKER_TO_CLIENT));
            s.ws.forEach(out::print);
        }
        s.tail.forEach(out::print);
    }

    /** What follows a conversation's packets and WebSocket messages: gaps, stream findings, closes, notes. */
    static String tail(Conversation c) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
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
        out.flush();
        return text.toString();
    }

    /** A packet's lines: what it is, its findings and its diagnosis. */
    static String packet(Instant start, CapturedPacket cp) {
        DecodedPacket p = cp.packet();
        // "  %-6s %s  %s  offset %d, %d bytes, remaining_length %s%s%n", built by hand: the formatter would cost
        // more than the decoding (a capture of small packets has millions of these lines)
        String peer = cp.from().peer();
        // sized for the longest usual line: growing the builder showed in profiles
        StringBuilder line = new StringBuilder(160).append("  ").append(peer);
        for (int i = peer.length(); i < 6; i++) {
            line.append(' ');
        }
        line.append(' ');
        since(nanosBetween(start, cp.time()), line);
        // cp.label(), appended in place
        line.append("  ").append(p.type().name()).append(" #").append(cp.index()).append("  offset ")
                .append(cp.streamOffset()).append(", ").append(p.length()).append(" bytes, remaining_length ");
        if (p.remainingLength() < 0) {
            line.append('?');
        } else {
            line.append(p.remainingLength());
        }
        line.append(p.malformed() ? "  MALFORMED" : "").append(LINE_END);
        if (p.findings().isEmpty() && p.diagnosis() == null) {
            return line.toString();
        }
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        out.print(line);
        for (Finding f : p.findings()) {
            DecodeReport.printFinding(f, out, "    ");
        }
        if (p.diagnosis() != null) {
            out.println("    diagnosis: " + p.diagnosis(Language.locale()));
        }
        out.flush();
        return text.toString();
    }

    /** e.g. {@code +12.345 ms} after the conversation's start. */
    static String since(Instant start, Instant time) {
        return since(nanosBetween(start, time));
    }

    /** Duration.between(start, time).toNanos(), without two objects per packet. */
    private static long nanosBetween(Instant start, Instant time) {
        return Math.addExact(Math.multiplyExact(time.getEpochSecond() - start.getEpochSecond(), 1_000_000_000L),
                time.getNano() - start.getNano());
    }

    /**
     * {@code String.format("+%.3f ms", nanos / 1e6)} without the formatter, which costs more than the rest of a
     * packet's line: below 10^15 ns the double's shortest decimal is the exact n / 10^6, which the formatter rounds
     * half up (DecodePcapSinceTest compares both).
     */
    static String since(long nanos) {
        return since(nanos, new StringBuilder(16)).toString();
    }

    /** {@link #since(long)} appended to {@code b}, with no string of its own. */
    private static StringBuilder since(long nanos, StringBuilder b) {
        if (nanos < 0 || nanos >= 1_000_000_000_000_000L) {
            return b.append(String.format(Locale.ROOT, "+%.3f ms", nanos / 1e6));
        }
        long micros = nanos / 1000 + (nanos % 1000 >= 500 ? 1 : 0);
        long frac = micros % 1000;
        b.append('+').append(micros / 1000).append('.');
        if (frac < 100) {
            b.append(frac < 10 ? "00" : "0");
        }
        return b.append(frac).append(" ms");
    }

    private static int fail(PrintWriter err, String message) {
        err.println("mqscope decode: " + message);
        err.flush();
        return 2;
    }
}
