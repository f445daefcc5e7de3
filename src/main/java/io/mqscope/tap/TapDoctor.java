package io.mqscope.tap;

import io.mqscope.doctor.Doctor;
import io.mqscope.doctor.DoctorSettings;
import io.mqscope.doctor.Insight;
import io.mqscope.doctor.Observation;
import java.util.List;

/**
 * The conversation doctor over a wiretap's events: opens, packets and closes (with who closed) become the doctor's
 * observations, timed by the events' monotonic clock. One per tap (the doctor looks across its connections);
 * synchronised, because a tap's connections live on several event loops.
 */
public final class TapDoctor {
    private final Doctor doctor;
    private final String host;
    private volatile boolean stopping;

    /** @param host the broker's host name (for vendor hints), or null */
    public TapDoctor(String host) {
        this(host, DoctorSettings.DEFAULT);
    }

    public TapDoctor(String host, DoctorSettings settings) {
        this.doctor = new Doctor(settings);
        this.host = host;
    }

    /** Reads one event; returns the insights it completes (usually none). */
    public synchronized List<Insight> see(TapEvent e) {
        if (stopping && e instanceof TapEvent.Closed c && "tap".equals(c.by())) {
            return List.of(); // the tap's own stop ends it: not the conversation's doing (its will is the tap's)
        }
        if (e instanceof TapEvent.Packet p && p.afterBrokerClosed()) {
            return List.of(); // read in the grace after the broker's close, whose event is timed at that close
        }
        Observation o = observation(e, host);
        return o == null ? doctor.tick(e.nanoTime()) : doctor.see(o);
    }

    /** Lets time pass ({@link System#nanoTime()}, the events' clock): what was waiting too long is reported. */
    public synchronized List<Insight> tick(long nanoTime) {
        return doctor.tick(nanoTime);
    }

    /** The tap is being stopped: the closes it makes itself from now on say nothing about the conversations. */
    public void stopping() {
        stopping = true;
    }

    /**
     * The tap stopped (after its last events): what waited for more time is decided now, so that a will published
     * or a late acknowledgement just before the stop is still told (see {@link Doctor#end}).
     */
    public synchronized List<Insight> end(long nanoTime) {
        return doctor.end(nanoTime);
    }

    /** "1.2.3.4:5678" or "[::1]:5678" without the port. */
    static String address(String client) {
        if (client == null) {
            return null;
        }
        int colon = client.lastIndexOf(':');
        String a = colon > 0 ? client.substring(0, colon) : client;
        return a.startsWith("[") && a.endsWith("]") ? a.substring(1, a.length() - 1) : a;
    }

    /** The doctor's view of a tap event, or null for events it does not read (HTTP, WebSocket frames). */
    static Observation observation(TapEvent e, String host) {
        if (e instanceof TapEvent.Opened x) {
            return new Observation.Opened(x.conn(), x.nanoTime(), host, address(x.client()));
        }
        if (e instanceof TapEvent.Packet x) {
            if (x.afterBrokerClosed()) {
                // the client sent it after the broker had hung up: no cause of the close and never answered (a
                // capture's doctor likewise ends the conversation at the broker's FIN)
                return null;
            }
            return new Observation.Packet(x.conn(), x.nanoTime(), x.from(), x.packet());
        }
        if (e instanceof TapEvent.Closed x) {
            Observation.Closer by = switch (x.by()) {
                case "client" -> Observation.Closer.CLIENT;
                case "broker" -> Observation.Closer.BROKER;
                default -> Observation.Closer.UNKNOWN;
            };
            return new Observation.Closed(x.conn(), x.nanoTime(), by);
        }
        return null;
    }
}
