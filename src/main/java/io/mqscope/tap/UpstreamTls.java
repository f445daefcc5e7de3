package io.mqscope.tap;

import io.mqscope.profile.Profile;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS side of the relay's upstream: one client context per relay built from the profile's TLS settings, and the
 * certificates each connection's broker presented, kept so a failure can name subject, issuer and validity.
 */
final class UpstreamTls {
    private final Profile.TlsSettings settings;
    private final SslContext context;
    private final String loadError;
    private final Map<SSLEngine, X509Certificate[]> presented = new ConcurrentHashMap<>();

    UpstreamTls(Profile.TlsSettings settings) {
        this.settings = settings;
        SslContext ctx = null;
        String error = null;
        try {
            ctx = build();
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            error = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        this.context = ctx;
        this.loadError = error;
    }

    /** Why the TLS settings could not be used (unreadable CA file, wrong key password...), or null. */
    String loadError() {
        return loadError;
    }

    Profile.TlsSettings settings() {
        return settings;
    }

    SslHandler newHandler(ByteBufAllocator alloc, String host, int port, int handshakeTimeoutMillis) {
        SslHandler handler = context.newHandler(alloc, host, port);
        handler.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
        SSLEngine engine = handler.engine();
        SSLParameters params = engine.getSSLParameters();
        if (settings.verifyHostname() && !settings.insecure()) {
            params.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (settings.sniHost() != null && !settings.sniHost().isBlank()) {
            params.setServerNames(List.of(new SNIHostName(settings.sniHost())));
        }
        if (!settings.alpn().isEmpty()) {
            params.setApplicationProtocols(settings.alpn().toArray(new String[0]));
        }
        engine.setSSLParameters(params);
        return handler;
    }

    /** The chain the broker presented on this engine, or null; forgets it. */
    X509Certificate[] takePresented(SSLEngine engine) {
        return presented.remove(engine);
    }

    private SslContext build() throws IOException, GeneralSecurityException {
        SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK);
        if (settings.insecure()) {
            b.trustManager(InsecureTrustManagerFactory.INSTANCE);
        } else {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (settings.caFile() != null && !settings.caFile().isBlank()) {
                tmf.init(caKeyStore(Path.of(settings.caFile())));
            } else {
                tmf.init((KeyStore) null);
            }
            X509ExtendedTrustManager delegate = null;
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    delegate = x;
                }
            }
            if (delegate == null) {
                throw new GeneralSecurityException("no X.509 trust manager available");
            }
            b.trustManager(new RecordingTrustManager(delegate));
        }
        String cert = settings.clientCertFile();
        if (cert != null && !cert.isBlank()) {
            String key = settings.clientKeyFile();
            String password = settings.keyPassword();
            if (isPkcs12(cert, key)) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                char[] pw = password == null ? new char[0] : password.toCharArray();
                try (InputStream in = Files.newInputStream(Path.of(cert))) {
                    ks.load(in, pw);
                } catch (IOException e) {
                    throw new IOException("cannot read client certificate " + cert + " as PKCS#12 (wrong password?): "
                            + e.getMessage(), e);
                }
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, pw);
                b.keyManager(kmf);
            } else {
                if (key == null || key.isBlank()) {
                    throw new IllegalArgumentException("client certificate " + cert + " needs a private key file");
                }
                try {
                    b.keyManager(new File(cert), new File(key),
                            password == null || password.isEmpty() ? null : password);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("cannot use client certificate " + cert + " with key " + key
                            + " (the key must be PEM PKCS#8; encrypted keys need the password): " + e.getMessage(), e);
                }
            }
        }
        return b.build();
    }

    private static boolean isPkcs12(String cert, String key) {
        String c = cert.toLowerCase(Locale.ROOT);
        return c.endsWith(".p12") || c.endsWith(".pfx") || key == null || key.isBlank();
    }

    private static KeyStore caKeyStore(Path caFile) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(caFile)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new IOException("cannot read CA file " + caFile + ": " + e, e);
        } catch (CertificateException e) {
            throw new CertificateException("CA file " + caFile + " holds no readable PEM certificate: "
                    + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new CertificateException("CA file " + caFile + " holds no certificate");
        }
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        int i = 0;
        for (Certificate c : certs) {
            ks.setCertificateEntry("ca-" + i++, c);
        }
        return ks;
    }

    /** Delegates every decision to the platform's trust manager; only remembers what the server presented. */
    private final class RecordingTrustManager extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;

        RecordingTrustManager(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            if (engine != null && chain != null) {
                presented.put(engine, chain.clone());
            }
            delegate.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
