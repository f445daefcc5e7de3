package io.mqscope.doctor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The connections the doctor knows, open and recently closed, with the settings the rules share. Closed ones are
 * kept for a while because rules look back across connections (a takeover, a session that was not resumed).
 */
final class Tracks {
    /** Closed connections kept at most, oldest forgotten first. */
    private static final int CLOSED_KEPT = 1000;

    final DoctorSettings settings;
    private final Map<String, Track> byConn = new LinkedHashMap<>();
    private int closed;

    Tracks(DoctorSettings settings) {
        this.settings = settings;
    }

    Track get(String conn) {
        return byConn.get(conn);
    }

    Track open(String conn, long nanos, String host) {
        Track t = new Track(conn, nanos, host);
        byConn.put(conn, t);
        return t;
    }

    Collection<Track> all() {
        return byConn.values();
    }

    /** Other connections that sent a CONNECT with this client id, in the order they opened. */
    List<Track> sameClientId(Track t) {
        List<Track> out = new ArrayList<>();
        if (!t.hasClientId()) {
            return out;
        }
        for (Track other : byConn.values()) {
            if (other != t && t.clientId.equals(other.clientId)) {
                out.add(other);
            }
        }
        return out;
    }

    /** Forgets the oldest closed connections beyond the bound and those closed longer ago than the window. */
    void closedOne(long now) {
        closed++;
        long window = settings.stormWindow().toNanos() * 2;
        var it = byConn.values().iterator();
        while (it.hasNext()) {
            Track t = it.next();
            if (!t.open() && (closed > CLOSED_KEPT || now - t.closedAt > window)) {
                it.remove();
                closed--;
            }
        }
    }
}
