package io.mqscope.tap;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Judges the chain a server sent, after a handshake that accepted anything (the check) or that refused it (the
 * relay: the chain its trust manager was shown), so both word a certificate problem alike: expiry, trust against the
 * CA file and the system store, self-signed, intermediate missing, host name (RFC 6125 §6.4: SAN dNSName with a
 * left-most wildcard label, iPAddress for an address; the CN only when there is no SAN).
 */
public final class CertificateChain {
    /**
     * The first problem found (a verdict id of {@code session/verdicts.properties}) and its arguments, or a null id
     * when trusted; the facts the check reports.
     */
    public record Outcome(String problem, Object[] args, Map<String, Object> facts) {
    }

    private CertificateChain() {
    }

    public static Outcome judge(X509Certificate[] chain, String host, String caFile, Instant now) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("chain_count", chain.length);
        List<Object> certs = new ArrayList<>();
        for (X509Certificate c : chain) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("subject", c.getSubjectX500Principal().getName());
            m.put("issuer", c.getIssuerX500Principal().getName());
            m.put("not_before", c.getNotBefore().toInstant().toString());
            m.put("not_after", c.getNotAfter().toInstant().toString());
            m.put("names", names(c));
            certs.add(m);
        }
        facts.put("chain", certs);
        X509Certificate leaf = chain[0];
        long days = Duration.between(now, leaf.getNotAfter().toInstant()).toDays();
        facts.put("days_to_expiry", days);
        boolean selfSigned = chain.length == 1 && selfSigned(leaf);
        facts.put("self_signed", selfSigned);
        String authType = "EC".equals(leaf.getPublicKey().getAlgorithm()) ? "ECDHE_ECDSA" : "ECDHE_RSA";
        Boolean byCaFile = null;
        List<X509Certificate> caCerts = List.of();
        if (caFile != null && !caFile.isBlank()) {
            try {
                caCerts = readCerts(Path.of(caFile));
                byCaFile = trusted(trustManager(caCerts), chain, authType);
            } catch (IOException | GeneralSecurityException e) {
                byCaFile = false;
            }
            facts.put("trusted_by_cafile", byCaFile);
        }
        boolean bySystem;
        try {
            bySystem = trusted(trustManager(null), chain, authType);
        } catch (GeneralSecurityException e) {
            bySystem = false;
        }
        facts.put("trusted_by_system", bySystem);
        X509Certificate top = chain[chain.length - 1];
        // complete: it validates, or it ends in a self-signed root; incomplete: the last one names an issuer to
        // fetch (AIA) or a CA file does not validate it; otherwise nothing tells
        facts.put("chain_complete", Boolean.TRUE.equals(byCaFile) || bySystem || selfSigned(top) ? Boolean.TRUE
                : hasAiaIssuers(top) || !caCerts.isEmpty() ? Boolean.FALSE : "unknown");
        boolean hostOk = hostMatches(leaf, host);
        facts.put("host_name_matches", hostOk);
        String leafName = leaf.getSubjectX500Principal().getName();
        if (now.isAfter(leaf.getNotAfter().toInstant())) {
            return new Outcome("tls.expired", new Object[] {leafName, leaf.getNotAfter().toInstant().toString(),
                -days}, facts);
        }
        if (now.isBefore(leaf.getNotBefore().toInstant())) {
            return new Outcome("tls.not_yet_valid", new Object[] {leafName,
                leaf.getNotBefore().toInstant().toString()}, facts);
        }
        boolean trusted = Boolean.TRUE.equals(byCaFile) || bySystem;
        if (!trusted) {
            if (selfSigned) {
                return new Outcome("tls.self_signed", new Object[] {leafName}, facts);
            }
            X509Certificate last = chain[chain.length - 1];
            String issuer = last.getIssuerX500Principal().getName();
            // Public CAs sign through intermediates and name them in AIA; a CA file that holds other CAs than the
            // one that signed the last certificate sent most often holds the root above a missing intermediate.
            if (!selfSigned(last) && (hasAiaIssuers(last) || !caCerts.isEmpty())) {
                return new Outcome("tls.chain_incomplete", new Object[] {chain.length, issuer}, facts);
            }
            return new Outcome("tls.untrusted_ca", new Object[] {issuer, caCerts.isEmpty() ? 0 : 1}, facts);
        }
        if (!hostOk) {
            return new Outcome("tls.wrong_host", new Object[] {host, String.join(", ", names(leaf))}, facts);
        }
        return new Outcome(null, new Object[0], facts);
    }

    static boolean selfSigned(X509Certificate c) {
        if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
            return false;
        }
        try {
            c.verify(c.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean hasAiaIssuers(X509Certificate c) {
        return c.getExtensionValue("1.3.6.1.5.5.7.1.1") != null;
    }

    private static boolean trusted(X509TrustManager tm, X509Certificate[] chain, String authType) {
        try {
            tm.checkServerTrusted(chain, authType);
            return true;
        } catch (java.security.cert.CertificateException | IllegalArgumentException e) {
            return false;
        }
    }

    private static X509TrustManager trustManager(List<X509Certificate> anchors) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (anchors == null) {
            tmf.init((KeyStore) null);
        } else {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            try {
                ks.load(null, null);
            } catch (IOException e) {
                throw new GeneralSecurityException(e);
            }
            for (int i = 0; i < anchors.size(); i++) {
                ks.setCertificateEntry("ca" + i, anchors.get(i));
            }
            tmf.init(ks);
        }
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    static List<X509Certificate> readCerts(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> all = CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : all) {
                out.add((X509Certificate) c);
            }
            return out;
        }
    }

    static List<String> names(X509Certificate c) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> sans = c.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if (type == 2 || type == 7) {
                        out.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // no usable SAN: the CN below is all there is
        }
        return out;
    }

    static boolean hostMatches(X509Certificate leaf, String host) {
        List<String> sans = names(leaf);
        boolean isIp = host.matches("[0-9.]+") || host.contains(":");
        if (sans.isEmpty()) {
            String cn = commonName(leaf);
            return cn != null && !isIp && nameMatches(cn, host);
        }
        for (String n : sans) {
            if (isIp ? sameAddress(n, host) : nameMatches(n, host)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean nameMatches(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (p.startsWith("*.")) {
            int dot = h.indexOf('.');
            return dot > 0 && h.substring(dot).equals(p.substring(1));
        }
        return p.equals(h);
    }

    private static String commonName(X509Certificate c) {
        for (String part : c.getSubjectX500Principal().getName().split(",")) {
            if (part.startsWith("CN=")) {
                return part.substring(3);
            }
        }
        return null;
    }
}
