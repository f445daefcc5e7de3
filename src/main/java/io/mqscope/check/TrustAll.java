package io.mqscope.check;

import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/**
 * Accepts any chain during the handshake so the check can see what the server sent; {@code tap.CertificateChain}
 * then judges the chain itself and the check fails at the tls stage unless {@code --insecure} was given.
 */
final class TrustAll implements X509TrustManager {
    static final TrustAll INSTANCE = new TrustAll();

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // the check is only ever a client
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // judged afterwards by CertificateChain
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
