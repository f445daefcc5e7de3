package io.mqscope.check;

import java.io.IOException;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLSocket;

/**
 * Which TLS versions a server offers, one fresh handshake per version with only that version enabled. Versions this
 * Java runtime refuses to speak (TLS 1.0 and 1.1 are disabled in current JDKs) are reported as not probed.
 */
final class TlsVersions {
    static final String[] VERSIONS = {"TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"};

    private TlsVersions() {
    }

    /** Each version: "offered", "refused" or "not probed (...)". */
    static Map<String, String> probe(CheckRun run) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String v : VERSIONS) {
            out.put(v, one(run, v));
        }
        return out;
    }

    private static String one(CheckRun run, String version) {
        try (Socket raw = run.openConnection()) {
            SSLSocket s = (SSLSocket) run.tlsContext.getSocketFactory().createSocket(raw, run.profile.host(),
                    run.profile.port(), false);
            try {
                s.setEnabledProtocols(new String[] {version});
            } catch (IllegalArgumentException e) {
                return "not probed (this Java runtime cannot speak it)";
            }
            try {
                s.startHandshake();
                return version.equals(s.getSession().getProtocol()) ? "offered" : "refused";
            } catch (IOException e) {
                String msg = String.valueOf(e.getMessage());
                // raised before anything is sent: the runtime disabled the version (jdk.tls.disabledAlgorithms)
                return msg.contains("No appropriate protocol") ? "not probed (disabled in this Java runtime)"
                        : "refused";
            } finally {
                s.close();
            }
        } catch (IOException e) {
            return "not probed (" + e.getMessage() + ")";
        }
    }
}
