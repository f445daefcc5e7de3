package io.mqscope.doctor;

import io.mqscope.doctor.Observation.Closer;
import io.mqscope.wire.Direction;
import io.mqscope.wire.PacketType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code keepalive.lapsed}: the broker closed the connection about 1.5 × Keep Alive after the client's last packet
 * (3.1.1 §3.1.2.10 [MQTT-3.1.2-24], 5.0 §3.1.2.10; 5.0 brokers may say so with DISCONNECT 0x8D first).
 * {@code keepalive.unanswered}: a PINGREQ without PINGRESP (3.1.1 §3.12.4 [MQTT-3.12.4-1]).
 */
final class KeepAliveRules implements RuleGroup {
    /** 5.0 §3.14.2.1: Keep Alive timeout. */
    private static final int KEEP_ALIVE_TIMEOUT = 0x8D;
    /** A PINGREQ still waiting this long when the connection closes was not answered. */
    private static final long PENDING_AT_CLOSE_NANOS = 500_000_000L;
    /**
     * Beyond 1.5 × Keep Alive, at least this long (or half a Keep Alive): a broker that closes at 1.5 × Keep Alive
     * (HiveMQ, on time) is told by its close, with who closed and when.
     */
    private static final long SILENCE_SLACK_MILLIS = 2000L;

    private final Tracks tracks;

    KeepAliveRules(Tracks tracks) {
        this.tracks = tracks;
    }

    @Override
    public void packet(Track t, Observation.Packet p, List<Insight> out) {
        PacketType type = p.packet().type();
        if (type == PacketType.PINGREQ && p.from() == Direction.CLIENT_TO_BROKER && t.pingreq == null
                && !t.pingUnanswered) {
            t.pingreq = p;
        } else if (type == PacketType.PINGRESP && p.from() == Direction.BROKER_TO_CLIENT) {
            t.pingreq = null;
        }
    }

    @Override
    public void tick(long now, List<Insight> out) {
        long bound = tracks.settings.ackTimeout().toNanos();
        for (Track t : tracks.all()) {
            if (t.open() && t.pingreq != null && now - t.pingreq.nanos() >= bound) {
                out.add(unanswered(t, now));
            }
            if (t.open()) {
                silent(t, now, out);
            }
        }
    }

    /**
     * A client silent past one and a half Keep Alive periods while its connection is still open: it broke
     * [MQTT-3.1.2-23] whether or not the broker closes (mosquitto 2.0 notices only when its loop wakes, and a
     * client that wakes up first and sends PINGREQ may never be closed). Told once per connection, and then not
     * again when the broker closes it.
     */
    private static void silent(Track t, long now, List<Insight> out) {
        if (t.silenceTold || t.keepAlive <= 0 || t.lastClient == null || !t.accepted() || t.clientDisconnected) {
            return;
        }
        long quietMillis = (now - t.lastClient.nanos()) / 1_000_000L;
        if (quietMillis < t.keepAlive * 1500L + Math.max(SILENCE_SLACK_MILLIS, t.keepAlive * 500L)) {
            return;
        }
        t.silenceTold = true;
        out.add(Insight.of(DoctorRule.KEEPALIVE_LAPSED, List.of(t.conn), List.of(t.lastClient.ref()),
                Words.of("keepalive.lapsed.silent.fix"), now, Words.of("keepalive.lapsed.silent", t.conn,
                        t.keepAlive, quietMillis, t.lastClient.packet().type().name())));
    }

    @Override
    public void closed(Track t, Observation.Closed c, List<Insight> out) {
        if (t.pingreq != null && c.nanos() - t.pingreq.nanos() >= PENDING_AT_CLOSE_NANOS) {
            out.add(unanswered(t, c.nanos()));
        }
        if (t.clientDisconnected || t.keepAlive <= 0 || t.lastClient == null || t.closeExplained) {
            return;
        }
        if (t.silenceTold) {
            t.closeExplained = true; // the silence was told while it lasted
            return;
        }
        boolean said = t.brokerDisconnect != null
                && Fields.reasonCode(t.brokerDisconnect.packet()) == KEEP_ALIVE_TIMEOUT;
        long quietMillis = (c.nanos() - t.lastClient.nanos()) / 1_000_000L;
        long keepAliveMillis = t.keepAlive * 1000L;
        // the broker allows one and a half Keep Alive periods; it may notice later (mosquitto 2.0.11 closed a
        // 2 s keep alive after 8.6 s of silence), but a client silent past its Keep Alive broke the contract anyway
        boolean lapsed = c.by() != Closer.CLIENT && quietMillis >= keepAliveMillis;
        if (!said && !lapsed) {
            return;
        }
        t.closeExplained = true;
        List<PacketRef> refs = new ArrayList<>(List.of(t.lastClient.ref()));
        if (t.brokerDisconnect != null) {
            refs.add(t.brokerDisconnect.ref());
        }
        out.add(Insight.of(DoctorRule.KEEPALIVE_LAPSED, List.of(t.conn), refs, Words.of("keepalive.lapsed.fix"),
                c.nanos(), Words.of("keepalive.lapsed", t.conn, t.keepAlive, quietMillis,
                        t.lastClient.packet().type().name())));
    }

    private static Insight unanswered(Track t, long now) {
        Observation.Packet ping = t.pingreq;
        t.pingreq = null;
        t.pingUnanswered = true; // once per connection: the client pings again each Keep Alive
        long waitedMillis = (now - ping.nanos()) / 1_000_000L;
        return Insight.of(DoctorRule.KEEPALIVE_UNANSWERED, List.of(t.conn), List.of(ping.ref()),
                Words.of("keepalive.unanswered.fix"), now, Words.of("keepalive.unanswered", t.conn, waitedMillis));
    }
}
