package io.mqscope.tap;

import io.mqscope.profile.Profile;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * What a port speaks when it closed or reset a connection without an answer: each probe opens a fresh connection,
 * sends one opening (a TLS ClientHello, an MQTT CONNECT, an HTTP request) and looks at the first reply. Plain
 * blocking JDK sockets, each bounded by the timeout: never call it on an event loop. The one place that decides
 * what a port speaks, for {@code mqscope check}, a session's failed connect and a tapped connection.
 */
public final class PortProbe {
    /** What answered the openings. */
    public enum Speaks { TLS, MQTT, HTTP, UNKNOWN }

    /** Opens a fresh connection to the port (directly, or through a proxy tunnel). */
    @FunctionalInterface
    public interface Opener {
        Socket open() throws IOException;
    }

    /**
     * A minimal MQTT 3.1.1 CONNECT (§3.1): fixed header 0x10, remaining length 25; protocol name "MQTT", level 4,
     * flags 0x02 (clean session), keep alive 10 s, client id "mqscope-probe". A broker answers it with CONNACK 0x20.
     */
    private static final byte[] CONNECT = {
        0x10, 25,
        0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 10,
        0, 13, 'm', 'q', 's', 'c', 'o', 'p', 'e', '-', 'p', 'r', 'o', 'b', 'e',
    };

    private final Opener opener;
    private final String host;
    private final int port;

    public PortProbe(Opener opener, String host, int port) {
        this.opener = opener;
        this.host = host;
        this.port = port;
    }

    /**
     * Probes the profile's broker port the way the relay reaches it: directly, or through the profile's HTTP CONNECT
     * or SOCKS5 proxy ({@link ProxyTunnel}); each connection and read bounded by {@code timeoutMillis}.
     */
    public static PortProbe of(Profile p, int timeoutMillis) {
        Profile.ProxySettings proxy = p.proxy();
        boolean tunnel = ProxyTunnel.used(proxy);
        return new PortProbe(() -> {
            Socket s = new Socket();
            try {
                s.connect(tunnel ? new InetSocketAddress(proxy.host(), proxy.port())
                        : new InetSocketAddress(p.host(), p.port()), timeoutMillis);
                s.setSoTimeout(timeoutMillis);
                if (tunnel) {
                    ProxyTunnel.Answer a = ProxyTunnel.open(s.getInputStream(), s.getOutputStream(), proxy, p.host(),
                            p.port());
                    if (!a.ok()) {
                        throw new IOException("the proxy refused: " + a.answer());
                    }
                }
                return s;
            } catch (IOException e) {
                s.close();
                throw e;
            }
        }, p.host(), p.port());
    }

    /** Tries the openings in turn, skipping the one that already failed. */
    public Speaks sniff(Speaks alreadyTried) {
        if (alreadyTried != Speaks.TLS && speaksTls()) {
            return Speaks.TLS;
        }
        if (alreadyTried != Speaks.MQTT) {
            String first = firstReply(CONNECT);
            if (first.startsWith("HTTP/")) {
                return Speaks.HTTP;
            }
            if (!first.isEmpty() && first.charAt(0) == 0x20) {
                return Speaks.MQTT;
            }
        }
        if (alreadyTried != Speaks.HTTP) {
            String req = "GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
            if (firstReply(req.getBytes(StandardCharsets.US_ASCII)).startsWith("HTTP/")) {
                return Speaks.HTTP;
            }
        }
        return Speaks.UNKNOWN;
    }

    /** Whether a fresh TLS connection (made with {@code tls}) answers an MQTT CONNECT with a CONNACK. */
    public boolean mqttOverTls(SSLContext tls) {
        return firstByteOverTls(tls, CONNECT) == 0x20;
    }

    /** Whether a fresh TLS connection (made with {@code tls}) answers an HTTP request with HTTP. */
    public boolean httpOverTls(SSLContext tls) {
        return firstByteOverTls(tls, ("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII)) == 'H';
    }

    /**
     * The status code of a WebSocket upgrade asking for {@code subprotocol} on a fresh connection (over TLS made with
     * {@code tls}, or plain when null): 0 when it closed without an HTTP answer, -1 when no connection was made.
     */
    public int upgradeCode(SSLContext tls, String hostHeader, String path, String subprotocol,
                           java.util.Map<String, String> headers) {
        try (Socket raw = opener.open()) {
            Socket s = tls == null ? raw : tls.getSocketFactory().createSocket(raw, host, port, true);
            WebSocketHandshake hs = new WebSocketHandshake(hostHeader, path, subprotocol, headers);
            return hs.exchange(s.getInputStream(), s.getOutputStream()).code();
        } catch (IOException e) {
            return -1;
        }
    }

    /** A TLS context that accepts any server certificate: a probe asks what a port speaks, it trusts nothing. */
    public static SSLContext anyCertificate() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {TrustAll.INSTANCE}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JDK", e);
        }
    }

    private boolean speaksTls() {
        try (Socket raw = opener.open();
             SSLSocket s = (SSLSocket) anyCertificate().getSocketFactory().createSocket(raw, host, port, true)) {
            s.startHandshake();
            return true;
        } catch (SSLHandshakeException e) {
            // a TLS alert is a TLS answer (a server that wants a client certificate, no common cipher...)
            return String.valueOf(e.getMessage()).contains("Received fatal alert");
        } catch (IOException e) {
            return false;
        }
    }

    private String firstReply(byte[] opening) {
        try (Socket s = opener.open()) {
            s.getOutputStream().write(opening);
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64];
            int n = in.read(buf);
            return n <= 0 ? "" : new String(buf, 0, n, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    private int firstByteOverTls(SSLContext tls, byte[] opening) {
        try (Socket raw = opener.open();
             SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(raw, host, port, true)) {
            s.getOutputStream().write(opening);
            s.getOutputStream().flush();
            return s.getInputStream().read();
        } catch (IOException e) {
            return -1;
        }
    }
}
