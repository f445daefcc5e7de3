package io.mqscope.tap;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.proxy.ProxyConnectException;
import io.netty.handler.ssl.NotSslRecordException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** Turns what went wrong on the upstream into a stage and words a person understands. */
final class FailureText {
    private FailureText() {
    }

    /** The stage and words, and the certificates the broker presented when TLS refused them (else empty). */
    record Classified(Stage stage, String detail, List<X509Certificate> chain) {
        Classified(Stage stage, String detail) {
            this(stage, detail, List.of());
        }
    }

    /**
     * @param stage   the stage the connection was in when it failed
     * @param target  {@code host:port} of the broker
     * @param proxied whether a proxy sits between the relay and the broker
     * @param chain   certificates the broker presented (TLS stage), or null
     * @param caFile  the profile's CA file, or null for the system trust store
     */
    static Classified classify(Throwable error, Stage stage, String target, String proxyTarget, X509Certificate[] chain,
                               String caFile, String host, int timeoutMillis) {
        String all = messages(error);
        String lower = all.toLowerCase(Locale.ROOT);
        if (has(error, UnknownHostException.class)) {
            String name = proxyTarget != null ? proxyTarget : target;
            return new Classified(Stage.DNS, "unknown host: " + name + " does not resolve (" + all + ")");
        }
        if (has(error, ProxyConnectException.class) && stage != Stage.TLS) {
            return new Classified(Stage.PROXY, "proxy " + proxyTarget + " did not open a tunnel to " + target + ": "
                    + all);
        }
        if (has(error, ConnectTimeoutException.class) && (stage == Stage.TCP || stage == Stage.DNS)) {
            String who = proxyTarget != null ? "proxy " + proxyTarget : target;
            return new Classified(proxyTarget != null ? Stage.PROXY : Stage.TCP,
                    "connect to " + who + " timed out after " + timeoutMillis / 1000 + " s (no answer: host down or"
                            + " packets dropped by a firewall)");
        }
        if (has(error, ConnectException.class) && (stage == Stage.TCP || stage == Stage.DNS)) {
            String who = proxyTarget != null ? "proxy " + proxyTarget : target;
            String what = lower.contains("refused") ? "connection refused by " + who
                    + " (nothing listening on that port, or a firewall rejects it)"
                    : "cannot connect to " + who + ": " + all;
            return new Classified(proxyTarget != null ? Stage.PROXY : Stage.TCP, what);
        }
        if (has(error, NoRouteToHostException.class)) {
            return new Classified(Stage.TCP, "no route to " + target + ": " + all);
        }
        if (stage == Stage.TLS || has(error, SSLException.class)) {
            return new Classified(Stage.TLS, tls(error, all, lower, target, chain, caFile, host),
                    chain == null ? List.of() : List.of(chain));
        }
        return new Classified(stage, all);
    }

    static String tls(Throwable error, String all, String lower, String target, X509Certificate[] chain, String caFile,
                      String host) {
        X509Certificate leaf = chain != null && chain.length > 0 ? chain[0] : null;
        if (has(error, NotSslRecordException.class) || lower.contains("unrecognized ssl message")
                || lower.contains("not an ssl/tls record")) {
            return "the broker at " + target + " did not answer with TLS (is it a plain MQTT or WebSocket port?): "
                    + plainAnswer(all);
        }
        if (chain != null) {
            for (X509Certificate c : chain) {
                if (Instant.now().isAfter(c.getNotAfter().toInstant())) {
                    return "certificate expired: " + subject(c) + " was valid until " + c.getNotAfter().toInstant()
                            + " (issued by " + issuer(c) + ")";
                }
                if (Instant.now().isBefore(c.getNotBefore().toInstant())) {
                    return "certificate not yet valid: " + subject(c) + " is valid from "
                            + c.getNotBefore().toInstant() + " (check the clock)";
                }
            }
        }
        if (has(error, CertificateExpiredException.class)) {
            return "certificate expired: " + all;
        }
        if (has(error, CertificateNotYetValidException.class)) {
            return "certificate not yet valid: " + all;
        }
        if (lower.contains("no subject alternative") || lower.contains("no name matching")) {
            return "hostname mismatch: the certificate " + (leaf == null ? "" : "of " + subject(leaf) + " (names "
                    + names(leaf) + ") ") + "does not match '" + host + "' (" + all + ")";
        }
        if (lower.contains("pkix path") || lower.contains("unable to find valid certification path")
                || lower.contains("path building failed") || lower.contains("path validation failed")) {
            String trust = caFile == null || caFile.isBlank() ? "the system trust store" : "the CA file " + caFile;
            if (leaf == null) {
                return "untrusted certificate chain: not trusted by " + trust + " (" + all + ")";
            }
            X509Certificate top = chain[chain.length - 1];
            boolean topSelfSigned = top.getSubjectX500Principal().equals(top.getIssuerX500Principal());
            if (chain.length == 1 && topSelfSigned) {
                return "untrusted certificate chain: " + subject(leaf) + " is self-signed (nothing vouches for it) and"
                        + " is not trusted by " + trust;
            }
            // an issuer named in AIA (1.3.6.1.5.5.7.1.1) that was not sent means the server left out an intermediate;
            // against a CA file, a missing intermediate and a wrong CA file look the same
            if (!topSelfSigned && top.getExtensionValue("1.3.6.1.5.5.7.1.1") != null) {
                return "untrusted certificate chain: the server sent " + chain.length + " certificate(s) without the"
                        + " intermediate that signed " + subject(top) + " (issuer " + issuer(top) + "); the server"
                        + " must send the full chain";
            }
            if (!topSelfSigned && caFile != null && !caFile.isBlank()) {
                return "untrusted certificate chain: " + subject(top) + " issued by " + issuer(top) + " is not trusted"
                        + " by the CA file " + caFile + ": either the CA file holds another CA, or the server left out"
                        + " the intermediate " + issuer(top) + " (the server must send the full chain)";
            }
            return "untrusted certificate chain: " + subject(leaf) + " issued by " + issuer(top)
                    + " is not trusted by " + trust;
        }
        if (lower.contains("protocol_version") || lower.contains("no appropriate protocol")
                || lower.contains("protocol is disabled") || lower.contains("unsupported protocol")) {
            return "TLS protocol version not accepted by one side: " + all;
        }
        if (lower.contains("bad_certificate") || lower.contains("certificate_required")
                || lower.contains("unknown_ca") || lower.contains("certificate_unknown")) {
            return "the broker rejected the client certificate (or its absence): " + all;
        }
        if (lower.contains("handshake_failure")) {
            return "TLS handshake failure (no common protocol or cipher suite, or a client certificate is required): "
                    + all;
        }
        if (lower.contains("handshake timed out")) {
            return "TLS handshake timed out with " + target + ": " + all;
        }
        return "TLS handshake with " + target + " failed: " + all;
    }

    /**
     * Netty names a non-TLS answer by hex-dumping all of it ("not an SSL/TLS record: 485454502f31..."): shown as the
     * text it is instead, its first line and the Server header ("HTTP/1.1 400 Bad Request ... nginx/1.22.1").
     */
    static String plainAnswer(String all) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("not an SSL/TLS record: ([0-9a-fA-F]+)")
                .matcher(all);
        if (!m.find()) {
            return all;
        }
        String hex = m.group(1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i + 1 < hex.length() && text.length() < 4096; i += 2) {
            text.append((char) Integer.parseInt(hex.substring(i, i + 2), 16));
        }
        String t = text.toString();
        String first = t.lines().findFirst().orElse("").replaceAll("[^\\x20-\\x7E]", ".");
        if (first.length() > 80) {
            first = first.substring(0, 80) + "...";
        }
        java.util.regex.Matcher server = java.util.regex.Pattern.compile("(?im)^server:[ \\t]*([^\\r\\n]*)")
                .matcher(t);
        String said = "\"" + first + (server.find() ? " ... " + server.group(1).trim() : "") + "\"";
        return all.substring(0, m.start()) + "not an SSL/TLS record: it answered " + said
                + all.substring(m.end());
    }

    static String subject(X509Certificate c) {
        return "'" + c.getSubjectX500Principal().getName() + "'";
    }

    static String issuer(X509Certificate c) {
        return "'" + c.getIssuerX500Principal().getName() + "'";
    }

    private static String names(X509Certificate c) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> sans = c.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    out.add(String.valueOf(san.get(1)));
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            return "unreadable";
        }
        return out.isEmpty() ? "none" : String.join(", ", out);
    }

    static boolean has(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    /** Every distinct message along the cause chain, outermost first. */
    static String messages(Throwable t) {
        StringBuilder b = new StringBuilder();
        int depth = 0;
        for (Throwable c = t; c != null && depth < 8; c = c.getCause(), depth++) {
            String m = c.getMessage();
            if (m == null || m.isBlank()) {
                continue;
            }
            if (b.indexOf(m) >= 0) {
                continue;
            }
            if (b.length() > 0) {
                b.append(": ");
            }
            b.append(m);
        }
        return b.length() == 0 ? t.getClass().getSimpleName() : b.toString();
    }
}
