package io.mqscope.tap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.testing.MqttBytes;
import io.mqscope.testing.RawWebSocketClient;
import io.mqscope.testing.Stall;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client that stops reading while the broker floods it (a subscriber on a slow phone): the tap stops reading the
 * broker while the client cannot take more, so the broker's writes stall within the sockets' buffers instead of
 * piling up in the tap. The reverse direction of {@link WiretapBackpressureTest}; over tcp and over ws, where the tap
 * wraps each piece in a WebSocket frame. The broker is a socket that answers CONNACK and then writes PUBLISH packets
 * as fast as it can, since a real broker drops or queues for a slow subscriber on its own side.
 */
class WiretapSlowConsumerTest {
    private static final int PAYLOAD = 64 * 1024;
    private static final long FLOOD = 512L << 20;

    @ParameterizedTest(name = "listen {0}")
    @ValueSource(strings = {"mqtt://127.0.0.1:0", "ws://127.0.0.1:0/mqtt"})
    void a_client_that_does_not_read_stalls_the_broker(String listen) throws Exception {
        try (ServerSocket broker = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Profile upstream = Profile.builder().transport(Transport.TCP).host("127.0.0.1")
                    .port(broker.getLocalPort()).build();
            AtomicLong written = new AtomicLong();
            try (Wiretap tap = Wiretap.start(new TapSettings(ListenUrl.parse(listen), upstream, null, false,
                    Locale.ENGLISH), e -> { })) { // a recorder would keep every packet: not wanted here
                RawWebSocketClient ws = null;
                Socket tcp = null;
                byte[] connect = MqttBytes.connect(4, "slow-reader");
                if (listen.startsWith("ws")) {
                    ws = RawWebSocketClient.open(tap.port(), "/mqtt", "mqtt");
                    ws.sendBinary(connect);
                } else {
                    tcp = new Socket("127.0.0.1", tap.port());
                    tcp.getOutputStream().write(connect);
                }
                broker.setSoTimeout(20_000);
                Socket accepted = broker.accept();
                Thread flooder = new Thread(() -> flood(accepted, written), "broker-flood");
                flooder.setDaemon(true);
                flooder.start();
                Stall.awaitWritesStop(written);
                assertThat(written.get()).as("bytes the broker could write before it stalled")
                        .isLessThan(96L << 20);
                accepted.close();
                if (ws != null) {
                    ws.close();
                } else {
                    tcp.close();
                }
                flooder.join(10_000);
            }
        }
    }

    private static void flood(Socket accepted, AtomicLong written) {
        try {
            InputStream in = accepted.getInputStream();
            assertThat(MqttBytes.readPacket(in)[0]).isEqualTo((byte) 0x10);
            OutputStream out = accepted.getOutputStream();
            out.write(new byte[] {0x20, 0x02, 0x00, 0x00});
            byte[] publish = MqttBytes.publish(4, "flood", new byte[PAYLOAD]);
            while (written.get() < FLOOD) {
                out.write(publish);
                written.addAndGet(publish.length);
            }
        } catch (IOException e) {
            // closed at the end of the test
        }
    }
}
