package io.mqscope.session;

import io.mqscope.doctor.Doctor;
import io.mqscope.doctor.Insight;
import io.mqscope.doctor.Observation;
import io.mqscope.tap.PacketEvent;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The conversation doctor over a session's own packets: a listener that hands every event on to {@code next} and
 * reads the relay's packets (each relay connection of the session is one connection for the doctor, its close the
 * session leaving CONNECTED). Keeps the newest insights; readers on other threads take them with
 * {@link #insights(long)}, which also lets time pass (an unanswered PINGREQ shows without a new packet).
 */
public final class SessionDoctor extends ForwardingListener {
    private static final int KEPT = 500;

    private final Doctor doctor = new Doctor();
    private final String host;
    private final ArrayDeque<Insight> kept = new ArrayDeque<>();
    private long added;
    /** The relay connection packets come from now, or null between connections. */
    private String conn;

    /** @param host the broker's host name (vendor hints) */
    public SessionDoctor(SessionListener next, String host) {
        super(next);
        this.host = host;
    }

    @Override
    public void onState(StateChange change) {
        super.onState(change);
        ConnectionState s = change.state();
        if (s == ConnectionState.DISCONNECTED || s == ConnectionState.RECONNECTING || s == ConnectionState.FAILED) {
            closed(s == ConnectionState.DISCONNECTED ? Observation.Closer.CLIENT : Observation.Closer.UNKNOWN);
        }
    }

    private synchronized void closed(Observation.Closer by) {
        if (conn != null) {
            keep(doctor.see(new Observation.Closed(conn, System.nanoTime(), by)));
            conn = null;
        }
    }

    @Override
    public void onPacket(PacketEvent packet) {
        super.onPacket(packet);
        see(packet);
    }

    private synchronized void see(PacketEvent p) {
        if (!p.connectionId().equals(conn)) {
            conn = p.connectionId();
            keep(doctor.see(new Observation.Opened(conn, p.nanoTime(), host, null)));
        }
        keep(doctor.see(new Observation.Packet(p.connectionId(), p.nanoTime(), p.direction(), p.packet())));
    }

    /** How many insights were found so far (the newest {@value #KEPT} are kept). */
    public synchronized long count() {
        return added;
    }

    /** Lets time pass to {@code nanoTime} ({@link System#nanoTime()}) and returns the kept insights, oldest first. */
    public synchronized List<Insight> insights(long nanoTime) {
        keep(doctor.tick(nanoTime));
        return List.copyOf(kept);
    }

    private void keep(List<Insight> found) {
        for (Insight i : found) {
            kept.addLast(i);
            added++;
            if (kept.size() > KEPT) {
                kept.removeFirst();
            }
        }
    }
}
