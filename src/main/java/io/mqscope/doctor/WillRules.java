package io.mqscope.doctor;

import io.mqscope.doctor.Observation.Closer;
import io.mqscope.wire.Direction;
import io.mqscope.wire.PacketType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code will.published}: a connection with a will ended without DISCONNECT (or with 5.0's 0x04), so the broker
 * publishes the will (3.1.1 §3.1.2.5, 5.0 §3.1.2.5), after the Will Delay Interval unless the session is resumed
 * first (5.0 §3.1.3.2.2). Reported with the connection that received it when one through the same doctor does,
 * else once the delay and a grace period have passed.
 */
final class WillRules implements RuleGroup {
    private static final long GRACE_NANOS = 2_000_000_000L;

    /** A will the broker is about to publish. */
    private static final class Due {
        final Track track;
        final long at;

        Due(Track track, long at) {
            this.track = track;
            this.at = at;
        }
    }

    private final Tracks tracks;
    private final List<Due> due = new ArrayList<>();

    WillRules(Tracks tracks) {
        this.tracks = tracks;
    }

    @Override
    public void closed(Track t, Observation.Closed c, List<Insight> out) {
        if (t.will && t.willTopic != null && !t.clientDisconnected && t.accepted()) {
            due.add(new Due(t, c.nanos() + t.willDelay * 1_000_000_000L));
        }
    }

    @Override
    public void packet(Track t, Observation.Packet p, List<Insight> out) {
        if (p.packet().type() == PacketType.CONNECT && t.hasClientId()) {
            // 5.0 §3.1.3.2.2: a session resumed before the delay ends keeps the will unpublished
            due.removeIf(d -> d.track.version == 5 && t.clientId.equals(d.track.clientId) && p.nanos() < d.at);
        }
        // no will awaited, nothing to match: a flood's PUBLISH is not decoded for its topic
        if (p.packet().type() != PacketType.PUBLISH || p.from() != Direction.BROKER_TO_CLIENT || due.isEmpty()) {
            return;
        }
        String topic = PublishRules.topic(p);
        for (Iterator<Due> it = due.iterator(); it.hasNext(); ) {
            Due d = it.next();
            if (d.track.willTopic.equals(topic) && p.nanos() >= d.at - GRACE_NANOS) {
                it.remove();
                out.add(insight(d.track, t, p, p.nanos()));
                return;
            }
        }
    }

    @Override
    public void tick(long now, List<Insight> out) {
        for (Iterator<Due> it = due.iterator(); it.hasNext(); ) {
            Due d = it.next();
            if (now >= d.at + GRACE_NANOS) {
                it.remove();
                out.add(insight(d.track, null, null, now));
            }
        }
    }

    /** No receiver can come any more: a will whose delay passed before the end was published. */
    @Override
    public void end(long now, List<Insight> out) {
        for (Due d : due) {
            if (now >= d.at) {
                out.add(insight(d.track, null, null, now));
            }
        }
        due.clear();
    }

    private static Insight insight(Track will, Track receiver, Observation.Packet received, long now) {
        List<String> conns = new ArrayList<>(List.of(will.conn));
        List<PacketRef> refs = new ArrayList<>(List.of(will.connect.ref()));
        if (receiver != null) {
            if (receiver != will) {
                conns.add(receiver.conn);
            }
            refs.add(received.ref());
        }
        String why = will.closedBy == Closer.CLIENT ? "will.published.client_closed"
                : will.closedBy == Closer.BROKER ? "will.published.broker_closed" : "will.published.closed";
        Words what = receiver == null ? Words.of("will.published", will.conn, will.willTopic)
                : Words.of("will.published.received", will.conn, will.willTopic, receiver.conn);
        return Insight.of(DoctorRule.WILL_PUBLISHED, conns, refs, Words.of("will.published.fix"), now, what,
                Words.of(why));
    }
}
