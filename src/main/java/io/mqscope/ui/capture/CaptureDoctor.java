package io.mqscope.ui.capture;

import io.mqscope.capture.CaptureReader;
import io.mqscope.capture.CapturedPacket;
import io.mqscope.capture.Close;
import io.mqscope.capture.Conversation;
import io.mqscope.capture.WsFrame;
import io.mqscope.doctor.Doctor;
import io.mqscope.doctor.Insight;
import io.mqscope.doctor.Observation;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The conversation doctor over a capture's conversations, timed by the capture's timestamps: the one reading of a
 * file that {@code decode --pcap} prints and the desktop's Insights tab shows for an opened capture. Free of JavaFX
 * (the CLI uses it); it sits here because it needs both capture and doctor, which know nothing of each other.
 *
 * <p>The doctor reads time order, and a file is not always in it: a reader hands a conversation's packets over when
 * they are complete and its close only when it finishes the conversation (minutes of capture time later), and a
 * file written conversation by conversation (the pcapng {@code tap --pcap} and the desktop export write) goes back
 * in time at each conversation. So packets and closes (the first FIN or RST, told when the reader meets it, else
 * when it finishes the conversation) wait in a queue ordered by time, which gives the doctor the earliest when it
 * holds more than {@value #HELD} observations or {@value #HELD_BYTES} bytes of packets; at the end of the capture
 * the rest goes in order and the doctor decides what waited for more time ({@link Doctor#end}), so the last
 * insights of every conversation are there, the same every time. {@link #insights(List)} names conversations as
 * the report orders them ({@code c1} is the first section), {@link #insights(List, List)} as the caller says.
 */
public final class CaptureDoctor implements CaptureReader.Listener {
    /** Insights kept at most: a capture of a storm must not fill the heap with them. */
    private static final int KEPT = 1000;

    private final CaptureReader.Listener report;
    private final Doctor doctor = new Doctor();
    private final List<Insight> insights = new ArrayList<>();
    /** Unfinished conversations whose close the doctor got, and those it got packets of. */
    private final Set<String> closed = new HashSet<>();
    private final Set<String> seen = new HashSet<>();
    private long last = Long.MIN_VALUE;
    private boolean ended;
    /** Observations not yet given to the doctor, earliest first (ties in the order they came). */
    private final PriorityQueue<Held> held = new PriorityQueue<>(Comparator.comparingLong(Held::nanos)
            .thenComparingLong(Held::seq));
    private long heldBytes;
    private long seq;
    private static final int HELD = 2_000;
    private static final long HELD_BYTES = 2L << 20;

    private record Held(long nanos, long seq, Observation o, int bytes) {
    }

    /** @param report told everything the reader tells, before the doctor reads it */
    public CaptureDoctor(CaptureReader.Listener report) {
        this.report = report;
    }

    @Override
    public void packet(long id, Instant start, CapturedPacket packet) {
        report.packet(id, start, packet);
        DecodedPacket p = labelled(packet);
        String conn = Long.toString(id);
        seen.add(conn);
        hold(new Observation.Packet(conn, at(packet.time()), packet.from(), p), p.length());
    }

    @Override
    public void closed(long id, Direction by, Instant time) {
        String conn = Long.toString(id);
        if (seen.contains(conn) && closed.add(conn)) {
            hold(new Observation.Closed(conn, at(time), closer(by)), 0);
        }
    }

    @Override
    public void frame(long id, WsFrame frame) {
        report.frame(id, frame);
    }

    @Override
    public void conversation(long id, Conversation c) {
        report.conversation(id, c);
        String conn = Long.toString(id);
        // nothing more comes of this conversation: its marks go (a capture of a million connections)
        boolean told = closed.remove(conn);
        seen.remove(conn);
        if (c.closes().isEmpty() || told) {
            return; // told at its FIN already, or the capture ended while the connection was open
        }
        // recognised as MQTT only when finished: the close that came first
        Close first = c.closes().stream().min(Comparator.comparing(Close::time)).orElseThrow();
        hold(new Observation.Closed(conn, at(first.time()), closer(first.by())), 0);
    }

    /**
     * The packet numbered as the capture labels it: after a gap the decoder counts again from the resynchronisation,
     * the label counts the whole stream, and insights point at the label's number.
     */
    static DecodedPacket labelled(CapturedPacket packet) {
        DecodedPacket p = packet.packet();
        if (p.index() == packet.index()) {
            return p;
        }
        return new DecodedPacket(packet.index(), p.offset(), p.raw(), p.type(), p.flags(), p.remainingLength(),
                p.protocolVersion(), p.fields(), p.findings(), p.cause(), p.repaired());
    }

    private static Observation.Closer closer(Direction by) {
        return by == Direction.CLIENT_TO_BROKER ? Observation.Closer.CLIENT
                : by == Direction.BROKER_TO_CLIENT ? Observation.Closer.BROKER : Observation.Closer.UNKNOWN;
    }

    private long at(Instant time) {
        long nanos = CaptureImport.nanos(time);
        last = Math.max(last, nanos);
        return nanos;
    }

    private void hold(Observation o, int bytes) {
        held.add(new Held(o.nanos(), seq++, o, bytes));
        heldBytes += bytes;
        while (held.size() > HELD || heldBytes > HELD_BYTES) {
            release();
        }
    }

    private void release() {
        Held h = held.poll();
        heldBytes -= h.bytes();
        keep(doctor.see(h.o()));
    }

    /** The capture ended: the rest goes in time order, then the doctor decides what waited for more time. */
    public void end() {
        while (!held.isEmpty()) {
            release();
        }
        if (!ended && last != Long.MIN_VALUE) {
            keep(doctor.end(last));
        }
        ended = true;
    }

    private void keep(List<Insight> found) {
        for (Insight i : found) {
            if (insights.size() < KEPT) {
                insights.add(i);
            }
        }
    }

    /** The insights, their conversations named by their place in the report ({@code ids} in report order). */
    public List<Insight> insights(List<Long> ids) {
        List<String> names = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            names.add("c" + (i + 1));
        }
        return insights(ids, names);
    }

    /** The insights, the conversation {@code ids.get(i)} named {@code names.get(i)}. */
    public List<Insight> insights(List<Long> ids, List<String> names) {
        end();
        Map<String, String> byId = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            byId.put(Long.toString(ids.get(i)), names.get(i));
        }
        List<Insight> out = new ArrayList<>(insights.size());
        for (Insight i : insights) {
            out.add(i.renamed(c -> byId.getOrDefault(c, c)));
        }
        return out;
    }
}
