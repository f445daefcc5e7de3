package io.mqscope.broker;

import java.nio.file.Path;

/**
 * Listeners and folders of the built-in broker.
 *
 * @param bindAddress address every listener binds to; {@code 127.0.0.1} unless the user asks otherwise
 * @param tcpPort     plain MQTT port; 0 picks a free port
 * @param wsPort      MQTT over WebSocket port; 0 picks a free port, negative disables the listener
 * @param wsPath      WebSocket path, e.g. {@code /mqtt}
 * @param baseDir     folder for HiveMQ's config, data and extensions; null for a temporary folder removed on stop
 * @param tls         TLS listeners (tests, advanced use); null for none
 */
public record BrokerSettings(String bindAddress, int tcpPort, int wsPort, String wsPath, Path baseDir,
                             TlsListeners tls) {

    public static final String LOOPBACK = "127.0.0.1";
    public static final int DEFAULT_TCP_PORT = 1883;
    public static final int DEFAULT_WS_PORT = 8083;

    public BrokerSettings {
        bindAddress = bindAddress == null || bindAddress.isBlank() ? LOOPBACK : bindAddress;
        wsPath = wsPath == null || wsPath.isBlank() ? "/mqtt" : (wsPath.startsWith("/") ? wsPath : "/" + wsPath);
        if (tcpPort < 0 || tcpPort > 65535) {
            throw new IllegalArgumentException("tcp port must be 0..65535, not " + tcpPort);
        }
        if (wsPort > 65535) {
            throw new IllegalArgumentException("ws port must be 0..65535 (or negative to disable), not " + wsPort);
        }
    }

    /** Loopback tcp and ws listeners on the given ports (0 = free port), temporary folder. */
    public static BrokerSettings loopback(int tcpPort, int wsPort) {
        return new BrokerSettings(LOOPBACK, tcpPort, wsPort, "/mqtt", null, null);
    }

    /** Free loopback ports, temporary folder: what tests use. */
    public static BrokerSettings ephemeral() {
        return loopback(0, 0);
    }

    public BrokerSettings withTls(TlsListeners t) {
        return new BrokerSettings(bindAddress, tcpPort, wsPort, wsPath, baseDir, t);
    }

    public BrokerSettings withBaseDir(Path dir) {
        return new BrokerSettings(bindAddress, tcpPort, wsPort, wsPath, dir, tls);
    }

    /**
     * TLS (mqtts) and secure WebSocket (wss) listeners. Key and trust stores are JKS or PKCS#12 files as HiveMQ
     * reads them.
     *
     * @param tlsPort    port of the TLS listener; 0 picks a free port, negative disables it
     * @param wssPort    port of the secure WebSocket listener; 0 picks a free port, negative disables it
     * @param trustStore trust store for client certificates; null when clients are not authenticated
     * @param clientAuth HiveMQ's client-authentication-mode: NONE, OPTIONAL or REQUIRED
     */
    public record TlsListeners(int tlsPort, int wssPort, Path keyStore, String keyStorePassword,
                               String privateKeyPassword, Path trustStore, String trustStorePassword,
                               String clientAuth) {
        public TlsListeners {
            clientAuth = clientAuth == null ? "NONE" : clientAuth;
        }
    }
}
