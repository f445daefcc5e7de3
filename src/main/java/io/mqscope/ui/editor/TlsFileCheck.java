package io.mqscope.ui.editor;

import io.mqscope.ui.I18n;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a chosen CA, certificate or key file holds, said at once (issue 14 item 15): readable or not, PEM or PKCS#12,
 * how many certificates and whose, which kind of private key. Runs on the I/O executor (it reads the file).
 */
public final class TlsFileCheck {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s:,\\-]*?)-----END \\1-----");

    private TlsFileCheck() {
    }

    /** One line for the file at {@code path} ({@code keyPassword} opens a PKCS#12 store; may be empty). */
    public static String describe(String path, String keyPassword) {
        if (path == null || path.isBlank()) {
            return "";
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(Path.of(path.strip()));
        } catch (NoSuchFileException e) {
            return I18n.t("tlsFile.missing");
        } catch (IOException | RuntimeException e) {
            return I18n.t("tlsFile.unreadable", String.valueOf(e.getMessage()));
        }
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (text.contains("-----BEGIN ")) {
            return pem(text);
        }
        return binary(bytes, keyPassword);
    }

    private static String pem(String text) {
        List<String> parts = new ArrayList<>();
        List<X509Certificate> certs = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            switch (type) {
                case "CERTIFICATE" -> certs.addAll(certificates(m.group(0).getBytes(StandardCharsets.US_ASCII)));
                case "RSA PRIVATE KEY" -> parts.add(I18n.t("tlsFile.key", "RSA"));
                case "EC PRIVATE KEY" -> parts.add(I18n.t("tlsFile.key", "EC"));
                case "ENCRYPTED PRIVATE KEY" -> parts.add(I18n.t("tlsFile.encryptedKey"));
                case "PRIVATE KEY" -> parts.add(I18n.t("tlsFile.key", pkcs8Algorithm(m.group(2))));
                default -> parts.add(I18n.t("tlsFile.other", type));
            }
        }
        if (!certs.isEmpty()) {
            parts.add(0, certificates(certs));
        }
        return parts.isEmpty() ? I18n.t("tlsFile.nothing") : String.join("; ", parts);
    }

    private static String certificates(List<X509Certificate> certs) {
        String first = commonName(certs.get(0));
        return certs.size() == 1 ? I18n.t("tlsFile.oneCert", first) : I18n.t("tlsFile.certs", certs.size(), first);
    }

    /** "CN=…" of the subject, the name people know a certificate by; the whole subject when it has none. */
    private static String commonName(X509Certificate c) {
        String dn = c.getSubjectX500Principal().getName();
        Matcher m = Pattern.compile("(?:^|,)CN=((?:\\\\.|[^,])*)").matcher(dn);
        return m.find() ? "CN=" + m.group(1) : dn;
    }

    private static List<X509Certificate> certificates(byte[] encoded) {
        try {
            Collection<? extends Certificate> c = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(encoded));
            return c.stream().filter(X509Certificate.class::isInstance).map(X509Certificate.class::cast).toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    /** A PKCS#8 key names its algorithm inside; the JDK's key factories tell which. */
    private static String pkcs8Algorithm(String base64) {
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return "?";
        }
        for (String alg : List.of("RSA", "EC", "Ed25519", "Ed448", "DSA")) {
            try {
                KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
                return alg;
            } catch (Exception e) {
                // not this algorithm
            }
        }
        return "?";
    }

    private static String binary(byte[] bytes, String keyPassword) {
        List<X509Certificate> der = certificates(bytes);
        if (!der.isEmpty()) {
            return certificates(der);
        }
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(new ByteArrayInputStream(bytes), keyPassword == null ? new char[0] : keyPassword.toCharArray());
            int keys = 0;
            List<X509Certificate> certs = new ArrayList<>();
            for (String alias : java.util.Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias)) {
                    keys++;
                }
                Certificate[] chain = ks.getCertificateChain(alias);
                if (chain != null) {
                    for (Certificate c : chain) {
                        certs.add((X509Certificate) c);
                    }
                } else if (ks.getCertificate(alias) instanceof X509Certificate c) {
                    certs.add(c);
                }
            }
            return I18n.t("tlsFile.p12", keys, certs.isEmpty() ? "" : certificates(certs));
        } catch (IOException e) {
            // a PKCS#12 store whose password is wrong fails here too; the bytes say whether it is one (DER SEQUENCE)
            return bytes.length > 0 && bytes[0] == 0x30 ? I18n.t("tlsFile.p12Password") : I18n.t("tlsFile.nothing");
        } catch (Exception e) {
            return I18n.t("tlsFile.nothing");
        }
    }
}
