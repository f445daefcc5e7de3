package io.mqscope.ui.wiretap;

import io.mqscope.broker.BrokerSettings;
import io.mqscope.broker.LocalBroker;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.session.TapFailures;
import io.mqscope.tap.ListenUrl;
import io.mqscope.tap.RelayBindException;
import io.mqscope.tap.TapSettings;
import io.mqscope.tap.Wiretap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The built-in broker as other clients reach it: HiveMQ CE listens on free loopback ports inside the process, and a
 * {@link Wiretap} on each user-facing port (1883 for MQTT over TCP, 8083 for WebSocket, or free ones when those are
 * taken) forwards to it. So a client that connects from outside (a mini program in the WeChat developer tool, a
 * device on the LAN) is decoded packet by packet, its CONNECT shown even when the broker drops it as malformed.
 * The broker package knows nothing of this: the app wires broker and taps together here (broker depends on profile
 * only). MQScope's own "Local broker" session goes straight to the inner port and is not listed as a client.
 */
public final class LocalBrokerFront implements AutoCloseable {
    private final LocalBroker broker;
    private final TapClients clients;
    private final Locale locale;
    /** Read without the lock: the URLs are asked for every pulse. */
    private volatile List<Wiretap> taps;
    private int binds = 1;

    private LocalBrokerFront(LocalBroker broker, List<Wiretap> taps, TapClients clients, Locale locale) {
        this.broker = broker;
        this.taps = taps;
        this.clients = clients;
        this.locale = locale;
    }

    /**
     * Starts the broker on loopback and the taps where {@code preferred} says (its bind address, tcp and ws ports
     * and ws path; a taken port gives way to a free one). Blocks while HiveMQ starts: never on the FX thread.
     *
     * @param clients where the taps record their clients
     * @param locale  the language of the taps' verdicts
     */
    public static LocalBrokerFront start(BrokerSettings preferred, TapClients clients, Locale locale) {
        LocalBroker broker = LocalBroker.start(new BrokerSettings(BrokerSettings.LOOPBACK, 0,
                preferred.wsPort() < 0 ? -1 : 0, preferred.wsPath(), preferred.baseDir(), preferred.tls()));
        List<Wiretap> taps = new ArrayList<>();
        try {
            Profile tcp = Profile.localBroker(broker.tcpPort()).toBuilder().host(BrokerSettings.LOOPBACK).build();
            taps.add(listen(new ListenUrl(ListenUrl.Kind.MQTT, preferred.bindAddress(), preferred.tcpPort(), ""), tcp,
                    clients, "tcp-", locale));
            if (broker.wsPort() > 0) {
                Profile ws = tcp.toBuilder().transport(Transport.WS).port(broker.wsPort()).wsPath(broker.wsPath())
                        .build();
                taps.add(listen(new ListenUrl(ListenUrl.Kind.WS, preferred.bindAddress(), preferred.wsPort(),
                        broker.wsPath()), ws, clients, "ws-", locale));
            }
        } catch (RuntimeException e) {
            taps.forEach(Wiretap::close);
            broker.close();
            throw e;
        }
        return new LocalBrokerFront(broker, List.copyOf(taps), clients, locale);
    }

    /**
     * Listens on {@code address} instead, on the same ports: the user let other devices in ({@code 0.0.0.0}) or took
     * that back (loopback). The broker and MQScope's own sessions (on its inner port) stay; clients connected through
     * the old listeners are closed. Blocks while the old listeners stop: never on the FX thread.
     */
    public synchronized void rebind(String address) {
        List<Wiretap> old = taps;
        if (old.get(0).listening().host().equals(address)) {
            return;
        }
        old.forEach(Wiretap::close);
        binds++;
        List<Wiretap> fresh = new ArrayList<>();
        try {
            for (Wiretap t : old) {
                ListenUrl was = t.listening();
                // the ids of this binding's clients must not clash with the earlier ones' rows
                String prefix = (was.kind() == ListenUrl.Kind.WS ? "ws-" : "tcp-") + "b" + binds + "-";
                Profile upstream = was.kind() == ListenUrl.Kind.WS
                        ? Profile.localBroker(broker.wsPort()).toBuilder().host(BrokerSettings.LOOPBACK)
                        .transport(Transport.WS).wsPath(broker.wsPath()).build()
                        : Profile.localBroker(broker.tcpPort()).toBuilder().host(BrokerSettings.LOOPBACK).build();
                fresh.add(listen(was.withHost(address), upstream, clients, prefix, locale));
            }
        } finally {
            taps = List.copyOf(fresh);
        }
    }

    private static Wiretap listen(ListenUrl at, Profile upstream, TapClients clients, String prefix, Locale locale) {
        try {
            // a refused CONNACK reads as mqscope check words it, in the UI language
            return Wiretap.start(new TapSettings(at, upstream, null, false, locale),
                    TapFailures.explaining(upstream, locale, clients.feed(prefix)));
        } catch (RelayBindException taken) {
            if (at.port() == 0) {
                throw taken;
            }
            // most likely another broker holds the usual port: any free one will do, the URL shown says which
            return Wiretap.start(new TapSettings(at.withPort(0), upstream, null, false, locale),
                    TapFailures.explaining(upstream, locale, clients.feed(prefix)));
        }
    }

    /** The broker itself, on its inner loopback ports. */
    public LocalBroker broker() {
        return broker;
    }

    /** The port clients dial for MQTT over TCP. */
    public int tcpPort() {
        return taps.get(0).port();
    }

    /** The WebSocket port clients dial, or -1 when there is none. */
    public int wsPort() {
        return taps.size() > 1 ? taps.get(1).port() : -1;
    }

    /** The URLs clients dial, as bound (tcp first, then ws). */
    public List<ListenUrl> listening() {
        return taps.stream().map(Wiretap::listening).toList();
    }

    @Override
    public void close() {
        taps.forEach(Wiretap::close);
        broker.close();
    }

    /** Whether the listeners take connections from other devices (bound to every interface). */
    public boolean exposed() {
        return taps.stream().anyMatch(t -> t.listening().wildcard());
    }
}
