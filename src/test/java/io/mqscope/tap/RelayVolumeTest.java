package io.mqscope.tap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.broker.LocalBroker;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.testing.EmbeddedHiveMq;
import io.mqscope.testing.MqttBytes;
import io.mqscope.testing.MqttExchange;
import io.mqscope.testing.RecordingRelayListener;
import io.mqscope.wire.Direction;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Large packets and several clients at once through one relay (proxy mode). */
@ExtendWith(EmbeddedHiveMq.class)
class RelayVolumeTest {

    @ParameterizedTest
    @EnumSource(Transport.class)
    void a_two_megabyte_publish_crosses_byte_exact(Transport transport, LocalBroker broker) throws Exception {
        Profile profile = RelayHiveMqTransportsTest.profileFor(broker, transport);
        byte[] payload = new byte[2 * 1024 * 1024];
        new Random(7).nextBytes(payload);
        RecordingRelayListener events = new RecordingRelayListener();
        try (Relay relay = Relay.start(profile, events);
             Socket s = new Socket("127.0.0.1", relay.port())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(MqttBytes.connect(5, "big-" + transport));
            assertThat(MqttBytes.readPacket(in)[3]).isZero();
            out.write(MqttBytes.subscribe(5, "big/" + transport, 0));
            MqttBytes.readPacket(in);
            byte[] publish = MqttBytes.publish(5, "big/" + transport, payload);
            out.write(publish);
            byte[] back = MqttBytes.readPacket(in);
            assertThat(back).endsWith(payload);
            out.write(MqttBytes.disconnect());
            assertThat(in.read()).isEqualTo(-1);
        }
        events.awaitClosed();
        assertThat(events.failures).isEmpty();
        assertThat(events.packets).filteredOn(e -> e.direction() == Direction.CLIENT_TO_BROKER
                && e.packet().type().name().equals("PUBLISH"))
                .singleElement().satisfies(e -> assertThat(e.packet().length()).isGreaterThan(payload.length));
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"TCP", "WSS"})
    void eight_clients_at_once_each_get_their_own_upstream(Transport transport, LocalBroker broker)
            throws Exception {
        Profile profile = RelayHiveMqTransportsTest.profileFor(broker, transport);
        RecordingRelayListener events = new RecordingRelayListener();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (Relay relay = Relay.start(profile, events, "127.0.0.1", 0)) {
            List<Future<MqttExchange>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String id = "many-" + transport + "-" + i;
                runs.add(pool.submit(() -> MqttExchange.run("127.0.0.1", relay.port(), 4, id)));
            }
            for (Future<MqttExchange> run : runs) {
                assertThat(run.get(30, TimeUnit.SECONDS).received).hasSize(4);
            }
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> events.closed.size() == 8);
        } finally {
            pool.shutdownNow();
        }
        assertThat(events.failures).isEmpty();
        assertThat(events.packets.stream().map(PacketEvent::connectionId).distinct()).hasSize(8);
    }
}
