package io.mqscope.cli;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The conversation doctor over a capture's conversations ({@code decode --pcap}): it sees each packet as the reader
 * hands it on to the report's sections, timed by the capture's timestamps, and each conversation's close when the
 * reader finishes it. Insights name conversations as the report orders them: {@code c1} is the first section.
 */
final class PcapDoctor implements CaptureReader.Listener {
    /** Insights kept at most: a capture of a storm must not fill the heap with them. */
    private static final int KEPT = 1000;

    private final CaptureReader.Listener report;
    private final Doctor doctor = new Doctor();
    private final List<Insight> insights = new ArrayList<>();

    PcapDoctor(CaptureReader.Listener report) {
        this.report = report;
    }

    @Override
    public void packet(long id, Instant start, CapturedPacket packet) {
        report.packet(id, start, packet);
        DecodedPacket p = packet.packet();
        if (p.index() != packet.index()) {
            // after a gap the capture's label counts the whole stream: insights point at the label's number
            p = new DecodedPacket(packet.index(), p.offset(), p.raw(), p.type(), p.flags(), p.remainingLength(),
                    p.protocolVersion(), p.fields(), p.findings(), p.cause(), p.repaired());
        }
        keep(doctor.see(new Observation.Packet(Long.toString(id), PcapSections.nanos(packet.time()),
                packet.from(), p)));
    }

    @Override
    public void frame(long id, WsFrame frame) {
        report.frame(id, frame);
    }

    @Override
    public void conversation(long id, Conversation c) {
        report.conversation(id, c);
        if (c.closes().isEmpty()) {
            return; // the capture ended while the connection was open: nobody closed it
        }
        Close first = c.closes().get(0);
        Observation.Closer by = first.by() == Direction.CLIENT_TO_BROKER ? Observation.Closer.CLIENT
                : first.by() == Direction.BROKER_TO_CLIENT ? Observation.Closer.BROKER : Observation.Closer.UNKNOWN;
        keep(doctor.see(new Observation.Closed(Long.toString(id), PcapSections.nanos(first.time()), by)));
    }

    private void keep(List<Insight> found) {
        for (Insight i : found) {
            if (insights.size() < KEPT) {
                insights.add(i);
            }
        }
    }

    /** The insights, their conversations named by their place in the report ({@code ids} in report order). */
    List<Insight> insights(List<Long> ids) {
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            names.put(Long.toString(ids.get(i)), "c" + (i + 1));
        }
        List<Insight> out = new ArrayList<>(insights.size());
        for (Insight i : insights) {
            out.add(i.renamed(c -> names.getOrDefault(c, c)));
        }
        return out;
    }
}
