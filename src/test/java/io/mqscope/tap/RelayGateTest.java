package io.mqscope.tap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.profile.Profile;
import io.mqscope.testing.RecordingRelayListener;
import io.mqscope.testing.RecordingTcpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The session relay's gate ({@link RelayGate}). Other processes being refused on Linux is shown end to end by
 * {@code session.RelayIntruderTest}; here: the /proc rows it reads, that this process's own socket passes the kernel
 * check, and the weaker first-announced-only rule of systems without /proc.
 */
class RelayGateTest {

    @Test
    void reads_the_inode_of_a_loopback_row_by_local_and_remote_port() {
        // /proc/net/tcp: 127.0.0.1:40000 -> 127.0.0.1:50000, established, inode 123456
        String v4 = "   3: 0100007F:9C40 0100007F:C350 01 00000000:00000000 00:00000000 00000000  1000        0 123456 "
                + "1 0000000000000000 20 4 30 10 -1";
        // /proc/net/tcp6, a dual-stack socket: ::ffff:127.0.0.1:40000 -> ::ffff:127.0.0.1:50000, inode 654321
        String v6 = "   0: 0000000000000000FFFF00000100007F:9C40 0000000000000000FFFF00000100007F:C350 01 "
                + "00000000:00000000 00:00000000 00000000  1000        0 654321 1 0000000000000000 20 4 30 10 -1";
        assertThat(RelayGate.inodeIfMatches(v4, 40000, 50000)).isEqualTo(123456);
        assertThat(RelayGate.inodeIfMatches(v6, 40000, 50000)).isEqualTo(654321);
        // the relay's own end of the same connection has the ports the other way round
        assertThat(RelayGate.inodeIfMatches(v4, 50000, 40000)).isEqualTo(-1);
        // not loopback: 10.0.0.5
        assertThat(RelayGate.inodeIfMatches(v4.replaceFirst("0100007F", "0500000A"), 40000, 50000)).isEqualTo(-1);
        assertThat(RelayGate.inodeIfMatches("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
                + "retrnsmt   uid  timeout inode", 40000, 50000)).isEqualTo(-1);
    }

    @Test
    void on_linux_a_socket_of_this_very_process_passes_the_kernel_check() throws Exception {
        RelayGate gate = RelayGate.forThisSystem();
        assertThat(gate.kernelCheck()).isEqualTo(Files.isReadable(Path.of("/proc/net/tcp")));
        try (RecordingTcpServer upstream = new RecordingTcpServer(new byte[] {7});
             Relay relay = Relay.startForSession(profile(upstream), new RecordingRelayListener(), gate);
             Socket own = new Socket(InetAddress.getLoopbackAddress(), relay.port())) {
            own.getOutputStream().write("own".getBytes(StandardCharsets.US_ASCII));
            await().atMost(Duration.ofSeconds(5)).until(() -> upstream.received().length == 3);
        }
    }

    @Test
    void without_proc_only_the_announced_connection_gets_in_and_only_once() throws Exception {
        RecordingRelayListener events = new RecordingRelayListener();
        try (RecordingTcpServer upstream = new RecordingTcpServer(new byte[] {7});
             Relay relay = Relay.startForSession(profile(upstream), events, RelayGate.announcedOnly())) {
            try (Socket early = new Socket(InetAddress.getLoopbackAddress(), relay.port())) {
                assertThat(readUntilClosed(early)).isEmpty();
                assertThat(events.refusals).singleElement().asString().contains("port " + early.getLocalPort())
                        .endsWith("tried to use its relay; refused");
            }
            relay.expectClient();
            try (Socket announced = new Socket(InetAddress.getLoopbackAddress(), relay.port());
                 Socket second = new Socket(InetAddress.getLoopbackAddress(), relay.port())) {
                announced.getOutputStream().write("own".getBytes(StandardCharsets.US_ASCII));
                await().atMost(Duration.ofSeconds(5)).until(() -> upstream.received().length == 3);
                assertThat(announced.getInputStream().read()).isEqualTo(7);
                assertThat(readUntilClosed(second)).isEmpty();
                await().atMost(Duration.ofSeconds(5)).until(() -> events.refusals.size() == 2);
                assertThat(relay.connectionCount()).isEqualTo(1);
            }
        }
    }

    private static Profile profile(RecordingTcpServer upstream) {
        return Profile.builder().host("127.0.0.1").port(upstream.port()).build();
    }

    /** What the relay sent before it closed the socket; the read times out if it never closes. */
    private static byte[] readUntilClosed(Socket s) throws IOException {
        s.setSoTimeout(5_000);
        InputStream in = s.getInputStream();
        try {
            return in.readAllBytes();
        } catch (java.net.SocketException reset) {
            return new byte[0];
        }
    }
}
