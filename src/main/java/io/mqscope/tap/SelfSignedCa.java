package io.mqscope.tap;

import io.mqscope.profile.ProfileStore;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private CA for the tap's {@code --self-signed} listeners, kept in a directory (by default {@code tap/} in the
 * config directory): made once, then used to issue a server certificate per set of host names and addresses. The
 * JDK has no public API to issue certificates, so BouncyCastle's {@code bcpkix} builds them. Files are PEM, keys
 * PKCS#8 and readable by the owner only (0600 where the file system has POSIX permissions).
 */
public final class SelfSignedCa {
    /** A server certificate and its key, with the CA certificate a client must trust. */
    public record Issued(Path certificate, Path key, Path caCertificate, List<String> names) {
    }

    /** iOS and browsers refuse TLS server certificates valid longer than 825 days. */
    private static final Duration SERVER_VALIDITY = Duration.ofDays(825);
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final String SIGNATURE = "SHA256withRSA";

    private final Path directory;

    public SelfSignedCa(Path directory) {
        this.directory = directory;
    }

    /** The CA in {@code tap/} of the config directory ({@link ProfileStore#defaultDirectory()}). */
    public static SelfSignedCa inConfigDirectory() {
        return new SelfSignedCa(ProfileStore.defaultDirectory().resolve("tap"));
    }

    public Path caCertificate() {
        return directory.resolve("mqscope-tap-ca.pem");
    }

    /** A server certificate for {@code names} (host names and IP addresses), issued now or reused from before. */
    public Issued serverFor(List<String> names) throws IOException, GeneralSecurityException {
        Files.createDirectories(directory);
        Path caKey = directory.resolve("mqscope-tap-ca.key");
        if (!Files.exists(caCertificate()) || !Files.exists(caKey)) {
            makeCa(caKey);
        }
        X509Certificate ca = readCertificate(caCertificate());
        PrivateKey caPrivate = readKey(caKey);
        String tag = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(String.join(",", names).getBytes(StandardCharsets.UTF_8)), 0, 6);
        Path cert = directory.resolve("server-" + tag + ".pem");
        Path key = directory.resolve("server-" + tag + ".key");
        boolean fresh = Files.exists(cert) && Files.exists(key)
                && readCertificate(cert).getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(7)));
        if (!fresh) {
            KeyPair pair = newKeyPair();
            X509Certificate server = sign(ca, caPrivate, pair.getPublic(), names);
            writePrivate(key, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            writePrivate(cert, pem("CERTIFICATE", server.getEncoded()) + pem("CERTIFICATE", ca.getEncoded()));
        }
        return new Issued(cert, key, caCertificate(), List.copyOf(names));
    }

    private void makeCa(Path caKey) throws IOException, GeneralSecurityException {
        KeyPair pair = newKeyPair();
        X500Name name = new X500Name("CN=MQScope tap CA (" + hostName() + "), O=MQScope");
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(CA_VALIDITY)), name,
                    pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            ext.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate ca = new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder(SIGNATURE).build(pair.getPrivate())));
            writePrivate(caKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            writePrivate(caCertificate(), pem("CERTIFICATE", ca.getEncoded()));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the CA certificate: " + e.getMessage(), e);
        }
    }

    private static X509Certificate sign(X509Certificate ca, PrivateKey caKey, PublicKey server, List<String> names)
            throws GeneralSecurityException, IOException {
        List<GeneralName> alt = new ArrayList<>();
        for (String n : names) {
            boolean ip = IPV4.matcher(n).matches() || n.contains(":");
            alt.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, n));
        }
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(SERVER_VALIDITY)),
                    new X500Name("CN=" + names.get(0) + ", O=MQScope tap"), server)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(alt.toArray(GeneralName[]::new)))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder(SIGNATURE).build(caKey)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the server certificate: " + e.getMessage(), e);
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048); // RSA rather than EC: every TLS client, old phones included, takes it
        return g.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom()).add(BigInteger.ONE);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "this machine";
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static PrivateKey readKey(Path file) throws IOException, GeneralSecurityException {
        String text = Files.readString(file, StandardCharsets.US_ASCII)
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                .decode(text)));
    }

    /** Written to a temporary file that is 0600 from the start, then moved into place. */
    private static void writePrivate(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp); // no POSIX permissions here (Windows): the user's profile directory protects it
        }
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
