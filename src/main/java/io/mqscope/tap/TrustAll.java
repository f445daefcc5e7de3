package io.mqscope.tap;

import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/**
 * Accepts any chain during a handshake whose purpose is to look, never to send anything trusted: the check sees
 * what the server sent and {@link CertificateChain} judges it afterwards (the check fails at the tls stage unless
 * {@code --insecure} was given); {@link PortProbe} only asks what a port speaks.
 */
public final class TrustAll implements X509TrustManager {
    public static final TrustAll INSTANCE = new TrustAll();

    private TrustAll() {
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // the check and the probe are only ever clients
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // judged afterwards by CertificateChain, or not at all by a probe
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
