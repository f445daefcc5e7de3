package io.mqscope.check;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

/**
 * What a port speaks when it closed or reset our connection without an answer: each probe opens a fresh connection
 * (through the proxy, if any), sends one opening (a TLS ClientHello, an MQTT CONNECT, an HTTP request) and looks at
 * the first reply.
 */
final class PortSniffer {
    enum Speaks { TLS, MQTT, HTTP, UNKNOWN }

    private final CheckRun run;

    PortSniffer(CheckRun run) {
        this.run = run;
    }

    /** Tries the openings in turn, skipping the one that already failed. */
    Speaks sniff(Speaks alreadyTried) {
        if (alreadyTried != Speaks.TLS && speaksTls()) {
            return Speaks.TLS;
        }
        if (alreadyTried != Speaks.MQTT) {
            String first = firstReply(Connacks.connect(4, "mqscope-probe", null, null, 10));
            if (first.startsWith("HTTP/")) {
                return Speaks.HTTP;
            }
            if (!first.isEmpty() && first.charAt(0) == 0x20) {
                return Speaks.MQTT;
            }
        }
        if (alreadyTried != Speaks.HTTP) {
            String req = "GET / HTTP/1.1\r\nHost: " + run.profile.host() + "\r\nConnection: close\r\n\r\n";
            if (firstReply(req.getBytes(StandardCharsets.US_ASCII)).startsWith("HTTP/")) {
                return Speaks.HTTP;
            }
        }
        return Speaks.UNKNOWN;
    }

    private boolean speaksTls() {
        try (Socket raw = connect()) {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new javax.net.ssl.TrustManager[] {TrustAll.INSTANCE}, null);
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, run.profile.host(),
                    run.profile.port(), true)) {
                s.startHandshake();
                return true;
            }
        } catch (SSLHandshakeException e) {
            // a TLS alert is a TLS answer (a server that wants a client certificate, no common cipher...)
            return String.valueOf(e.getMessage()).contains("Received fatal alert");
        } catch (IOException | java.security.GeneralSecurityException e) {
            return false;
        }
    }

    private String firstReply(byte[] opening) {
        try (Socket s = connect()) {
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

    private Socket connect() throws IOException {
        return run.openConnection();
    }
}
