package io.mqscope.doctor;

import io.mqscope.doctor.Observation.Closer;
import io.mqscope.wire.Direction;
import io.mqscope.wire.PacketType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code client_id.takeover}, {@code client_id.ping_pong} and {@code reconnect.storm}: what the closes of the
 * connections of one client id say together.
 */
final class ClientIdRules implements RuleGroup {
    /** A takeover close follows the other connection's CONNECT this soon at most. */
    private static final long TAKEOVER_NANOS = 5_000_000_000L;
    /** 5.0 §3.14.2.1: Session taken over. */
    private static final int SESSION_TAKEN_OVER = 0x8E;
    private static final int PING_PONG_FIRST = 3;

    /** A takeover: when, the displaced and the displacing connection. */
    private record Takeover(long nanos, String displaced, String by) {
    }

    private final Tracks tracks;
    private final Map<String, Deque<Takeover>> takeovers = new HashMap<>();
    private final Map<String, Integer> pingPongReported = new HashMap<>();
    private final Map<String, Deque<Track>> shortLived = new HashMap<>();
    private final Map<String, Long> stormReported = new HashMap<>();

    ClientIdRules(Tracks tracks) {
        this.tracks = tracks;
    }

    /** Closes between two sweeps of the per-client-id memory. */
    private static final int SWEEP_EVERY = 1000;
    private int sinceSweep;

    @Override
    public void closed(Track t, Observation.Closed c, List<Insight> out) {
        takeover(t, c, out);
        storm(t, c, out);
        if (++sinceSweep >= SWEEP_EVERY) {
            sinceSweep = 0;
            sweep(c.nanos());
        }
    }

    /**
     * Forgets client ids (and addresses) not seen within the window: a tap that runs for days through millions of
     * clients, each with its own id, keeps only the recent ones.
     */
    private void sweep(long now) {
        long window = tracks.settings.stormWindow().toNanos();
        takeovers.values().removeIf(d -> d.isEmpty() || now - d.peekLast().nanos() > window);
        shortLived.values().removeIf(d -> d.isEmpty() || now - d.peekLast().closedAt > window);
        pingPongReported.keySet().retainAll(takeovers.keySet());
        stormReported.values().removeIf(at -> now - at > window);
    }

    private void takeover(Track t, Observation.Closed c, List<Insight> out) {
        boolean takenOverCode = t.brokerDisconnect != null
                && Fields.reasonCode(t.brokerDisconnect.packet()) == SESSION_TAKEN_OVER;
        if (!t.hasClientId() || t.clientDisconnected || c.by() == Closer.CLIENT && !takenOverCode) {
            return;
        }
        Track by = null;
        for (Track other : tracks.sameClientId(t)) {
            if (other.connect != null && other.connect.nanos() >= t.connect.nanos()
                    && other.connect.nanos() <= c.nanos() && c.nanos() - other.connect.nanos() <= TAKEOVER_NANOS
                    && (by == null || other.connect.nanos() > by.connect.nanos())) {
                by = other;
            }
        }
        if (by == null && !takenOverCode) {
            return;
        }
        t.takenOver = true;
        t.closeExplained = true;
        List<PacketRef> refs = new ArrayList<>();
        if (by != null) {
            refs.add(by.connect.ref());
        }
        if (t.brokerDisconnect != null) {
            refs.add(t.brokerDisconnect.ref());
        }
        if (by == null) {
            out.add(Insight.of(DoctorRule.CLIENT_ID_TAKEOVER, List.of(t.conn), refs,
                    Words.of("client_id.takeover.fix", t.clientId), c.nanos(),
                    Words.of("client_id.takeover.unseen", t.conn, t.clientId)));
            return;
        }
        out.add(Insight.of(DoctorRule.CLIENT_ID_TAKEOVER, List.of(t.conn, by.conn), refs,
                Words.of("client_id.takeover.fix", t.clientId), c.nanos(),
                Words.of("client_id.takeover", t.conn, t.clientId, by.conn)));
        pingPong(t, by, c.nanos(), out);
    }

    /** Two or more clients with one client id displacing each other again and again. */
    private void pingPong(Track displaced, Track by, long now, List<Insight> out) {
        Deque<Takeover> seen = takeovers.computeIfAbsent(displaced.clientId, k -> new ArrayDeque<>());
        seen.addLast(new Takeover(now, displaced.conn, by.conn));
        long window = tracks.settings.stormWindow().toNanos();
        while (!seen.isEmpty() && now - seen.peekFirst().nanos() > window) {
            seen.removeFirst();
        }
        int n = seen.size();
        int reported = pingPongReported.getOrDefault(displaced.clientId, 0);
        // first at three takeovers, then each time the count doubles: a live list must not grow by one per kick
        if (n < PING_PONG_FIRST || n < reported * 2) {
            return;
        }
        pingPongReported.put(displaced.clientId, n);
        Set<String> conns = new LinkedHashSet<>();
        List<PacketRef> refs = new ArrayList<>();
        for (Takeover k : seen) {
            conns.add(k.displaced());
            conns.add(k.by());
            Track t = tracks.get(k.by());
            if (t != null && t.connect != null) {
                refs.add(t.connect.ref());
            }
        }
        long seconds = Math.max(1, (now - seen.peekFirst().nanos()) / 1_000_000_000L);
        out.add(Insight.of(DoctorRule.CLIENT_ID_PING_PONG, new ArrayList<>(conns), refs,
                Words.of("client_id.ping_pong.fix", displaced.clientId), now,
                Words.of("client_id.ping_pong", String.join(", ", conns), displaced.clientId, n, seconds)));
    }

    /**
     * Short-lived connections of one client id, again and again: who closes, after which packet, and why. A client
     * that takes a new client id at each reconnect (mqtt.js's random default in a page that reloads) is followed by
     * its address instead, when the ids differ.
     */
    private void storm(Track t, Observation.Closed c, List<Insight> out) {
        if (t.takenOver || t.clientDisconnected || c.nanos() - t.opened > tracks.settings.shortLived().toNanos()) {
            return;
        }
        storm("id:" + (t.hasClientId() ? t.clientId : ""), false, t, c, out);
        if (t.peer != null) {
            storm("peer:" + t.peer, true, t, c, out);
        }
    }

    private void storm(String key, boolean byPeer, Track t, Observation.Closed c, List<Insight> out) {
        Deque<Track> recent = shortLived.computeIfAbsent(key, k -> new ArrayDeque<>());
        recent.addLast(t);
        long window = tracks.settings.stormWindow().toNanos();
        while (!recent.isEmpty() && c.nanos() - recent.peekFirst().closedAt > window) {
            recent.removeFirst();
        }
        Long last = stormReported.get(key);
        if (recent.size() < tracks.settings.stormConnections() || last != null && c.nanos() - last < window) {
            return;
        }
        Set<String> ids = new LinkedHashSet<>();
        recent.forEach(r -> ids.add(ConnectRules.clientId(r)));
        if (byPeer && ids.size() < recent.size()) {
            return; // a client id came back: its own storm tells it
        }
        stormReported.put(key, c.nanos());
        List<String> conns = new ArrayList<>();
        List<PacketRef> refs = new ArrayList<>();
        long lived = 0;
        for (Track r : recent) {
            conns.add(r.conn);
            lived += r.closedAt - r.opened;
            if (r.last() != null) {
                refs.add(r.last().ref());
            }
        }
        long seconds = Math.max(1, (c.nanos() - recent.peekFirst().opened) / 1_000_000_000L);
        long averageMillis = lived / recent.size() / 1_000_000L;
        String cause = cause(t);
        Words who = byPeer ? Words.of("reconnect.storm.peer", t.peer, recent.size(), seconds, averageMillis)
                : Words.of("reconnect.storm", ConnectRules.clientId(t), recent.size(), seconds, averageMillis);
        out.add(Insight.of(DoctorRule.RECONNECT_STORM, conns, refs, Words.of(cause + ".fix"), c.nanos(),
                who, closing(t), Words.of(cause, t.connackCode)));
    }

    /** Who closed the last connection of the storm, after which packet. */
    private static Words closing(Track t) {
        Observation.Packet last = t.last();
        if (last == null) {
            return Words.of("storm.closed.nothing");
        }
        String who = t.closedBy == Closer.CLIENT ? "client" : t.closedBy == Closer.BROKER ? "broker" : "unknown";
        String after = last.from() == Direction.CLIENT_TO_BROKER ? "client" : "broker";
        return Words.of("storm.closed." + who + ".after_" + after, last.packet().type().name());
    }

    /** The likely cause, from the pattern of the last connection (the message key of the cause sentence). */
    private static String cause(Track t) {
        Observation.Packet last = t.last();
        if (t.connackCode > 0) {
            return "reconnect.storm.refused";
        }
        if (t.connack == null && t.closedBy == Closer.BROKER) {
            return "reconnect.storm.broker_no_connack";
        }
        if (t.connack == null) {
            return "reconnect.storm.client_no_connack";
        }
        if (t.closedBy == Closer.CLIENT && last != null && last.from() == Direction.BROKER_TO_CLIENT
                && last.packet().type() == PacketType.PUBLISH) {
            return "reconnect.storm.callback";
        }
        if (t.closedBy == Closer.BROKER && last != null && last.from() == Direction.CLIENT_TO_BROKER) {
            return "reconnect.storm.broker_after_client";
        }
        return t.closedBy == Closer.CLIENT ? "reconnect.storm.client" : "reconnect.storm.broker";
    }
}
