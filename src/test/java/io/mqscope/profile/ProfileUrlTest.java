package io.mqscope.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.payload.ParseResult;
import org.junit.jupiter.api.Test;

class ProfileUrlTest {
    private static Profile ok(String url) {
        ParseResult<Profile> r = ProfileUrl.parse(url);
        assertThat(r.ok()).as(r.error()).isTrue();
        return r.value();
    }

    private static ParseResult<Profile> bad(String url) {
        ParseResult<Profile> r = ProfileUrl.parse(url);
        assertThat(r.ok()).isFalse();
        return r;
    }

    @Test
    void mqttWithDefaults() {
        Profile p = ok("mqtt://broker.example.com");
        assertThat(p.transport()).isEqualTo(Transport.TCP);
        assertThat(p.host()).isEqualTo("broker.example.com");
        assertThat(p.port()).isEqualTo(1883);
        assertThat(p.username()).isNull();
        assertThat(p.password()).isNull();
    }

    @Test
    void defaultPortsPerTransport() {
        assertThat(ok("mqtts://h").port()).isEqualTo(8883);
        // RFC 6455 defaults, so wss://host/mqtt reaches a reverse proxy on 443.
        assertThat(ok("ws://h/mqtt").port()).isEqualTo(80);
        assertThat(ok("wss://h/mqtt").port()).isEqualTo(443);
        assertThat(ok("ws://h:8083/mqtt").port()).isEqualTo(8083);
        assertThat(ok("tcp://h").transport()).isEqualTo(Transport.TCP);
        assertThat(ok("ssl://h").transport()).isEqualTo(Transport.TLS);
        assertThat(ok("TLS://h").transport()).isEqualTo(Transport.TLS);
    }

    @Test
    void userInfoIsPercentDecoded() {
        Profile p = ok("mqtts://dev%40home:p%3Ass%2Fw%C3%B6rd@h:8883");
        assertThat(p.username()).isEqualTo("dev@home");
        assertThat(p.password()).isEqualTo("p:ss/wörd");
        assertThat(ok("mqtt://alice@h").password()).isNull();
        assertThat(ok("mqtt://alice:@h").password()).isEmpty();
    }

    @Test
    void webSocketPath() {
        Profile p = ok("wss://emqx.example.com/mqtt");
        assertThat(p.transport()).isEqualTo(Transport.WSS);
        assertThat(p.port()).isEqualTo(443);
        assertThat(p.wsPath()).isEqualTo("/mqtt");
        assertThat(ok("ws://h").wsPath()).isEqualTo("/");
        assertThat(ok("ws://h:80/a/b").wsPath()).isEqualTo("/a/b");
    }

    @Test
    void ipv6InBrackets() {
        Profile p = ok("mqtt://[::1]:1884");
        assertThat(p.host()).isEqualTo("::1");
        assertThat(p.port()).isEqualTo(1884);
        assertThat(ProfileUrl.format(p)).isEqualTo("mqtt://[::1]:1884");
        assertThat(ok("ws://[fe80::1]/mqtt").host()).isEqualTo("fe80::1");
    }

    @Test
    void formatOmitsDefaultPortAndEncodesUserInfo() {
        Profile p = Profile.builder().transport(Transport.WSS).host("h").port(443).wsPath("/mqtt")
                .username("a b").password("p@ss").build();
        assertThat(ProfileUrl.format(p)).isEqualTo("wss://a%20b:p%40ss@h/mqtt");
        assertThat(ProfileUrl.formatRedacted(p)).isEqualTo("wss://a%20b:%2A%2A%2A@h/mqtt");
        assertThat(ProfileUrl.format(p.toBuilder().port(8084).build())).isEqualTo("wss://a%20b:p%40ss@h:8084/mqtt");
    }

    @Test
    void parseOntoABaseKeepsOtherFields() {
        Profile base = Profile.builder().name("staging").keepAliveSeconds(30).build();
        Profile p = ProfileUrl.parse("mqtt://h:1", base).value();
        assertThat(p.name()).isEqualTo("staging");
        assertThat(p.keepAliveSeconds()).isEqualTo(30);
        assertThat(p.port()).isEqualTo(1);
    }

    @Test
    void errorsSayWhereAndWhy() {
        ParseResult<Profile> r = bad("http://h");
        assertThat(r.position()).isZero();
        assertThat(r.error()).contains("unknown scheme 'http'");

        r = bad("broker:1883");
        assertThat(r.error()).contains("missing scheme");

        r = bad("mqtt://h:18x3");
        assertThat(r.position()).isEqualTo(11);
        assertThat(r.column()).isEqualTo(12);
        assertThat(r.error()).contains("port must be a number");

        r = bad("mqtt://h:70000");
        assertThat(r.position()).isEqualTo(9);
        assertThat(r.error()).contains("between 1 and 65535");

        r = bad("mqtt://h:0");
        assertThat(r.error()).contains("between 1 and 65535");

        r = bad("mqtt://h:");
        assertThat(r.error()).contains("missing port");

        r = bad("mqtt://:1883");
        assertThat(r.position()).isEqualTo(7);
        assertThat(r.error()).contains("missing host");

        r = bad("mqtt://[::1:1883");
        assertThat(r.position()).isEqualTo(7);
        assertThat(r.error()).contains("']'");

        r = bad("mqtt://u:%zz@h");
        assertThat(r.position()).isEqualTo(9);
        assertThat(r.error()).contains("percent escape");

        r = bad("mqtt://u:%4@h");
        assertThat(r.error()).contains("incomplete percent escape");

        r = bad("mqtt://h/mqtt");
        assertThat(r.position()).isEqualTo(8);
        assertThat(r.error()).contains("only meaningful for ws");

        r = bad("mqtt://h?clientId=x");
        assertThat(r.position()).isEqualTo(8);

        r = bad("mqtt://bad host");
        assertThat(r.position()).isEqualTo(10);

        r = bad("   ");
        assertThat(r.error()).contains("empty URL");
    }
}
