package io.mqscope.check;

import static io.mqscope.check.BrokerCheckTest.check;
import static io.mqscope.check.BrokerCheckTest.stage;
import static io.mqscope.check.BrokerCheckTest.trust;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqscope.profile.Profile;
import io.mqscope.testing.Mosquitto;
import io.mqscope.testing.TestProxies;
import io.mqscope.testing.TestTls;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The proxy stage: HTTP CONNECT and SOCKS5 tunnels to mosquitto, and what the user is told when one refuses. */
@ExtendWith(Mosquitto.class)
class ProxyStageTest {
    private static Profile.ProxySettings proxy(String type, int port, String user, String password) {
        return new Profile.ProxySettings(type, "127.0.0.1", port, user, password);
    }

    static void assertProxyVerdict(CheckReport r, String stage, String cause, String fix) {
        assertTrue(r.verdict() != null, () -> "expected a failure at " + r.stages());
        assertEquals(stage, r.verdict().stage(), r::toString);
        assertTrue(r.verdict().cause().contains(cause), () -> "cause: " + r.verdict().cause());
        assertTrue(r.verdict().fix().contains(fix), () -> "fix: " + r.verdict().fix());
        assertEquals(List.of("dns", "tcp", "proxy", "tls", "websocket", "mqtt", "subscribe", "publish"),
                r.stages().stream().map(StageResult::stage).toList());
    }

    @Test
    void anHttpConnectProxyCarriesEveryStage(Mosquitto m) throws Exception {
        try (TestProxies p = TestProxies.http(null)) {
            CheckReport r = check("mqtt://localhost:" + m.tcpPort, b -> b.proxy(proxy("http", p.port(), null, null)));
            assertNull(r.verdict(), r::toString);
            assertEquals("HTTP/1.1 200 Connection established", stage(r, "proxy").facts().get("answer"));
            assertEquals(List.of("localhost:" + m.tcpPort), p.targets);
            assertEquals(Status.OK, stage(r, "publish").status(), r::toString);
        }
    }

    @Test
    void aSocks5ProxyCarriesWss(Mosquitto m) throws Exception {
        try (TestProxies p = TestProxies.socks5()) {
            CheckReport r = check("wss://localhost:" + m.wssPort + "/mqtt", b -> b.tls(trust(TestTls.file("ca.pem")))
                    .proxy(proxy("socks5", p.port(), null, null)));
            assertNull(r.verdict(), r::toString);
            assertEquals("socks5", stage(r, "proxy").facts().get("type"));
            assertEquals(true, stage(r, "tls").facts().get("trusted_by_cafile"));
        }
    }

    @Test
    void anHttpProxyThatRefusesIsNamedAtTheProxyStage(Mosquitto m) throws Exception {
        try (TestProxies p = TestProxies.http("403 Forbidden")) {
            assertProxyVerdict(check("mqtt://localhost:" + m.tcpPort, b -> b.proxy(proxy("http", p.port(), null,
                    null))), "proxy", "refused to open a tunnel to localhost:" + m.tcpPort + ": HTTP/1.1 403",
                    "allow CONNECT");
        }
    }

    @Test
    void aProxyWantingCredentialsSaysWhetherAnyWereSent(Mosquitto m) throws Exception {
        try (TestProxies p = TestProxies.httpWithAuth("alice:pw")) {
            assertProxyVerdict(check("mqtt://localhost:" + m.tcpPort, b -> b.proxy(proxy("http", p.port(), null,
                    null))), "proxy", "no proxy username was set", "proxy's username and password");
            assertProxyVerdict(check("mqtt://localhost:" + m.tcpPort, b -> b.proxy(proxy("http", p.port(), "alice",
                    "wrong"))), "proxy", "refused the proxy username and password", "proxy's username");
            assertNull(check("mqtt://localhost:" + m.tcpPort, b -> b.proxy(proxy("http", p.port(), "alice", "pw")))
                    .verdict());
        }
    }

    @Test
    void aSocksProxyThatCannotReachTheBrokerSaysConnectionRefused() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try (TestProxies p = TestProxies.socks5()) {
            assertProxyVerdict(check("mqtt://localhost:" + closed, b -> b.proxy(proxy("socks5", p.port(), null,
                    null))), "proxy", "connection refused (reply 5)", "proxy's rules");
        }
    }

    @Test
    void aSocksTypeOnAnHttpProxyPointsAtTheProxyType(Mosquitto m) throws Exception {
        // an HTTP proxy waits for the end of a request head that a SOCKS5 greeting never sends
        try (TestProxies p = TestProxies.http(null)) {
            assertProxyVerdict(check("mqtt://localhost:" + m.tcpPort, b -> b.proxy(proxy("socks5", p.port(), null,
                    null))), "proxy", "did not answer the request for a tunnel", "Check the proxy type");
        }
    }

    @Test
    void anHttpTypeOnASocksProxyIsNamed(Mosquitto m) throws Exception {
        try (TestProxies p = TestProxies.socks5()) {
            assertProxyVerdict(check("mqtt://localhost:" + m.tcpPort, b -> b.proxy(proxy("http", p.port(), null,
                    null))), "proxy", "closed the connection instead of opening a tunnel", "Check the proxy type");
        }
    }

    @Test
    void nothingListeningOnTheProxyPortNamesTheProxy(Mosquitto m) throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertProxyVerdict(check("mqtt://localhost:" + m.tcpPort, b -> b.proxy(proxy("http", closed, null, null))),
                "tcp", "on the proxy 127.0.0.1 port " + closed, "proxy settings");
    }
}
