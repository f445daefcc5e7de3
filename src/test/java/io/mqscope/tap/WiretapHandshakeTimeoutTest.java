package io.mqscope.tap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that connects and never speaks, or never finishes its WebSocket upgrade or TLS handshake, is let go
 * after the handshake timeout with a verdict that says how far it got; the upstream is never opened for it.
 */
class WiretapHandshakeTimeoutTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    /** A broker address nobody listens on: a verdict about it would mean the tap tried to open the upstream. */
    private static Profile nowhere() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return Profile.builder().transport(Transport.TCP).host("127.0.0.1").port(s.getLocalPort()).build();
        }
    }

    private TapEvent.Closed holdOpen(String listen, byte[] firstBytes, boolean tls) throws Exception {
        TapRecorder events = new TapRecorder();
        TapSettings settings = new TapSettings(ListenUrl.parse(listen), nowhere(), tls ? serverTls() : null, false,
                Locale.ENGLISH, TIMEOUT);
        try (Wiretap tap = Wiretap.start(settings, events);
             Socket client = new Socket("127.0.0.1", tap.port())) {
            long start = System.nanoTime();
            OutputStream out = client.getOutputStream();
            out.write(firstBytes);
            out.flush();
            client.setSoTimeout(20_000);
            InputStream in = client.getInputStream();
            byte[] answer = in.readAllBytes();
            if (tls) {
                // only TLS alerts (record type 21, RFC 8446 §6) as the tap's TLS side closes: no handshake answer
                assertThat(answer).isNotEmpty().startsWith((byte) 21);
            } else {
                assertThat(answer).as("the tap answers nothing and closes").isEmpty();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(50));
            TapEvent.Closed closed = events.anyClosed();
            assertThat(events.all(TapEvent.Packet.class)).isEmpty();
            assertThat(tap.connectionCount()).isZero();
            return closed;
        }
    }

    private io.netty.handler.ssl.SslContext serverTls() throws Exception {
        SelfSignedCa.Issued cert = new SelfSignedCa(dir).serverFor(List.of("localhost", "127.0.0.1"));
        return SslContextBuilder.forServer(cert.certificate().toFile(), cert.key().toFile()).build();
    }

    @Test
    void a_client_that_never_speaks_is_let_go() throws Exception {
        TapEvent.Closed closed = holdOpen("mqtt://127.0.0.1:0", new byte[0], false);
        assertThat(closed.by()).isEqualTo("tap");
        assertThat(closed.verdict()).isEqualTo("the client sent nothing within 1 s of connecting: the tap let it go");
    }

    @Test
    void a_client_that_never_finishes_its_websocket_upgrade_is_let_go() throws Exception {
        byte[] half = "GET /mqtt HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        TapEvent.Closed closed = holdOpen("ws://127.0.0.1:0/mqtt", half, false);
        assertThat(closed.by()).isEqualTo("tap");
        assertThat(closed.verdict()).isEqualTo("the client did not finish its WebSocket upgrade request within 1 s"
                + " of connecting: the tap let it go");
    }

    @Test
    void a_client_that_never_finishes_its_tls_handshake_is_let_go() throws Exception {
        // a TLS record header (RFC 8446 §5.1: handshake, legacy version 3.1, 64 bytes) and no record after it
        byte[] recordHeader = {0x16, 0x03, 0x01, 0x00, 0x40};
        TapEvent.Closed closed = holdOpen("wss://127.0.0.1:0/mqtt", recordHeader, true);
        assertThat(closed.by()).isEqualTo("tap");
        assertThat(closed.verdict()).isEqualTo("the client did not finish its TLS handshake within 1 s of"
                + " connecting: the tap let it go");
    }
}
