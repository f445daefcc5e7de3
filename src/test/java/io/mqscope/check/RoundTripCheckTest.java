package io.mqscope.check;

import static io.mqscope.check.BrokerCheckTest.assertVerdict;
import static io.mqscope.check.BrokerCheckTest.check;
import static io.mqscope.check.BrokerCheckTest.stage;
import static io.mqscope.check.BrokerCheckTest.trust;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqscope.broker.LocalBroker;
import io.mqscope.profile.MqttVersion;
import io.mqscope.testing.EmbeddedHiveMq;
import io.mqscope.testing.Mosquitto;
import io.mqscope.testing.MqttBytes;
import io.mqscope.testing.TestTls;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The subscribe and publish stages: QoS 0, 1, 2 and retained round trips, over tcp, wss and MQTT 5; an ACL. */
@ExtendWith({Mosquitto.class, EmbeddedHiveMq.class})
class RoundTripCheckTest {
    @TempDir
    Path dir;

    private static void assertRoundTrips(CheckReport r) {
        assertNull(r.verdict(), r::toString);
        StageResult sub = stage(r, "subscribe");
        assertEquals(Status.OK, sub.status(), r::toString);
        assertEquals(2, sub.facts().get("granted_qos"));
        Map<String, Object> pub = stage(r, "publish").facts();
        assertEquals(Status.OK, stage(r, "publish").status(), r::toString);
        for (String key : new String[] {"qos0_ms", "qos1_ms", "qos2_ms", "qos1_ack_ms", "qos2_ack_ms",
            "retained_ms"}) {
            assertTrue(pub.get(key) instanceof Long, () -> key + " in " + pub);
        }
        assertEquals(true, pub.get("retained_cleared"), pub::toString);
        assertTrue(String.valueOf(pub.get("topic")).startsWith("mqscope/check/"), pub::toString);
    }

    @Test
    void mqttOverTcpRoundTripsAtEveryQosAndClearsTheRetainedMessage(Mosquitto m) throws Exception {
        CheckReport r = check("mqtt://127.0.0.1:" + m.tcpPort, b -> b);
        assertRoundTrips(r);
        // a new subscriber gets no retained message: the check removed its own (mosquitto sends retained messages
        // right after the SUBACK, before it answers the PINGREQ sent behind the SUBSCRIBE)
        String topic = String.valueOf(stage(r, "publish").facts().get("retained_topic"));
        try (Socket s = new Socket("127.0.0.1", m.tcpPort)) {
            s.setSoTimeout(5000);
            InputStream in = s.getInputStream();
            s.getOutputStream().write(MqttBytes.connect(4, "retained-probe"));
            assertEquals(0x20, MqttBytes.readPacket(in)[0] & 0xFF);
            s.getOutputStream().write(MqttBytes.subscribe(4, topic, 0));
            s.getOutputStream().write(MqttBytes.pingreq());
            assertEquals(0x90, MqttBytes.readPacket(in)[0] & 0xFF);
            assertEquals(0xD0, MqttBytes.readPacket(in)[0] & 0xFF, "no retained PUBLISH before the PINGRESP");
        }
    }

    @Test
    void wssRoundTripsThroughWebSocketFrames(Mosquitto m) {
        assertRoundTrips(check("wss://localhost:" + m.wssPort + "/mqtt", b -> b.tls(trust(TestTls.file("ca.pem")))));
    }

    @Test
    void mqtt5RoundTripsWithTheConnackProperties(LocalBroker hive) {
        CheckReport r = check("mqtt://127.0.0.1:" + hive.tcpPort(), b -> b.mqttVersion(MqttVersion.V5));
        assertRoundTrips(r);
        assertTrue(stage(r, "mqtt").facts().get("properties") instanceof Map<?, ?>, r::toString);
    }

    @Test
    void aWrongPathOnABrokerThatNeverAnswersNamesThePath(LocalBroker hive) {
        assertVerdict(check("ws://127.0.0.1:" + hive.wsPort() + "/wrong", b -> b), "websocket",
                "No answer to the WebSocket upgrade for path /wrong", "change the path in the URL");
    }

    @Test
    void aBrokerThatDropsWhatItsAclDeniesIsNamedAtPublish() throws Exception {
        Path acl = Files.writeString(dir.resolve("acl"), "topic read mqscope/#\n");
        try (TlsMosquitto t = TlsMosquitto.startPlain(dir, "acl_file " + acl + "\n")) {
            assertVerdict(check("mqtt://127.0.0.1:" + t.port, b -> b), "publish",
                    "but did not deliver it to this client's own subscription", "ACL");
        }
    }
}
