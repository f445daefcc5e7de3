package io.mqscope.cli;

import io.mqscope.capture.CaptureReader;
import io.mqscope.capture.CapturedPacket;
import io.mqscope.capture.Conversation;
import io.mqscope.capture.Gap;
import io.mqscope.capture.StreamFinding;
import io.mqscope.capture.WsFrame;
import io.mqscope.wire.Finding;
import io.mqscope.wire.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sections of a {@code decode --pcap} report, rendered while the capture is read: each packet and WebSocket
 * message is turned into its text (or JSON) as soon as the reader hands it over and parked in a {@link PcapSpill}
 * run; when a conversation ends, what follows its packets is rendered too and only its endpoints stay on the heap.
 * So the heap holds per conversation a few small objects, never its packets, however large the capture.
 */
final class PcapSections implements CaptureReader.Listener {

    /** One conversation's part of the report. */
    static final class Section {
        final long id;
        /** The conversation, once it has ended (until its section is sealed). */
        Conversation head;
        final PcapSpill.Run packets;
        /** Text: the WebSocket messages with a detail line. JSON: every WebSocket message. */
        final PcapSpill.Run ws;
        /** Text: gaps, stream findings, closes and notes. JSON: the stream findings. */
        final PcapSpill.Run tail;
        /** JSON only: the gaps. */
        final PcapSpill.Run gaps;
        final WsMessage.Tally tally = new WsMessage.Tally();
        private final WsMessage.Grouping grouping;
        boolean errors;

        Section(long id, PcapSpill spill, boolean json) {
            this.id = id;
            this.packets = spill.run();
            this.ws = spill.run();
            this.tail = spill.run();
            this.gaps = json ? spill.run() : null;
            this.grouping = new WsMessage.Grouping(m -> {
                tally.add(m);
                if (json) {
                    ws.add(nanos(m.time()), DecodePcapJson.wsMessage(m));
                } else if (!m.detail().isEmpty()) {
                    ws.add(nanos(m.time()), "    " + m.from().peer() + " " + m.type() + " " + m.detail()
                            + System.lineSeparator());
                }
            });
        }
    }

    /**
     * A finished conversation as the report needs it at the end: its place (start, then order of appearance), its
     * counts, and its rendered section (and, for JSON, its remarks for the file's notes) sealed in the spill file,
     * or for a large one ({@link PcapSpill#SEAL_LIMIT}) still in its runs.
     */
    record Finished(long id, Instant start, long packets, boolean errors, PcapSpill.Region section,
                    PcapSpill.Region notes, Section unsealed) {
    }


    private final PcapSpill spill;
    private final boolean json;
    private final boolean showSecrets;
    private final Map<Long, Section> open = new HashMap<>();
    private final List<Finished> done = new ArrayList<>();

    PcapSections(PcapSpill spill, boolean json, boolean showSecrets) {
        this.spill = spill;
        this.json = json;
        this.showSecrets = showSecrets;
    }

    private Section section(long id) {
        return open.computeIfAbsent(id, i -> new Section(i, spill, json));
    }

    @Override
    public void packet(long id, Instant start, CapturedPacket packet) {
        Section s = section(id);
        if (!s.errors) {
            for (Finding f : packet.packet().findings()) {
                s.errors |= isError(f);
            }
        }
        s.packets.add(nanos(packet.time()), json ? DecodePcapJson.packet(packet, showSecrets)
                : DecodePcap.packet(start, packet));
    }

    @Override
    public void frame(long id, WsFrame frame) {
        section(id).grouping.add(frame);
    }

    @Override
    public void conversation(long id, Conversation c) {
        Section s = section(id);
        open.remove(id);
        s.grouping.end();
        s.errors |= c.findings().stream().map(StreamFinding::finding).anyMatch(PcapSections::isError);
        if (json) {
            for (StreamFinding f : c.findings()) {
                s.tail.add(0, DecodePcapJson.finding(f));
            }
            for (Gap g : c.gaps()) {
                s.gaps.add(0, DecodePcapJson.gap(g));
            }
        } else {
            String tail = DecodePcap.tail(c);
            if (!tail.isEmpty()) {
                s.tail.add(0, tail);
            }
        }
        s.head = c;
        PcapSpill.Region notes = json ? spill.seal(out -> DecodePcapJson.notes(s, out)) : null;
        PcapSpill.Run[] runs = {s.packets, s.ws, s.tail, s.gaps};
        long size = 0;
        for (PcapSpill.Run r : runs) {
            size += r == null ? 0 : r.bytes();
        }
        if (size > spill.sealLimit()) {
            // a large section keeps its runs (a few hundred bytes of heap next to megabytes in the file) and is
            // written from them at the end, instead of being copied once more now
            done.add(new Finished(id, c.start(), c.packetCount(), s.errors, null, notes, s));
            return;
        }
        // a small section goes to the file in one piece and its runs are let go: what stays on the heap for a
        // finished conversation is a few numbers, however many conversations the capture holds
        PcapSpill.Region section = spill.seal(out -> render(s, out));
        for (PcapSpill.Run r : runs) {
            if (r != null) {
                r.release();
            }
        }
        done.add(new Finished(id, c.start(), c.packetCount(), s.errors, section, notes, null));
    }

    /** The section's text: from its sealed region, or rendered from its runs. */
    void write(Finished f, java.io.PrintWriter out) throws java.io.IOException {
        if (f.section() != null) {
            spill.copy(f.section(), out);
        } else {
            render(f.unsealed(), out);
        }
    }

    private void render(Section s, java.io.PrintWriter out) {
        if (json) {
            DecodePcapJson.conversation(s, out);
        } else {
            DecodePcap.conversation(s, out);
        }
    }

    /** The finished conversations by start, those that started together in order of appearance. */
    List<Finished> sections() {
        List<Finished> out = new ArrayList<>(done);
        out.sort(Comparator.comparing(Finished::start).thenComparingLong(Finished::id));
        return out;
    }

    PcapSpill spill() {
        return spill;
    }

    static boolean hasErrors(List<Finished> sections) {
        return sections.stream().anyMatch(Finished::errors);
    }

    static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static boolean isError(Finding f) {
        return f.severity() == Severity.ERROR;
    }
}
