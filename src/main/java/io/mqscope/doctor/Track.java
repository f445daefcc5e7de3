package io.mqscope.doctor;

import io.mqscope.doctor.Observation.Closer;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.FieldName;
import io.mqscope.wire.PacketType;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the doctor remembers of one connection: its CONNECT and CONNACK, its last packets, what is in flight. */
final class Track {
    /** Where a QoS 1/2 exchange started by one side stands (3.1.1 §4.3, 5.0 §4.3). */
    enum Stage { AWAIT_PUBACK, AWAIT_PUBREC, AWAIT_PUBREL, AWAIT_PUBCOMP }

    /** One exchange in flight; {@code since} restarts at each step. */
    static final class Pending {
        final Observation.Packet publish;
        Stage stage;
        long since;
        Observation.Packet last;
        /** A copy was already reported (once per exchange). */
        boolean resent;

        Pending(Observation.Packet publish, Stage stage) {
            this.publish = publish;
            this.stage = stage;
            this.since = publish.nanos();
            this.last = publish;
        }
    }

    final String conn;
    final long opened;
    final String host;
    String peer;

    Observation.Packet connect;
    String clientId;
    int version;
    boolean cleanStart;
    int keepAlive = -1;
    long sessionExpiry;
    boolean will;
    String willTopic;
    long willDelay;

    Observation.Packet connack;
    int connackCode = -1;
    boolean sessionPresent;
    long maximumPacketSize = -1;

    Observation.Packet last;
    Observation.Packet lastClient;
    Observation.Packet lastBroker;
    int largestClientPacket;
    /** The largest client packet before the client's last one. */
    int largestBeforeLastClient;
    boolean clientDisconnected;
    Observation.Packet brokerDisconnect;
    Observation.Packet pingreq;
    boolean pingUnanswered;
    /** Set when a rule already explained the close (so the storm does not count a takeover twice). */
    boolean takenOver;
    boolean closeExplained;
    boolean tooLargeReported;
    /** keepalive.lapsed was told while the connection was still open (the client fell silent). */
    boolean silenceTold;
    /** The client's last PUBLISH a PUBACK/PUBREC refused, so that a DISCONNECT naming it does not tell it twice. */
    Observation.Packet refusedPublish;

    /** Exchanges in flight keyed by the side that started them, then by packet identifier. */
    final Map<Direction, Map<Integer, Pending>> inFlight = new EnumMap<>(Direction.class);
    final Map<Integer, Observation.Packet> subscribes = new HashMap<>();
    /**
     * Per sending side, its QoS 2 PUBLISHes whose PUBREL it already sent, by packet identifier (the newest
     * {@value #RELEASED_KEPT}): a copy of one of them later is a message the receiver takes as new.
     */
    final Map<Direction, Map<Integer, Observation.Packet>> released = new EnumMap<>(Direction.class);
    private static final int RELEASED_KEPT = 64;

    long closedAt = -1;
    Closer closedBy;

    Track(String conn, long opened, String host) {
        this.conn = conn;
        this.opened = opened;
        this.host = host;
        inFlight.put(Direction.CLIENT_TO_BROKER, new HashMap<>());
        inFlight.put(Direction.BROKER_TO_CLIENT, new HashMap<>());
        for (Direction d : Direction.values()) {
            released.put(d, new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Integer, Observation.Packet> eldest) {
                    return size() > RELEASED_KEPT;
                }
            });
        }
    }

    boolean open() {
        return closedAt < 0;
    }

    boolean accepted() {
        return connackCode == 0;
    }

    /** Records what every rule reads; called before the rules see the packet. */
    void see(Observation.Packet o) {
        DecodedPacket p = o.packet();
        last = o;
        if (o.from() == Direction.CLIENT_TO_BROKER) {
            lastClient = o;
            if (p.type() == PacketType.CONNECT && connect == null) {
                readConnect(o);
            } else if (p.type() == PacketType.DISCONNECT) {
                // 5.0 §3.14.2.1: 0x04 asks the broker to publish the will anyway
                clientDisconnected = Fields.reasonCode(p) != 0x04;
            }
        } else {
            lastBroker = o;
            if (p.type() == PacketType.CONNACK && connack == null) {
                connack = o;
                connackCode = Fields.connackCode(p);
                sessionPresent = Fields.flag(p, FieldName.SESSION_PRESENT);
                maximumPacketSize = Fields.number(p, FieldName.MAXIMUM_PACKET_SIZE, -1);
                // 5.0 §3.2.2.3.14: the client must use the broker's Server Keep Alive instead of its own
                keepAlive = Fields.integer(p, FieldName.SERVER_KEEP_ALIVE, keepAlive);
            } else if (p.type() == PacketType.DISCONNECT) {
                brokerDisconnect = o;
            }
        }
    }

    /** After the rules saw a packet: sizes for judging the client's next one. */
    void measured(Observation.Packet o) {
        if (o.from() == Direction.CLIENT_TO_BROKER) {
            largestBeforeLastClient = largestClientPacket;
            largestClientPacket = Math.max(largestClientPacket, o.packet().length());
        }
    }

    private void readConnect(Observation.Packet o) {
        DecodedPacket p = o.packet();
        connect = o;
        clientId = Fields.text(p, FieldName.CLIENT_ID);
        version = Fields.integer(p, FieldName.PROTOCOL_LEVEL, p.protocolVersion());
        cleanStart = Fields.flag(p, FieldName.CLEAN_SESSION) || Fields.flag(p, FieldName.CLEAN_START);
        keepAlive = Fields.integer(p, FieldName.KEEPALIVE, -1);
        sessionExpiry = Fields.number(p, FieldName.SESSION_EXPIRY_INTERVAL, 0);
        will = Fields.flag(p, FieldName.WILL_FLAG);
        willTopic = Fields.text(p, FieldName.WILL_TOPIC);
        willDelay = Fields.number(p, FieldName.WILL_DELAY_INTERVAL, 0);
    }

    /** The last packet either side sent, or null. */
    Observation.Packet last() {
        return last;
    }

    boolean hasClientId() {
        return clientId != null && !clientId.isEmpty();
    }
}
