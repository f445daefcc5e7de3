package io.mqscope.check;

import static io.mqscope.check.BrokerCheckTest.trust;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqscope.profile.Profile;
import io.mqscope.profile.ProfileUrl;
import io.mqscope.testing.Mosquitto;
import io.mqscope.testing.TestTls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The WeChat mini-program rules against real listeners: each rule's status and its reason. */
@ExtendWith(Mosquitto.class)
class MiniProgramCheckTest {
    @TempDir
    Path dir;

    static CheckReport check(String url, UnaryOperator<Profile.Builder> tweak) {
        Profile base = Profile.builder().name("test").clientId("mqscope-mp-test").randomClientIdSuffix(true).build();
        Profile p = tweak.apply(ProfileUrl.parse(url, base).value().toBuilder()).build();
        return BrokerCheck.run(p, url, CheckOptions.of(Duration.ofSeconds(5), Locale.ENGLISH).withMiniprogram(true));
    }

    static Map<String, RuleResult> rules(CheckReport r) {
        Map<String, RuleResult> m = new LinkedHashMap<>();
        r.miniprogram().forEach(x -> m.put(x.rule(), x));
        return m;
    }

    static void assertRule(Map<String, RuleResult> rules, String rule, Status status, String detail) {
        RuleResult x = rules.get(rule);
        assertTrue(x != null, () -> rule + " missing in " + rules);
        assertEquals(status, x.status(), x::toString);
        assertTrue(x.detail().contains(detail), x::toString);
    }

    @Test
    void wssWithAPrivateCaPassesTheCheckButNotThePhone(Mosquitto m) {
        CheckReport r = check("wss://localhost:" + m.wssPort + "/mqtt", b -> b.tls(trust(TestTls.file("ca.pem"))));
        assertTrue(r.ok(), r::toString);
        Map<String, RuleResult> rules = rules(r);
        assertRule(rules, "scheme", Status.OK, "wss://");
        assertRule(rules, "port", Status.WARN, "legal domain");
        assertRule(rules, "domain", Status.FAIL, "localhost is an IP address or a local name");
        assertRule(rules, "public_trust", Status.FAIL, "--cafile or --insecure made this check pass");
        assertRule(rules, "full_chain", Status.OK, "complete chain");
        assertRule(rules, "tls_version", Status.OK, "TLSv1.2 offered");
        assertRule(rules, "subprotocol", Status.OK, "mqtt subprotocol is echoed");
        assertRule(rules, "path", Status.OK, "/mqtt answers 101");
        assertRule(rules, "expiry", Status.OK, "more days");
        assertEquals(9, rules.size(), rules::toString);
    }

    @Test
    void plainMqttBreaksEveryTransportRule(Mosquitto m) {
        Map<String, RuleResult> rules = rules(check("mqtt://127.0.0.1:" + m.tcpPort, b -> b));
        assertRule(rules, "scheme", Status.FAIL, "uses mqtt://");
        assertRule(rules, "domain", Status.FAIL, "127.0.0.1");
        assertRule(rules, "public_trust", Status.FAIL, "Not possible with mqtt://");
        assertRule(rules, "subprotocol", Status.FAIL, "WebSocket (wss://) only");
    }

    @Test
    void aServerOfferingOnlyOldTlsFailsTheVersionRule(Mosquitto m) throws Exception {
        try (Nginx n = Nginx.start(dir, " ssl", "    ssl_certificate " + TestTls.file("server.pem")
                + ";\n    ssl_certificate_key " + TestTls.file("server.key") + ";\n    ssl_protocols TLSv1 TLSv1.1;\n"
                + "    ssl_ciphers DEFAULT:@SECLEVEL=0;\n    location = /mqtt { return 404; }\n")) {
            Map<String, RuleResult> rules = rules(check("wss://localhost:" + n.port + "/mqtt",
                    b -> b.tls(trust(TestTls.file("ca.pem")))));
            assertRule(rules, "tls_version", Status.FAIL, "TLSv1.2 refused, TLSv1.3 refused");
            assertRule(rules, "public_trust", Status.WARN, "Not checked");
        }
    }

    @Test
    void aLeafWithoutItsIntermediateFailsTheFullChainRule(Mosquitto m) throws Exception {
        TestCertificates.Issued root = TestCertificates.ca("MP Root CA");
        TestCertificates.Issued intermediate = TestCertificates.issue("MP Intermediate CA", root, true,
                java.time.Instant.now().minus(Duration.ofDays(1)), java.time.Instant.now().plus(Duration.ofDays(20)));
        TestCertificates.Issued leaf = TestCertificates.leaf("localhost", intermediate);
        Path rootFile = TestCertificates.writeCerts(dir.resolve("root.pem"), root.cert());
        Path key = TestCertificates.writeKey(dir.resolve("leaf.key"), leaf.key());
        Path leafOnly = TestCertificates.writeCerts(dir.resolve("leaf.pem"), leaf.cert());
        try (TlsMosquitto t = TlsMosquitto.start(dir, leafOnly, key)) {
            Map<String, RuleResult> rules = rules(check("mqtts://localhost:" + t.port,
                    b -> b.tls(trust(rootFile.toString()))));
            assertRule(rules, "full_chain", Status.FAIL, "must send the full chain");
        }
    }

    @Test
    void anAliyunIotKeepaliveOutsideItsRangeFails(Mosquitto m) {
        CheckReport r = check("mqtt://127.0.0.1:" + m.tcpPort, b -> b.keepAliveSeconds(20)
                .signing(new Profile.Signing("aliyun-iot", Map.of())));
        assertRule(rules(r), "keepalive", Status.FAIL, "20 s is outside");
        // without its parameters the profile cannot be signed: said, and the check goes on unsigned
        assertTrue(r.warnings().get(0).contains("aliyun-iot signing failed"), r.warnings()::toString);
    }

    @Test
    void rulesAreInTheJson(Mosquitto m) {
        String json = CheckJson.write(check("ws://127.0.0.1:" + m.wsPort + "/mqtt", b -> b));
        assertTrue(json.contains("\"miniprogram\":[{\"rule\":\"scheme\",\"status\":\"fail\",\"detail\":"), json);
    }
}
