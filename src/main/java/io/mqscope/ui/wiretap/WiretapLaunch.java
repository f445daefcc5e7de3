package io.mqscope.ui.wiretap;

import io.mqscope.payload.ParseResult;
import io.mqscope.profile.Profile;
import io.mqscope.profile.ProfileUrl;
import io.mqscope.session.TapFailures;
import io.mqscope.tap.ListenUrl;
import io.mqscope.tap.LocalAddresses;
import io.mqscope.tap.SelfSignedCa;
import io.mqscope.tap.TapSettings;
import io.mqscope.tap.Wiretap;
import io.mqscope.ui.I18n;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * Starts one user-defined wiretap: resolves its upstream (a saved connection, the built-in broker, or a URL), makes
 * or reads the server certificate of a secure listener, binds, and names the URLs clients dial. Blocking (files,
 * certificate generation, the built-in broker's start, binding): run it as background work, never on the FX thread.
 */
final class WiretapLaunch {
    /** A started tap with the URLs to show and copy (the bound one first, then one per LAN address) and notes. */
    record Started(Wiretap tap, List<String> urls, List<String> notes) {
    }

    private WiretapLaunch() {
    }

    /**
     * @param profiles    the saved connection of an id, or null when it is gone
     * @param localBroker starts the built-in broker if needed and returns its inner TCP port
     * @param clients     where the tap records its clients
     * @param prefix      the prefix that keeps this run's connection ids apart from earlier runs'
     */
    static Started start(WiretapDefinition d, Function<String, Profile> profiles, IntSupplier localBroker,
                         TapClients clients, String prefix) throws Exception {
        ListenUrl at = ListenUrl.parse(d.listen());
        Profile upstream = upstream(d, profiles, localBroker);
        List<String> notes = new ArrayList<>();
        SslContext serverTls = at.kind().secure() ? serverTls(d, at, notes) : null;
        // a broker-side failure reads as mqscope check words it, in the UI language
        Wiretap tap = Wiretap.start(new TapSettings(at, upstream, serverTls, d.repairPaddedLength(), I18n.locale()),
                TapFailures.explaining(upstream, I18n.locale(), clients.feed(prefix)));
        return new Started(tap, urls(tap.listening()), List.copyOf(notes));
    }

    private static Profile upstream(WiretapDefinition d, Function<String, Profile> profiles, IntSupplier localBroker) {
        if (d.upstreamProfileId() != null) {
            Profile p = profiles.apply(d.upstreamProfileId());
            if (p == null) {
                throw new IllegalArgumentException(I18n.t("wiretap.error.profileGone"));
            }
            // the built-in broker's profile names no real port until the broker runs
            return Profile.isLocalBroker(p) ? p.toBuilder().host("127.0.0.1").port(localBroker.getAsInt()).build() : p;
        }
        ParseResult<Profile> r = ProfileUrl.parse(d.upstreamUrl());
        if (!r.ok()) {
            throw new IllegalArgumentException(r.error());
        }
        return r.value();
    }

    private static SslContext serverTls(WiretapDefinition d, ListenUrl at, List<String> notes) throws Exception {
        if (d.certificates() == WiretapDefinition.Certificates.FILES) {
            return SslContextBuilder.forServer(new File(d.certFile()), new File(d.keyFile())).build();
        }
        SelfSignedCa.Issued issued = SelfSignedCa.inConfigDirectory().serverFor(hostNames(at));
        notes.add(I18n.t("wiretap.selfSigned.note", issued.caCertificate().toString()));
        return SslContextBuilder.forServer(issued.certificate().toFile(), issued.key().toFile()).build();
    }

    /** The names a self-signed certificate covers: loopback, and the listen host or every LAN address. */
    private static List<String> hostNames(ListenUrl at) {
        List<String> names = new ArrayList<>(List.of("localhost", "127.0.0.1"));
        if (at.wildcard()) {
            names.addAll(LocalAddresses.lan());
        } else if (!names.contains(at.host())) {
            names.add(at.host());
        }
        return names;
    }

    /** The URL as bound and, for a wildcard bind, the one other devices dial per LAN address. */
    static List<String> urls(ListenUrl bound) {
        List<String> out = new ArrayList<>();
        if (bound.wildcard()) {
            out.add(bound.withHost("127.0.0.1").toString());
            LocalAddresses.lan().forEach(a -> out.add(bound.withHost(a).toString()));
        } else {
            out.add(bound.toString());
        }
        return out;
    }
}
