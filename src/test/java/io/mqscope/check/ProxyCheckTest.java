package io.mqscope.check;

import static io.mqscope.check.BrokerCheckTest.assertVerdict;
import static io.mqscope.check.BrokerCheckTest.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.mqscope.testing.Mosquitto;
import io.mqscope.testing.TestTls;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** nginx in front of mosquitto's WebSocket listener: a right proxy, a wrong path, a proxy without Upgrade. */
@ExtendWith(Mosquitto.class)
class ProxyCheckTest {
    @TempDir
    Path dir;

    private static String upgrading(String location, int wsPort) {
        return "    location = " + location + " { proxy_pass http://127.0.0.1:" + wsPort + "/mqtt; "
                + "proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; "
                + "proxy_set_header Connection \"upgrade\"; }\n";
    }

    @Test
    void aProxyThatForwardsTheUpgradePasses(Mosquitto m) throws Exception {
        try (Nginx n = Nginx.start(dir, upgrading("/mqtt", m.wsPort))) {
            CheckReport r = check("ws://127.0.0.1:" + n.port + "/mqtt", b -> b);
            assertNull(r.verdict(), r::toString);
        }
    }

    @Test
    void wrongPathIs404(Mosquitto m) throws Exception {
        try (Nginx n = Nginx.start(dir, upgrading("/mqtt", m.wsPort))) {
            assertVerdict(check("ws://127.0.0.1:" + n.port + "/ws", b -> b), "websocket",
                    "path /ws does not exist", "change the path");
        }
    }

    @Test
    void aProxyWithoutTheUpgradeHeadersNamesThem(Mosquitto m) throws Exception {
        try (Nginx n = Nginx.start(dir, "    location = /mqtt { proxy_pass http://127.0.0.1:" + m.wsPort
                + "/mqtt; }\n")) {
            CheckReport r = check("ws://127.0.0.1:" + n.port + "/mqtt", b -> b);
            assertVerdict(r, "websocket", "does not forward the Upgrade and Connection headers",
                    "proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; "
                            + "proxy_set_header Connection \"upgrade\"");
        }
    }

    private static String upgradingWith(String extra, int wsPort) {
        return "    location = /mqtt { proxy_pass http://127.0.0.1:" + wsPort + "/mqtt; "
                + "proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; "
                + "proxy_set_header Connection \"upgrade\"; " + extra + " }\n";
    }

    @Test
    void aSubprotocolDroppedOnTheRequestIsToldApart(Mosquitto m) throws Exception {
        try (Nginx n = Nginx.start(dir, upgradingWith("proxy_set_header Sec-WebSocket-Protocol \"\";", m.wsPort))) {
            CheckReport r = check("ws://127.0.0.1:" + n.port + "/mqtt", b -> b);
            assertVerdict(r, "websocket", "the broker never saw it", "proxy_set_header Sec-WebSocket-Protocol");
            assertEquals("request", BrokerCheckTest.stage(r, "websocket").facts().get("subprotocol_dropped"));
        }
    }

    @Test
    void aSubprotocolDroppedOnTheResponseIsToldApart(Mosquitto m) throws Exception {
        try (Nginx n = Nginx.start(dir, upgradingWith("proxy_hide_header Sec-WebSocket-Protocol;", m.wsPort))) {
            CheckReport r = check("ws://127.0.0.1:" + n.port + "/mqtt", b -> b);
            assertVerdict(r, "websocket", "its echo is removed on the way back", "proxy_hide_header");
            assertEquals("response", BrokerCheckTest.stage(r, "websocket").facts().get("subprotocol_dropped"));
        }
    }

    private static String tls(String protocols) {
        return "    ssl_certificate " + TestTls.file("server.pem") + ";\n    ssl_certificate_key "
                + TestTls.file("server.key") + ";\n    ssl_protocols " + protocols + ";\n"
                + "    ssl_ciphers DEFAULT:@SECLEVEL=0;\n";
    }

    @Test
    void wsToAnHttpsPortSaysUseWss(Mosquitto m) throws Exception {
        try (Nginx n = Nginx.start(dir, " ssl", tls("TLSv1.2 TLSv1.3") + upgrading("/mqtt", m.wsPort))) {
            assertVerdict(check("ws://127.0.0.1:" + n.port + "/mqtt", b -> b), "websocket", "speaks TLS",
                    "use wss://");
            CheckReport ok = check("wss://localhost:" + n.port + "/mqtt", b -> b.tls(BrokerCheckTest.trust(
                    TestTls.file("ca.pem"))));
            assertNull(ok.verdict(), ok::toString);
        }
    }

    @Test
    void aServerThatOnlyOffersOldTlsIsNamed(Mosquitto m) throws Exception {
        try (Nginx n = Nginx.start(dir, " ssl", tls("TLSv1 TLSv1.1") + upgrading("/mqtt", m.wsPort))) {
            assertVerdict(check("wss://localhost:" + n.port + "/mqtt", b -> b.tls(BrokerCheckTest.trust(
                    TestTls.file("ca.pem")))), "tls", "only offers an old one (TLS 1.0/1.1)", "Enable TLS 1.2");
        }
    }
}
