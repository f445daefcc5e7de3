package io.mqscope.tap;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.mqscope.broker.LocalBroker;
import io.mqscope.doctor.Insight;
import io.mqscope.testing.EmbeddedHiveMq;
import io.mqscope.testing.Mosquitto;
import io.mqscope.testing.MqttBytes;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code qos2.flow}, a QoS 2 message delivered twice, with real brokers through a real wiretap: a sender that
 * re-sends its QoS 2 PUBLISH (DUP) after PUBREL makes the broker deliver it twice to a real subscriber, which is the
 * rule's claim; one that re-sends it between PUBREC and PUBREL is told that the receiver must drop the copy.
 */
@ExtendWith({Mosquitto.class, EmbeddedHiveMq.class})
class DoctorQos2TwiceTest {
    private static final int PUBREC = 0x50;
    private static final int PUBCOMP = 0x70;

    @ParameterizedTest(name = "MQTT {1} to {0}")
    @CsvSource({"mosquitto,4", "hivemq,5"})
    void a_publish_resent_after_pubrel_reaches_the_subscriber_twice(String broker, int level, Mosquitto m,
                                                                      LocalBroker hive) throws Exception {
        String topic = "twice/" + broker + level;
        try (DoctorTap tap = new DoctorTap(broker.equals("hivemq") ? hive.tcpPort() : m.tcpPort);
             Socket s = new Socket("127.0.0.1", tap.port())) {
            AtomicInteger received = subscriber(tap, topic);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(MqttBytes.connect(level, "twice-" + level));
            MqttBytes.readPacket(in);
            out.write(publish(level, topic, 5, false));
            assertThat(MqttBytes.readPacket(in)[0]).as("PUBREC").isEqualTo((byte) PUBREC);
            out.write(pubrel(5));
            assertThat(MqttBytes.readPacket(in)[0]).as("PUBCOMP").isEqualTo((byte) PUBCOMP);
            // the library's stored in-flight message is out of step: it sends the PUBLISH again
            out.write(publish(level, topic, 5, true));
            assertThat(MqttBytes.readPacket(in)[0]).as("PUBREC of the copy").isEqualTo((byte) PUBREC);
            out.write(pubrel(5));
            MqttBytes.readPacket(in);
            Insight twice = tap.await("qos2.flow");
            assertThat(twice.message(Locale.ENGLISH)).as(tap.seen()).contains("re-sent its QoS 2 PUBLISH (packet id 5",
                    "subscribers receive it twice");
            // what the words claim is what the broker did
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.get() == 2);
            assertThat(twice.packets()).hasSize(2);
        }
    }

    @ParameterizedTest(name = "MQTT {1} to {0}")
    @CsvSource({"mosquitto,4", "hivemq,5"})
    void a_publish_resent_between_pubrec_and_pubrel_is_told(String broker, int level, Mosquitto m, LocalBroker hive)
            throws Exception {
        String topic = "copy/" + broker + level;
        try (DoctorTap tap = new DoctorTap(broker.equals("hivemq") ? hive.tcpPort() : m.tcpPort);
             Socket s = new Socket("127.0.0.1", tap.port())) {
            AtomicInteger received = subscriber(tap, topic);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(MqttBytes.connect(level, "copy-" + level));
            MqttBytes.readPacket(in);
            out.write(publish(level, topic, 6, false));
            assertThat(MqttBytes.readPacket(in)[0]).as("PUBREC").isEqualTo((byte) PUBREC);
            out.write(publish(level, topic, 6, true));
            assertThat(MqttBytes.readPacket(in)[0]).as("PUBREC of the copy [MQTT-4.3.3-2]")
                    .isEqualTo((byte) PUBREC);
            out.write(pubrel(6));
            assertThat(MqttBytes.readPacket(in)[0]).as("PUBCOMP").isEqualTo((byte) PUBCOMP);
            Insight copy = tap.await("qos2.flow");
            assertThat(copy.message(Locale.ENGLISH)).as(tap.seen()).contains("again after the broker had answered it "
                    + "with PUBREC", "must answer the copy with PUBREC");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.get() >= 1);
        }
    }

    /** A real subscriber through the same tap; counts what it receives. */
    private static AtomicInteger subscriber(DoctorTap tap, String topic) {
        AtomicInteger received = new AtomicInteger();
        Mqtt5AsyncClient sub = MqttClient.builder().useMqttVersion5().identifier("sub-" + topic.replace('/', '-'))
                .serverHost("127.0.0.1").serverPort(tap.port()).buildAsync();
        sub.connect().join();
        sub.subscribeWith().topicFilter(topic).qos(MqttQos.EXACTLY_ONCE)
                .callback(p -> received.incrementAndGet()).send().join();
        return received;
    }

    private static byte[] publish(int level, String topic, int id, boolean dup) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        b.write(0);
        b.write(t.length);
        b.writeBytes(t);
        b.write(0);
        b.write(id);
        if (level == 5) {
            b.write(0);
        }
        b.writeBytes("order 42".getBytes(StandardCharsets.UTF_8));
        return MqttBytes.packet(0x34 | (dup ? 0x08 : 0), b.toByteArray());
    }

    private static byte[] pubrel(int id) {
        return new byte[] {0x62, 2, 0, (byte) id};
    }
}
