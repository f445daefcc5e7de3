package io.mqscope.tap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.testing.MqttBytes;
import io.mqscope.testing.Stall;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A broker that stops reading slows the client down: the tap stops reading the client while the upstream cannot
 * take more, so what the client manages to write stays within the sockets' buffers instead of piling up in the tap.
 */
class WiretapBackpressureTest {
    private static final int PACKET = 64 * 1024;
    private static final long FLOOD = 512L << 20;

    @Test
    void a_broker_that_does_not_read_stalls_the_client() throws Exception {
        try (ServerSocket deaf = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Profile upstream = Profile.builder().transport(Transport.TCP).host("127.0.0.1")
                    .port(deaf.getLocalPort()).build();
            TapRecorder events = new TapRecorder();
            AtomicLong written = new AtomicLong();
            try (Wiretap tap = Wiretap.start(new TapSettings(ListenUrl.parse("mqtt://127.0.0.1:0"), upstream, null,
                    false, Locale.ENGLISH), e -> { }); // events would keep every packet: not wanted here
                 Socket client = new Socket("127.0.0.1", tap.port())) {
                byte[] publish = MqttBytes.publish(4, "flood", new byte[PACKET]);
                Thread writer = new Thread(() -> {
                    try {
                        OutputStream out = client.getOutputStream();
                        out.write(MqttBytes.connect(4, "flood"));
                        while (written.get() < FLOOD) {
                            out.write(publish);
                            written.addAndGet(publish.length);
                        }
                    } catch (IOException e) {
                        // closed at the end of the test
                    }
                }, "flood-writer");
                writer.setDaemon(true);
                writer.start();
                // the upstream opens once the client has spoken; the broker accepts and never reads
                deaf.setSoTimeout(20_000);
                Socket accepted = deaf.accept();
                Stall.awaitWritesStop(written);
                assertThat(written.get()).as("bytes the client could write before it stalled")
                        .isLessThan(96L << 20);
                accepted.close();
                client.close();
                writer.join(10_000);
            }
        }
    }
}
