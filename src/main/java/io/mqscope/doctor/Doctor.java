package io.mqscope.doctor;

import java.util.ArrayList;
import java.util.List;

/**
 * The conversation doctor: reads the packets and open/close events of one or more connections (one tap, one
 * built-in broker, one capture file) in time order and tells what goes wrong across packets and connections. Time
 * comes only from the observations and from {@link #tick}, so the same events give the same insights. Not thread
 * safe: one thread feeds it (callers on several threads synchronise).
 */
public final class Doctor {
    private final Tracks tracks;
    private final List<RuleGroup> groups;
    /** Timeouts are looked at this often at most: a flood of packets must not walk every exchange per packet. */
    private static final long TICK_NANOS = 100_000_000L;
    private long now = Long.MIN_VALUE;
    private long ticked = Long.MIN_VALUE;

    public Doctor() {
        this(DoctorSettings.DEFAULT);
    }

    public Doctor(DoctorSettings settings) {
        this.tracks = new Tracks(settings);
        WillRules wills = new WillRules(tracks);
        this.groups = List.of(new ConnectRules(tracks), new ClientIdRules(tracks), new KeepAliveRules(tracks),
                new SubscribeRules(), new PublishRules(), new FlowRules(tracks), wills);
    }

    /** Reads one observation; returns the insights it completes (often none). */
    public List<Insight> see(Observation o) {
        List<Insight> out = new ArrayList<>(tick(o.nanos()));
        if (o instanceof Observation.Opened x) {
            tracks.open(x.conn(), x.nanos(), x.host()).peer = x.peer();
            return out;
        }
        Track t = tracks.get(o.conn());
        if (t == null) {
            t = tracks.open(o.conn(), o.nanos(), null); // a capture may start mid-connection
        }
        if (!t.open()) {
            return out;
        }
        if (o instanceof Observation.Packet p) {
            t.see(p);
            for (RuleGroup g : groups) {
                g.packet(t, p, out);
            }
            t.measured(p);
        } else if (o instanceof Observation.Closed c) {
            t.closedAt = c.nanos();
            t.closedBy = c.by();
            for (RuleGroup g : groups) {
                g.closed(t, c, out);
            }
            tracks.closedOne(c.nanos());
        }
        return out;
    }

    /**
     * The input ended at {@code nanos} (the end of a capture file): nothing more will come, so every rule decides
     * now what it was waiting for, whatever the tick interval (a will no connection of the input received is
     * reported, an exchange is late only if its bound passed before the end). Later calls find nothing more.
     */
    public List<Insight> end(long nanos) {
        List<Insight> out = new ArrayList<>();
        now = Math.max(now, nanos);
        ticked = now;
        for (RuleGroup g : groups) {
            g.end(now, out);
        }
        return out;
    }

    /** Moves the clock to {@code nanos} (never back) and returns what timed out (an unanswered PINGREQ...). */
    public List<Insight> tick(long nanos) {
        List<Insight> out = new ArrayList<>();
        if (nanos < now) {
            return out;
        }
        now = nanos;
        if (ticked != Long.MIN_VALUE && nanos - ticked < TICK_NANOS) {
            return out;
        }
        ticked = nanos;
        for (RuleGroup g : groups) {
            g.tick(nanos, out);
        }
        return out;
    }
}
