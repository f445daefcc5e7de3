package io.mqscope.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqscope.payload.ParseResult;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Profiles survive URL and JSON round trips. */
class ProfileRoundTripProperties {
    private static final ObjectMapper JSON = ProfileJson.mapper();

    @Property(tries = 300)
    void urlRoundTripsTheUrlFields(@ForAll("urlProfiles") Profile p) {
        String url = ProfileUrl.format(p);
        ParseResult<Profile> r = ProfileUrl.parse(url);
        assertThat(r.ok()).as(url + " -> " + r.error()).isTrue();
        Profile q = r.value();
        assertThat(q.transport()).isEqualTo(p.transport());
        assertThat(q.host()).isEqualTo(p.host());
        assertThat(q.port()).isEqualTo(p.port());
        assertThat(q.username()).isEqualTo(p.username());
        assertThat(q.password()).isEqualTo(p.password());
        if (p.transport().webSocket()) {
            assertThat(q.wsPath()).isEqualTo(p.wsPath());
        }
        assertThat(ProfileUrl.format(q)).isEqualTo(url);
    }

    @Property(tries = 150)
    void jsonRoundTripsEveryField(@ForAll("fullProfiles") Profile p) throws Exception {
        String json = JSON.writeValueAsString(p);
        assertThat(JSON.readValue(json, Profile.class)).isEqualTo(p);
    }

    @Provide
    Arbitrary<Profile> urlProfiles() {
        Arbitrary<Transport> transport = Arbitraries.of(Transport.class);
        Arbitrary<String> host = Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcxyz0189-").ofMinLength(1).ofMaxLength(12)
                        .map(s -> "h" + s + ".example"),
                Arbitraries.integers().between(0, 255).list().ofSize(4)
                        .map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3)),
                Arbitraries.of("::1", "fe80::1", "2001:db8::8a2e:370:7334", "::ffff:192.0.2.1"));
        Arbitrary<Integer> port = Arbitraries.integers().between(1, 65535);
        Arbitrary<String> user = Arbitraries.strings().ofMaxLength(12).injectNull(0.3);
        Arbitrary<String> pass = Arbitraries.strings().ofMaxLength(12).injectNull(0.3);
        Arbitrary<String> path = Arbitraries.strings().withChars("abcmqt/_-.~09").ofMaxLength(10).map(s -> "/" + s);
        return Combinators.combine(transport, host, port, user, pass, path).as((t, h, po, u, pw, pa) ->
                Profile.builder().transport(t).host(h).port(po).username(u == null && pw != null ? "" : u)
                        .password(pw).wsPath(pa).build());
    }

    @Provide
    Arbitrary<Profile> fullProfiles() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(10);
        Arbitrary<String> maybe = text.injectNull(0.3);
        Arbitrary<Profile.Will> will = Combinators.combine(text, text, Arbitraries.of("text", "json", "hex"),
                Arbitraries.integers().between(0, 2), Arbitraries.of(true, false),
                Arbitraries.longs().between(0, 1000).injectNull(0.5), maybe)
                .as((topic, payload, fmt, qos, retain, delay, ct) -> new Profile.Will(topic, payload, fmt, qos,
                        retain, delay, null, ct, null, null, null,
                        List.of(new Profile.UserProperty("k", topic))));
        Arbitrary<Profile.TlsSettings> tls = Combinators.combine(maybe, maybe, maybe, maybe,
                Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as((ca, cert, key, kp, verify, insecure) -> new Profile.TlsSettings(ca, cert, key, kp, null,
                        List.of("mqtt"), verify, insecure));
        Arbitrary<Profile.SavedSubscription> sub = Combinators.combine(text, Arbitraries.integers().between(0, 2),
                Arbitraries.of(true, false), Arbitraries.integers().between(0, 2), maybe)
                .as((f, q, nl, rh, c) -> new Profile.SavedSubscription(f, q, nl, !nl, rh, null, c, null));
        Arbitrary<Profile.Signing> signing = Arbitraries.maps(Arbitraries.of("productKey", "deviceName",
                "deviceSecret", "region"), text).ofMaxSize(4)
                .map(m -> new Profile.Signing("aliyun-iot", m)).injectNull(0.5);
        Arbitrary<Profile> a = Combinators.combine(urlProfiles(), maybe, Arbitraries.of(MqttVersion.class),
                Arbitraries.integers().between(0, 65535), Arbitraries.longs().between(0, 4294967295L).injectNull(0.5),
                will.injectNull(0.5), tls, sub.list().ofMaxSize(3))
                .as((p, name, v, ka, sei, w, t, subs) -> p.toBuilder().id(name).name(name == null ? "n" : name)
                        .mqttVersion(v).keepAliveSeconds(ka).sessionExpirySeconds(sei).will(w).tls(t)
                        .subscriptions(subs).build());
        return Combinators.combine(a, signing, Arbitraries.of(true, false), maybe)
                .as((p, s, ac, g) -> p.toBuilder().signing(s).autoConnect(ac).group(g == null ? "" : g)
                        .wsHeaders(g == null ? Map.of() : Map.of("X-Test", g))
                        .userProperties(List.of(new Profile.UserProperty("a", "b")))
                        .proxy(ac ? new Profile.ProxySettings("socks5", "p", 1080, null, null) : null)
                        .reconnect(new Profile.Reconnect(!ac, 500, 60000)).build());
    }
}
