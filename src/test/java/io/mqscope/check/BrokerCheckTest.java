package io.mqscope.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqscope.profile.Profile;
import io.mqscope.profile.ProfileUrl;
import io.mqscope.testing.Mosquitto;
import io.mqscope.testing.TestTls;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** One test per verdict, against real mosquitto listeners on loopback; each asserts stage, cause and fix. */
@ExtendWith(Mosquitto.class)
class BrokerCheckTest {
    @TempDir
    Path dir;

    static CheckReport check(String url, UnaryOperator<Profile.Builder> tweak) {
        Profile base = Profile.builder().name("test").clientId("mqscope-check-test").randomClientIdSuffix(true)
                .build();
        Profile p = tweak.apply(ProfileUrl.parse(url, base).value().toBuilder()).build();
        return BrokerCheck.run(p, url, Duration.ofSeconds(5), Locale.ENGLISH);
    }

    static Profile.TlsSettings trust(String caFile) {
        return new Profile.TlsSettings(caFile, null, null, null, null, List.of(), true, false);
    }

    static void assertVerdict(CheckReport r, String stage, String cause, String fix) {
        assertTrue(r.verdict() != null, () -> "expected a failure at " + r.stages());
        assertEquals(stage, r.verdict().stage(), r::toString);
        assertTrue(r.verdict().cause().contains(cause), () -> "cause: " + r.verdict().cause());
        assertTrue(r.verdict().fix().contains(fix), () -> "fix: " + r.verdict().fix());
        assertEquals(BrokerCheck.STAGES.size(), r.stages().size(), r::toString);
        assertEquals(1, r.stages().stream().filter(s -> s.status() == Status.FAIL).count(), r::toString);
    }

    static StageResult stage(CheckReport r, String name) {
        return r.stages().stream().filter(s -> s.stage().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void plainTcpPassesEveryStageWithFacts(Mosquitto m) {
        CheckReport r = check("mqtt://127.0.0.1:" + m.tcpPort, b -> b);
        assertNull(r.verdict(), r::toString);
        assertEquals(BrokerCheck.STAGES, r.stages().stream().map(StageResult::stage)
                .toList());
        assertEquals("127.0.0.1", stage(r, "dns").facts().get("used"));
        assertEquals(Status.SKIP, stage(r, "tls").status());
        assertEquals(0, stage(r, "mqtt").facts().get("connack_code"));
        assertEquals(false, stage(r, "mqtt").facts().get("session_present"));
    }

    @Test
    void wssWithTheCaFilePassesAndShowsTheChainAndTheEcho(Mosquitto m) {
        CheckReport r = check("wss://localhost:" + m.wssPort + "/mqtt", b -> b.tls(trust(TestTls.file("ca.pem"))));
        assertNull(r.verdict(), r::toString);
        StageResult tls = stage(r, "tls");
        assertEquals(true, tls.facts().get("trusted_by_cafile"));
        assertEquals(false, tls.facts().get("trusted_by_system"));
        assertEquals(true, tls.facts().get("host_name_matches"));
        assertEquals("localhost", tls.facts().get("sni"));
        assertTrue(String.valueOf(tls.facts().get("protocol")).startsWith("TLSv1."));
        assertEquals("mqtt", stage(r, "websocket").facts().get("subprotocol_echoed"));
        assertEquals(Status.OK, stage(r, "mqtt").status());
    }

    @Test
    void nothingListening() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertVerdict(check("mqtt://127.0.0.1:" + port, b -> b), "tcp", "Nothing is listening", "port");
    }

    @Test
    void tcpToAWebSocketPortSaysItSpeaksHttp(Mosquitto m) {
        assertVerdict(check("mqtt://127.0.0.1:" + m.wsPort, b -> b), "mqtt", "speaks HTTP", "use ws://");
    }

    @Test
    void tcpToATlsPortSaysItSpeaksTls(Mosquitto m) {
        assertVerdict(check("mqtt://127.0.0.1:" + m.tlsPort, b -> b), "mqtt", "speaks TLS", "use mqtts://");
    }

    @Test
    void tlsToAPlainPortSaysItSpeaksMqtt(Mosquitto m) {
        assertVerdict(check("mqtts://127.0.0.1:" + m.tcpPort, b -> b), "tls", "plain MQTT", "use mqtt://");
    }

    @Test
    void tlsToAWebSocketPortSaysItSpeaksHttp(Mosquitto m) {
        assertVerdict(check("mqtts://127.0.0.1:" + m.wsPort, b -> b), "tls", "plain HTTP", "use ws://");
    }

    @Test
    void wssToAPlainWebSocketPortSaysUseWs(Mosquitto m) {
        assertVerdict(check("wss://127.0.0.1:" + m.wsPort + "/mqtt", b -> b), "tls", "plain HTTP", "use ws://");
    }

    @Test
    void wsToATcpPortSaysItSpeaksMqtt(Mosquitto m) {
        assertVerdict(check("ws://127.0.0.1:" + m.tcpPort + "/mqtt", b -> b), "websocket", "plain MQTT",
                "use mqtt://");
    }

    @Test
    void wsToATlsPortSaysUseWss(Mosquitto m) {
        assertVerdict(check("ws://127.0.0.1:" + m.wssPort + "/mqtt", b -> b), "websocket", "speaks TLS",
                "use wss://");
    }

    @Test
    void wssToAnMqttsPortSaysUseMqtts(Mosquitto m) {
        assertVerdict(check("wss://localhost:" + m.tlsPort + "/mqtt", b -> b.tls(trust(TestTls.file("ca.pem")))),
                "websocket", "MQTT over TLS", "use mqtts://");
    }

    @Test
    void mqttsToAWssPortSaysUseWss(Mosquitto m) {
        assertVerdict(check("mqtts://localhost:" + m.wssPort, b -> b.tls(trust(TestTls.file("ca.pem")))), "mqtt",
                "HTTP over TLS", "use wss://");
    }

    @Test
    void untrustedCa(Mosquitto m) {
        assertVerdict(check("mqtts://localhost:" + m.tlsPort, b -> b), "tls", "MQScope Test CA", "--cafile");
    }

    @Test
    void wrongHost(Mosquitto m) throws Exception {
        try (TlsMosquitto t = TlsMosquitto.start(dir, TestTls.path("wrong-host.pem"), TestTls.path("wrong-host.key"))) {
            assertVerdict(check("mqtts://localhost:" + t.port, b -> b.tls(trust(TestTls.file("ca.pem")))), "tls",
                    "not valid for localhost: it names wrong.example", "subject alternative names");
        }
    }

    @Test
    void expired(Mosquitto m) throws Exception {
        TestCertificates.Issued ca = TestCertificates.ca("Check Expiry CA");
        TestCertificates.Issued leaf = TestCertificates.issue("localhost", ca, false,
                java.time.Instant.now().minus(Duration.ofDays(40)), java.time.Instant.now().minus(Duration.ofDays(3)));
        Path cert = TestCertificates.writeCerts(dir.resolve("expired.pem"), leaf.cert());
        Path key = TestCertificates.writeKey(dir.resolve("expired.key"), leaf.key());
        Path caFile = TestCertificates.writeCerts(dir.resolve("ca.pem"), ca.cert());
        try (TlsMosquitto t = TlsMosquitto.start(dir, cert, key)) {
            CheckReport r = check("mqtts://localhost:" + t.port, b -> b.tls(trust(caFile.toString())));
            assertVerdict(r, "tls", "expired on", "Renew the server certificate");
            assertTrue(((Number) stage(r, "tls").facts().get("days_to_expiry")).longValue() < 0);
        }
    }

    @Test
    void selfSignedIsCalledSelfSigned(Mosquitto m) throws Exception {
        TestCertificates.Issued self = TestCertificates.leaf("localhost", null);
        Path cert = TestCertificates.writeCerts(dir.resolve("self.pem"), self.cert());
        Path key = TestCertificates.writeKey(dir.resolve("self.key"), self.key());
        try (TlsMosquitto t = TlsMosquitto.start(dir, cert, key)) {
            CheckReport r = check("mqtts://localhost:" + t.port, b -> b);
            assertVerdict(r, "tls", "is self-signed", "public CA");
            assertEquals(true, stage(r, "tls").facts().get("self_signed"));
        }
    }

    @Test
    void leafWithoutItsIntermediateAsksForTheFullChain(Mosquitto m) throws Exception {
        TestCertificates.Issued root = TestCertificates.ca("Check Root CA");
        TestCertificates.Issued intermediate = TestCertificates.issue("Check Intermediate CA", root, true,
                java.time.Instant.now().minus(Duration.ofDays(1)), java.time.Instant.now().plus(Duration.ofDays(30)));
        TestCertificates.Issued leaf = TestCertificates.leaf("localhost", intermediate);
        Path rootFile = TestCertificates.writeCerts(dir.resolve("root.pem"), root.cert());
        Path key = TestCertificates.writeKey(dir.resolve("leaf.key"), leaf.key());
        Path leafOnly = TestCertificates.writeCerts(dir.resolve("leaf.pem"), leaf.cert());
        try (TlsMosquitto t = TlsMosquitto.start(dir, leafOnly, key)) {
            CheckReport r = check("mqtts://localhost:" + t.port, b -> b.tls(trust(rootFile.toString())));
            assertVerdict(r, "tls", "Check Intermediate CA", "must send the full chain");
            assertEquals(1, stage(r, "tls").facts().get("chain_count"));
        }
        Path full = TestCertificates.writeCerts(dir.resolve("full.pem"), leaf.cert(), intermediate.cert());
        try (TlsMosquitto t = TlsMosquitto.start(dir, full, key)) {
            CheckReport r = check("mqtts://localhost:" + t.port, b -> b.tls(trust(rootFile.toString())));
            assertNull(r.verdict(), r::toString);
            assertEquals(2, stage(r, "tls").facts().get("chain_count"));
        }
    }

    @Test
    void mutualTlsWithoutAClientCertificate(Mosquitto m) {
        assertVerdict(check("mqtts://localhost:" + m.mtlsPort, b -> b.tls(trust(TestTls.file("ca.pem")))), "tls",
                "requires a client certificate", "--cert F --key F");
    }

    @Test
    void mutualTlsWithTheClientCertificatePasses(Mosquitto m) {
        CheckReport r = check("mqtts://localhost:" + m.mtlsPort, b -> b.tls(new Profile.TlsSettings(
                TestTls.file("ca.pem"), TestTls.file("client.pem"), TestTls.file("client.key"), null, null, List.of(),
                true, false)));
        assertNull(r.verdict(), r::toString);
    }

    @Test
    void noUsernameSentIsNamed(Mosquitto m) {
        CheckReport r = check("mqtt://127.0.0.1:" + m.authPort, b -> b);
        assertVerdict(r, "mqtt", "no username was sent", "-u USER -P PASSWORD");
        assertEquals("(none)", stage(r, "mqtt").facts().get("username_sent"));
    }

    @Test
    void wrongPasswordNamesTheUserThatWasSent(Mosquitto m) {
        CheckReport r = check("mqtt://127.0.0.1:" + m.authPort, b -> b.username(Mosquitto.USERNAME)
                .password("wrong"));
        assertVerdict(r, "mqtt", "refused user " + Mosquitto.USERNAME + " (a password was sent)",
                "Check the password for user " + Mosquitto.USERNAME);
    }

    @Test
    void rightPasswordPasses(Mosquitto m) {
        assertNull(check("mqtt://127.0.0.1:" + m.authPort, b -> b.username(Mosquitto.USERNAME)
                .password(Mosquitto.PASSWORD)).verdict());
    }

    @Test
    void insecureWarnsAndNamesTheProblemPhonesWillHit(Mosquitto m) {
        CheckReport r = check("mqtts://localhost:" + m.tlsPort, b -> b.tls(new Profile.TlsSettings(null, null, null,
                null, null, List.of(), false, true)));
        assertNull(r.verdict(), r::toString);
        assertEquals(Status.WARN, stage(r, "tls").status());
        assertEquals(1, r.warnings().size());
        assertTrue(r.warnings().get(0).contains("--insecure skipped certificate chain and host name verification"));
        assertTrue(r.warnings().get(0).contains("MQScope Test CA"), r.warnings()::toString);
        assertTrue(r.warnings().get(0).contains("will reject"));
    }

    @Test
    void verdictSpeaksChinese(Mosquitto m) {
        Profile p = ProfileUrl.parse("mqtt://127.0.0.1:" + m.tlsPort, Profile.builder().name("t").clientId("c")
                .build()).value();
        CheckReport r = BrokerCheck.run(p, "u", Duration.ofSeconds(5), Locale.SIMPLIFIED_CHINESE);
        assertEquals("mqtt", r.verdict().stage());
        assertTrue(r.verdict().cause().contains("端口使用 TLS"), r.verdict()::cause);
        assertTrue(r.verdict().fix().contains("请使用 mqtts://"), r.verdict()::fix);
    }
}
