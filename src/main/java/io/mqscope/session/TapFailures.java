package io.mqscope.session;

import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.tap.Stage;
import io.mqscope.tap.TapEvent;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.Field;
import io.mqscope.wire.FieldName;
import io.mqscope.wire.Finding;
import io.mqscope.wire.PacketType;
import io.mqscope.wire.Rule;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The verdict of a tapped connection that failed on the broker's side, in the words {@code mqscope check}, pub, sub
 * and the desktop app give ({@link FailureExplainer}): the upstream stage that failed (DNS, TCP, proxy, TLS,
 * WebSocket), an HTTP or TLS answer where MQTT was expected, a CONNACK refusal with who was sent. What the client
 * did wrong stays the tap's own verdict (the decoder's diagnosis). Thread-safe: each connection's events arrive in
 * order from its event loop, different connections from different loops.
 */
public final class TapFailures {
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Where a closed connection's port is probed: off the tap's event loops, each probe bounded by seconds. */
    private static final ExecutorService PROBES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mqscope-tap-probe-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private final Profile upstream;
    private final Map<String, Facts> facts = new ConcurrentHashMap<>();
    private final Map<String, Failure> ready = new ConcurrentHashMap<>();

    /** @param upstream the broker the tap connects to, as the tap was given it */
    public TapFailures(Profile upstream) {
        this.upstream = upstream;
    }

    /** What one connection showed of the broker's side so far. */
    private static final class Facts {
        private Failure upstream;
        private String answer;
        private String username;
        private boolean passwordSent;
        private int connackCode;
        private String connackMeaning;
        private boolean clientConnect;
        private boolean brokerSpoke;
    }

    /**
     * A listener for a {@link io.mqscope.tap.Wiretap} that passes every event on to {@code next}, the
     * {@link TapEvent.Closed} of a broker-side failure with the check's cause and fix in {@code locale} as its
     * verdict (the cause, then the fix on a second line).
     */
    public static Consumer<TapEvent> explaining(Profile upstream, Locale locale, Consumer<TapEvent> next) {
        TapFailures failures = new TapFailures(upstream);
        return failures.probing(e -> {
            Failure f = e instanceof TapEvent.Closed c ? failures.verdictOf(c) : null;
            if (f != null && e instanceof TapEvent.Closed c) {
                next.accept(new TapEvent.Closed(c.conn(), c.nanoTime(), c.time(), c.by(), c.code(), c.reason(),
                        c.reset(), c.sinceLastPacketMillis(), c.repairedPackets(), f.render(locale), f::render));
            } else {
                next.accept(e);
            }
        });
    }

    /**
     * A listener for the tap's event loops that notes every event ({@link #see}) and passes it on to {@code next};
     * when the broker's side only reset or closed a connection, its {@link TapEvent.Closed} is passed on after the
     * port was asked what it speaks ({@link PortVerdict}, on a probe thread, as {@code mqscope check} asks it).
     * {@code next} then finds the verdict with {@link #verdictOf}. Events of one connection keep their order.
     */
    public Consumer<TapEvent> probing(Consumer<TapEvent> next) {
        return e -> {
            if (!(e instanceof TapEvent.Closed c)) {
                see(e);
                next.accept(e);
                return;
            }
            Facts f = facts.remove(c.conn());
            Failure known = f == null ? null : verdict(f);
            Failure vague = known == null && f != null ? closedWithoutAnswer(f, c) : known;
            if (!PortVerdict.vague(vague)) {
                keep(c, known);
                next.accept(c);
                return;
            }
            PROBES.execute(() -> {
                Failure probed = PortVerdict.probed(vague, upstream);
                keep(c, probed != vague || known != null ? probed : null);
                next.accept(c);
            });
        };
    }

    /** The verdict of a connection passed on by {@link #probing}, once (null when the tap's own verdict stands). */
    public Failure verdictOf(TapEvent.Closed c) {
        return ready.remove(c.conn());
    }

    private void keep(TapEvent.Closed c, Failure f) {
        if (f != null) {
            ready.put(c.conn(), f);
        }
    }

    /**
     * The broker's side hung up on a well-formed CONNECT without a byte of answer, over plain TCP or TLS: the port
     * may speak another protocol (a TLS or WebSocket listener drops a plain CONNECT). Null otherwise.
     */
    private Failure closedWithoutAnswer(Facts f, TapEvent.Closed c) {
        Transport transport = upstream.transport() == null ? Transport.TCP : upstream.transport();
        if (!f.clientConnect || f.brokerSpoke || !"broker".equals(c.by()) || transport.webSocket()) {
            return null;
        }
        return Failure.of(Stage.MQTT, "mqtt.closed", c.reset() ? "Connection reset" : "closed");
    }

    /**
     * Notes what {@code e} tells about the broker's side; at the connection's {@link TapEvent.Closed}, returns the
     * verdict when the broker's side explains the end, null otherwise (and for every other event).
     */
    public Failure see(TapEvent e) {
        if (e instanceof TapEvent.Closed) {
            Facts f = facts.remove(e.conn());
            return f == null ? null : verdict(f);
        }
        if (e instanceof TapEvent.UpstreamFailed u) {
            facts(u.conn()).upstream = FailureExplainer.upstream(u.stage(), u.detail() == null ? "" : u.detail(),
                    u.chain(), upstream);
        } else if (e instanceof TapEvent.Packet p) {
            packet(facts(p.conn()), p.from(), p.packet());
        } else if (e instanceof TapEvent.StreamFinding s && s.from() == Direction.BROKER_TO_CLIENT) {
            facts(s.conn()).brokerSpoke = true;
            answer(facts(s.conn()), s.finding());
        }
        return null;
    }

    private Facts facts(String conn) {
        return facts.computeIfAbsent(conn, k -> new Facts());
    }

    private static void packet(Facts f, Direction from, DecodedPacket p) {
        if (from == Direction.CLIENT_TO_BROKER) {
            if (p.type() == PacketType.CONNECT && !p.malformed()) {
                f.clientConnect = true;
                Field user = Field.find(p.fields(), FieldName.USERNAME);
                f.username = user == null || user.value() == null ? null : String.valueOf(user.value());
                f.passwordSent = Field.find(p.fields(), FieldName.PASSWORD) != null;
            }
            return;
        }
        f.brokerSpoke = true;
        for (Finding finding : p.findings()) {
            answer(f, finding);
        }
        if (p.type() == PacketType.CONNACK && !p.malformed() && f.connackMeaning == null) {
            Field code = Field.find(p.fields(), FieldName.REASON_CODE);
            Field name = Field.find(p.fields(), FieldName.REASON_NAME);
            if (code == null) {
                code = Field.find(p.fields(), FieldName.RETURN_CODE);
                name = Field.find(p.fields(), FieldName.RETURN_CODE_NAME);
            }
            if (code != null && code.value() instanceof Number n && n.intValue() != 0) {
                f.connackCode = n.intValue();
                f.connackMeaning = meaning(n.intValue(), name);
            }
        }
    }

    /** The decoder's name of a CONNACK code, without the "Connection Refused, " of 3.1.1 (as the check says it). */
    private static String meaning(int code, Field name) {
        if (name == null || name.value() == null) {
            return "code " + code;
        }
        String s = String.valueOf(name.value());
        String prefix = "Connection Refused, ";
        return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
    }

    /** The decoder's word that the broker's side speaks HTTP or TLS rather than MQTT (the first one counts). */
    private static void answer(Facts f, Finding finding) {
        if (f.answer != null) {
            return;
        }
        if (finding.rule() == Rule.NOT_MQTT_HTTP_RESPONSE) {
            f.answer = "http";
        } else if (finding.rule() == Rule.NOT_MQTT_TLS) {
            f.answer = "tls";
        }
    }

    private Failure verdict(Facts f) {
        if (f.upstream != null) {
            return f.upstream;
        }
        Transport transport = upstream.transport() == null ? Transport.TCP : upstream.transport();
        if (f.answer != null && !transport.webSocket()) {
            return f.answer.equals("http")
                    ? Failure.of(Stage.MQTT, transport.secure() ? "mqtt.port_speaks_https" : "mqtt.port_speaks_http",
                    upstream.port())
                    : Failure.of(Stage.MQTT, "mqtt.port_speaks_tls", upstream.port());
        }
        if (f.connackMeaning != null) {
            return FailureExplainer.connack(f.connackCode, f.connackMeaning, f.username, f.passwordSent);
        }
        return null;
    }
}
