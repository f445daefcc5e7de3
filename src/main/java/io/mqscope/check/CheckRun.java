package io.mqscope.check;

import io.mqscope.profile.Profile;
import io.mqscope.tap.PortProbe;
import io.mqscope.tap.ProxyTunnel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * One check's shared state: the connection each stage hands to the next (socket and streams, replaced when TLS or
 * WebSocket wraps them) and the rows, warnings and verdict recorded so far. Confined to the check's one thread.
 */
final class CheckRun {
    final Profile profile;
    final int timeoutMillis;
    final Words words;
    final Instant now;
    final List<StageResult> stages = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final CertificateRequestProbe certificateRequest = new CertificateRequestProbe();
    Verdict verdict;
    /** With an insecure profile, what the skipped certificate checks found (or that they found nothing). */
    String insecureProblem;
    InetSocketAddress address;
    Socket socket;
    SSLContext tlsContext;
    InputStream in;
    OutputStream out;
    /** The CONNACK's properties (empty for 3.1.1) once the mqtt stage passed, else null. */
    Map<String, Object> connack;

    CheckRun(Profile profile, int timeoutMillis, Words words, Instant now) {
        this.profile = profile;
        this.timeoutMillis = timeoutMillis;
        this.words = words;
        this.now = now;
    }

    boolean ok(String stage, long t0, String detail, Map<String, Object> facts) {
        stages.add(new StageResult(stage, Status.OK, ms(t0), detail, facts));
        return true;
    }

    boolean fail(String stage, long t0, String detail, Map<String, Object> facts, String id, Object... args) {
        stages.add(new StageResult(stage, Status.FAIL, ms(t0), detail, facts));
        verdict = words.verdict(stage, id, args);
        return false;
    }

    /**
     * A fresh connection to the broker for a probe: to {@link #address}, then through the profile's proxy when it
     * has one (the address is then the proxy's).
     */
    Socket openConnection() throws IOException {
        Socket s = new Socket();
        try {
            s.connect(address, timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            if (ProxyTunnel.used(profile.proxy())) {
                ProxyTunnel.Answer a = ProxyTunnel.open(s.getInputStream(), s.getOutputStream(), profile.proxy(),
                        profile.host(), profile.port());
                if (!a.ok()) {
                    throw new IOException("the proxy refused: " + a.answer());
                }
            }
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** Asks the port what it speaks, on fresh connections made as {@link #openConnection()} makes them. */
    PortProbe probe() {
        return new PortProbe(this::openConnection, profile.host(), profile.port());
    }

    /** MQTT packets over the connection as the earlier stages left it. */
    PacketChannel channel() {
        return new PacketChannel(socket, in, out, profile.transport().webSocket());
    }

    String scheme() {
        return switch (profile.transport()) {
            case TCP -> "mqtt://";
            case TLS -> "mqtts://";
            case WS -> "ws://";
            case WSS -> "wss://";
        };
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
