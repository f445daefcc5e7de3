package io.mqscope.check;

import static io.mqscope.check.CheckRun.blankToNull;
import static io.mqscope.check.CheckRun.ms;

import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.tap.CertificateChain;
import io.mqscope.tap.PortProbe;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The tls stage of {@code mqscope check}: the handshake over the tcp stage's socket with its chain facts, and what
 * the port speaks instead when it refuses; also opens fresh TLS connections for the later stages' port probes.
 */
final class TlsStage {
    private final CheckRun run;
    private final Profile profile;

    TlsStage(CheckRun run) {
        this.run = run;
        this.profile = run.profile;
    }

    /** Adds the tls row (a skip for plain transports); false when the later stages cannot run. */
    boolean run() {
        long t0 = System.nanoTime();
        Transport transport = profile.transport();
        if (!transport.secure()) {
            run.stages.add(new StageResult("tls", Status.SKIP, 0, run.words.text("skip.tls", run.scheme()),
                    Map.of()));
            return true;
        }
        Profile.TlsSettings settings = profile.tls();
        Map<String, Object> facts = new LinkedHashMap<>();
        String sni = settings.sniHost() != null && !settings.sniHost().isBlank() ? settings.sniHost()
                : isAddress(profile.host()) ? null : profile.host();
        facts.put("sni", sni == null ? "(none: the host is an IP address)" : sni);
        SSLSocket s;
        try {
            run.tlsContext = context(settings);
            s = (SSLSocket) run.tlsContext.getSocketFactory().createSocket(run.socket, profile.host(), profile.port(),
                    true);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return run.fail("tls", t0, String.valueOf(e.getMessage()), facts, "tls.settings", e.getMessage());
        }
        SSLParameters params = s.getSSLParameters();
        if (sni != null) {
            params.setServerNames(List.of(new SNIHostName(sni)));
        }
        if (!settings.alpn().isEmpty()) {
            params.setApplicationProtocols(settings.alpn().toArray(new String[0]));
        }
        s.setSSLParameters(params);
        try {
            s.startHandshake();
        } catch (IOException e) {
            return tlsHandshakeFailed(t0, facts, e);
        }
        run.socket = s;
        try {
            run.in = s.getInputStream();
            run.out = s.getOutputStream();
        } catch (IOException e) {
            return run.fail("tls", t0, String.valueOf(e.getMessage()), facts, "tls.failed", e.getMessage());
        }
        facts.put("protocol", s.getSession().getProtocol());
        facts.put("cipher_suite", s.getSession().getCipherSuite());
        String alpn = s.getApplicationProtocol();
        facts.put("alpn", alpn == null || alpn.isEmpty() ? "(none)" : alpn);
        boolean ownCert = blankToNull(settings.clientCertFile()) != null;
        facts.put("client_certificate_requested", ownCert ? "(a certificate was configured)"
                : run.certificateRequest.requested());
        X509Certificate[] chain;
        try {
            java.security.cert.Certificate[] peer = s.getSession().getPeerCertificates();
            chain = new X509Certificate[peer.length];
            for (int i = 0; i < peer.length; i++) {
                chain[i] = (X509Certificate) peer[i];
            }
        } catch (IOException e) {
            return run.fail("tls", t0, String.valueOf(e.getMessage()), facts, "tls.failed", e.getMessage());
        }
        CertificateChain.Outcome o = CertificateChain.judge(chain, profile.host(), settings.caFile(), run.now);
        facts.putAll(o.facts());
        String detail = s.getSession().getProtocol() + ", " + chain.length + " certificate(s)";
        if (settings.insecure()) {
            String problem = o.problem() == null ? run.words.text("insecure.none")
                    : run.words.text(o.problem() + ".cause", o.args());
            run.insecureProblem = problem;
            run.warnings.add(run.words.text("insecure.warning", problem));
            if (o.problem() != null) {
                run.stages.add(new StageResult("tls", Status.WARN, ms(t0), detail + "; " + problem, facts));
                return true;
            }
        }
        if (o.problem() != null && !settings.insecure()) {
            return run.fail("tls", t0, detail, facts, o.problem(), o.args());
        }
        return run.ok("tls", t0, detail, facts);
    }

    private boolean tlsHandshakeFailed(long t0, Map<String, Object> facts, IOException e) {
        String msg = String.valueOf(e.getMessage());
        facts.put("error", msg);
        if (msg.contains("bad_certificate") || msg.contains("certificate_required")) {
            return run.fail("tls", t0, msg, facts, "tls.client_cert_required");
        }
        if (msg.contains("protocol_version") || msg.contains("No appropriate protocol")) {
            return run.fail("tls", t0, msg, facts, "tls.old_protocol");
        }
        if (e instanceof SocketTimeoutException) {
            return run.fail("tls", t0, msg, facts, "tls.timeout", run.timeoutMillis / 1000.0);
        }
        if (e instanceof SSLException && msg.contains("fatal alert")) {
            return run.fail("tls", t0, msg, facts, "tls.failed", msg);
        }
        // reset, closed, or a plain-text answer: find out what the port speaks instead
        PortProbe.Speaks speaks = run.probe().sniff(PortProbe.Speaks.TLS);
        facts.put("port_speaks", speaks.name().toLowerCase(Locale.ROOT));
        return switch (speaks) {
            case MQTT -> run.fail("tls", t0, msg, facts, "tls.port_speaks_mqtt", profile.port());
            case HTTP -> run.fail("tls", t0, msg, facts, "tls.port_speaks_http", profile.port());
            default -> run.fail("tls", t0, msg, facts, "tls.closed", profile.port(), msg);
        };
    }

    /** Whether a fresh TLS connection to the port answers an HTTP request (mqtts to a wss port). */
    boolean httpAnswersOverTls() {
        return run.probe().httpOverTls(run.tlsContext);
    }

    /** Whether a fresh TLS connection to the port answers an MQTT CONNECT with a CONNACK (wss to an mqtts port). */
    boolean mqttAnswersOverTls() {
        return run.probe().mqttOverTls(run.tlsContext);
    }

    private SSLContext context(Profile.TlsSettings settings) throws IOException, GeneralSecurityException {
        String cert = blankToNull(settings.clientCertFile());
        if (cert == null) {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(new javax.net.ssl.KeyManager[] {run.certificateRequest},
                    new javax.net.ssl.TrustManager[] {io.mqscope.tap.TrustAll.INSTANCE}, null);
            return ctx;
        }
        // Netty reads PEM keys (PKCS#8, PKCS#1, EC) that the JDK alone does not; its JDK context is a plain one
        SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                .trustManager(InsecureTrustManagerFactory.INSTANCE);
        String pw = blankToNull(settings.keyPassword());
        if (blankToNull(settings.clientKeyFile()) == null) {
            java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
            char[] p = pw == null ? new char[0] : pw.toCharArray();
            try (InputStream f = java.nio.file.Files.newInputStream(java.nio.file.Path.of(cert))) {
                ks.load(f, p);
            }
            javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(
                    javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, p);
            b.keyManager(kmf);
        } else {
            b.keyManager(new File(cert), new File(settings.clientKeyFile()), pw);
        }
        return ((JdkSslContext) b.build()).context();
    }

    private static boolean isAddress(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }}
