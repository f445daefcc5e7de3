package io.mqscope.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * The built-in broker: HiveMQ CE embedded, MQTT 3.1.1 and 5, with a tcp and a ws listener (and optionally tls/wss),
 * loopback only unless the settings say otherwise. Start with {@link #start}, stop with {@link #close}.
 */
public final class LocalBroker implements AutoCloseable {

    private static final int START_TIMEOUT_SECONDS = 60;

    private final BrokerSettings settings;
    private final EmbeddedHiveMQ hivemq;
    private final Path baseDir;
    private final boolean deleteBaseDir;
    private final int tcpPort;
    private final int wsPort;
    private final int tlsPort;
    private final int wssPort;
    private boolean closed;

    private LocalBroker(BrokerSettings settings, EmbeddedHiveMQ hivemq, Path baseDir, boolean deleteBaseDir,
                        int tcpPort, int wsPort, int tlsPort, int wssPort) {
        this.settings = settings;
        this.hivemq = hivemq;
        this.baseDir = baseDir;
        this.deleteBaseDir = deleteBaseDir;
        this.tcpPort = tcpPort;
        this.wsPort = wsPort;
        this.tlsPort = tlsPort;
        this.wssPort = wssPort;
    }

    /** Starts the broker and returns once its listeners accept connections. */
    public static LocalBroker start(BrokerSettings settings) {
        quietHiveMqLogging();
        boolean temporary = settings.baseDir() == null;
        Path base;
        try {
            base = temporary ? Files.createTempDirectory("mqscope-broker-") : settings.baseDir();
            Files.createDirectories(base.resolve("conf"));
            Files.createDirectories(base.resolve("data"));
            Files.createDirectories(base.resolve("extensions"));
        } catch (IOException e) {
            throw new BrokerException("cannot create the broker folder: " + e.getMessage(), e);
        }
        try {
            return start(settings, base, temporary);
        } catch (RuntimeException e) {
            // whatever failed (a --bind address that is not this machine's, a taken port), no folder is left behind
            if (temporary) {
                deleteTree(base);
            }
            throw e;
        }
    }

    private static LocalBroker start(BrokerSettings settings, Path base, boolean temporary) {
        String bind = settings.bindAddress();
        int tcp = settings.tcpPort() == 0 ? freePort(bind) : settings.tcpPort();
        int ws = settings.wsPort() == 0 ? freePort(bind) : settings.wsPort();
        BrokerSettings.TlsListeners tls = settings.tls();
        int tlsPort = tls == null || tls.tlsPort() < 0 ? -1 : (tls.tlsPort() == 0 ? freePort(bind) : tls.tlsPort());
        int wssPort = tls == null || tls.wssPort() < 0 ? -1 : (tls.wssPort() == 0 ? freePort(bind) : tls.wssPort());
        // HiveMQ starts as long as one listener binds; a taken port must fail the start, not vanish silently
        for (int[] port : new int[][] {{tcp, settings.tcpPort()}, {ws, settings.wsPort()}, {tlsPort, 1},
                {wssPort, 1}}) {
            String problem = port[0] > 0 && port[1] != 0 ? bindProblem(bind, port[0]) : null;
            if (problem != null) {
                throw new BrokerException("the built-in broker cannot listen on " + bind + ":" + port[0] + ": "
                        + problem, null);
            }
        }
        try {
            Files.writeString(base.resolve("conf").resolve("config.xml"),
                    configXml(settings, tcp, ws, tlsPort, wssPort), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BrokerException("cannot write the broker configuration: " + e.getMessage(), e);
        }
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(base.resolve("conf"))
                .withDataFolder(base.resolve("data"))
                .withExtensionsFolder(base.resolve("extensions"))
                .withoutLoggingBootstrap()
                .build();
        try {
            hivemq.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(hivemq);
            throw new BrokerException("interrupted while starting the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            closeQuietly(hivemq);
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new BrokerException("the built-in broker did not start on " + bind + " (tcp " + tcp
                    + (ws > 0 ? ", ws " + ws : "") + "): " + describe(cause), cause);
        }
        return new LocalBroker(settings, hivemq, base, temporary, tcp, ws, tlsPort, wssPort);
    }

    public int tcpPort() {
        return tcpPort;
    }

    /** The WebSocket port, or -1 when the ws listener is disabled. */
    public int wsPort() {
        return wsPort;
    }

    /** The TLS port, or -1 when there is no TLS listener. */
    public int tlsPort() {
        return tlsPort;
    }

    /** The secure WebSocket port, or -1 when there is none. */
    public int wssPort() {
        return wssPort;
    }

    public String wsPath() {
        return settings.wsPath();
    }

    /** The address clients should use: the bind address, or 127.0.0.1 when bound to every interface. */
    public String host() {
        String b = settings.bindAddress();
        return "0.0.0.0".equals(b) || "::".equals(b) ? "127.0.0.1" : b;
    }

    public String tcpUrl() {
        return "mqtt://" + hostForUrl() + ":" + tcpPort;
    }

    /** {@code ws://host:port/mqtt}, or null when the ws listener is disabled. */
    public String wsUrl() {
        return wsPort < 0 ? null : "ws://" + hostForUrl() + ":" + wsPort + settings.wsPath();
    }

    public String tlsUrl() {
        return tlsPort < 0 ? null : "mqtts://" + hostForUrl() + ":" + tlsPort;
    }

    public String wssUrl() {
        return wssPort < 0 ? null : "wss://" + hostForUrl() + ":" + wssPort + settings.wsPath();
    }

    public BrokerSettings settings() {
        return settings;
    }

    /** Stops the broker and removes its temporary folder. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            hivemq.stop().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // fall through to close(): it releases what stop() did not
        } finally {
            closeQuietly(hivemq);
            if (deleteBaseDir) {
                deleteTree(baseDir);
            }
        }
    }

    private String hostForUrl() {
        String h = host();
        return h.contains(":") ? "[" + h + "]" : h;
    }

    static String configXml(BrokerSettings s, int tcp, int ws, int tlsPort, int wssPort) {
        StringBuilder x = new StringBuilder();
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<hivemq>\n  <listeners>\n");
        x.append("    <tcp-listener>\n      <port>").append(tcp).append("</port>\n      <bind-address>")
                .append(esc(s.bindAddress())).append("</bind-address>\n      <name>mqscope-tcp</name>\n")
                .append("    </tcp-listener>\n");
        if (ws > 0) {
            x.append("    <websocket-listener>\n");
            wsBody(x, s, ws, "mqscope-ws");
            x.append("    </websocket-listener>\n");
        }
        BrokerSettings.TlsListeners t = s.tls();
        if (t != null && tlsPort > 0) {
            x.append("    <tls-tcp-listener>\n      <port>").append(tlsPort).append("</port>\n      <bind-address>")
                    .append(esc(s.bindAddress())).append("</bind-address>\n      <name>mqscope-tls</name>\n");
            tlsBody(x, t);
            x.append("    </tls-tcp-listener>\n");
        }
        if (t != null && wssPort > 0) {
            x.append("    <tls-websocket-listener>\n");
            wsBody(x, s, wssPort, "mqscope-wss");
            tlsBody(x, t);
            x.append("    </tls-websocket-listener>\n");
        }
        x.append("  </listeners>\n");
        x.append("  <anonymous-usage-statistics>\n    <enabled>false</enabled>\n  </anonymous-usage-statistics>\n");
        x.append("  <persistence>\n    <mode>in-memory</mode>\n  </persistence>\n");
        x.append("</hivemq>\n");
        return x.toString();
    }

    private static void wsBody(StringBuilder x, BrokerSettings s, int port, String name) {
        x.append("      <port>").append(port).append("</port>\n      <bind-address>").append(esc(s.bindAddress()))
                .append("</bind-address>\n      <name>").append(name).append("</name>\n      <path>")
                .append(esc(s.wsPath())).append("</path>\n      <subprotocols>\n")
                .append("        <subprotocol>mqttv3.1</subprotocol>\n        <subprotocol>mqtt</subprotocol>\n")
                .append("      </subprotocols>\n      <allow-extensions>false</allow-extensions>\n");
    }

    private static void tlsBody(StringBuilder x, BrokerSettings.TlsListeners t) {
        x.append("      <tls>\n        <keystore>\n          <path>").append(esc(t.keyStore().toString()))
                .append("</path>\n          <password>").append(esc(t.keyStorePassword()))
                .append("</password>\n          <private-key-password>").append(esc(t.privateKeyPassword()))
                .append("</private-key-password>\n        </keystore>\n");
        if (t.trustStore() != null) {
            x.append("        <truststore>\n          <path>").append(esc(t.trustStore().toString()))
                    .append("</path>\n          <password>").append(esc(t.trustStorePassword()))
                    .append("</password>\n        </truststore>\n");
        }
        x.append("        <client-authentication-mode>").append(esc(t.clientAuth()))
                .append("</client-authentication-mode>\n      </tls>\n");
    }

    private static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A port that is free right now on the bind address. HiveMQ does not report ports it picked itself. */
    static int freePort(String bindAddress) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new BrokerException("the built-in broker cannot listen on " + bindAddress + ": "
                    + why(bindAddress, e), e);
        }
    }

    /**
     * HiveMQ logs its start-up at INFO; a desktop tool and a CLI must not print that. Warnings still show. Logback
     * is a runtime dependency only (HiveMQ brings it), hence reflection; without logback nothing is changed.
     */
    private static void quietHiveMqLogging() {
        try {
            Class<?> levelClass = Class.forName("ch.qos.logback.classic.Level");
            Object warn = levelClass.getField("WARN").get(null);
            for (String name : new String[] {"com.hivemq", "jetbrains.exodus", "oshi", "org.jboss", "migrations"}) {
                Object logger = LoggerFactory.getLogger(name);
                if (logger.getClass().getName().equals("ch.qos.logback.classic.Logger")
                        && logger.getClass().getMethod("getLevel").invoke(logger) == null) {
                    logger.getClass().getMethod("setLevel", levelClass).invoke(logger, warn);
                }
            }
        } catch (ReflectiveOperationException | LinkageError e) {
            // another logging backend: leave its configuration to the user
        }
    }

    /** Null when {@code port} can be bound on {@code bindAddress}; else why not, in words. */
    private static String bindProblem(String bindAddress, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port));
            return null;
        } catch (IOException e) {
            return why(bindAddress, e);
        }
    }

    private static String why(String bindAddress, IOException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("already in use")) {
            return "the port is already in use (another broker running?)";
        }
        if (e instanceof java.net.UnknownHostException) {
            return bindAddress + " does not resolve";
        }
        if (m.contains("assign requested address")) {
            return bindAddress + " is not an address of this machine";
        }
        return m;
    }

    private static String describe(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && !b.toString().contains(c.getMessage())) {
                if (b.length() > 0) {
                    b.append(": ");
                }
                b.append(c.getMessage());
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return b.length() == 0 ? t.getClass().getSimpleName() : b.toString();
    }

    private static void closeQuietly(EmbeddedHiveMQ h) {
        try {
            h.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp folder is harmless; never fail a stop over it
        }
    }
}
