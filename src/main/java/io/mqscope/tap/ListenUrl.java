package io.mqscope.tap;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a {@link Wiretap} listens: {@code mqtt://host:port}, {@code mqtts://}, {@code ws://host:port/path} or
 * {@code wss://}. The host is an address (or a name) of this machine; the path matters for WebSocket only.
 */
public record ListenUrl(Kind kind, String host, int port, String path) {

    /** The four listener kinds: a byte stream or a WebSocket server, each with or without TLS. */
    public enum Kind {
        MQTT("mqtt", false, false, 1883),
        MQTTS("mqtts", true, false, 8883),
        WS("ws", false, true, 8083),
        WSS("wss", true, true, 8084);

        private final String scheme;
        private final boolean secure;
        private final boolean webSocket;
        private final int defaultPort;

        Kind(String scheme, boolean secure, boolean webSocket, int defaultPort) {
            this.scheme = scheme;
            this.secure = secure;
            this.webSocket = webSocket;
            this.defaultPort = defaultPort;
        }

        public String scheme() {
            return scheme;
        }

        public boolean secure() {
            return secure;
        }

        public boolean webSocket() {
            return webSocket;
        }
    }

    /**
     * Parses a listen URL.
     *
     * @throws IllegalArgumentException with the reason, when it is not one
     */
    public static ListenUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the listen URL is empty");
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Kind kind = null;
        for (Kind k : Kind.values()) {
            if (k.scheme.equals(scheme)) {
                kind = k;
            }
        }
        if (kind == null) {
            throw new IllegalArgumentException("'" + text + "': the scheme must be mqtt://, mqtts://, ws:// or wss://");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' has no host (e.g. 127.0.0.1 or 0.0.0.0)");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() < 0 ? kind.defaultPort : uri.getPort();
        if (port > 65535) {
            throw new IllegalArgumentException("'" + text + "': port " + port + " is not 0..65535");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (!kind.webSocket && !"/".equals(path)) {
            throw new IllegalArgumentException("'" + text + "': a path belongs to ws:// and wss:// only");
        }
        return new ListenUrl(kind, host, port, kind.webSocket ? path : "");
    }

    /** The same listener on another port (the one actually bound when the URL said 0). */
    public ListenUrl withPort(int p) {
        return new ListenUrl(kind, host, p, path);
    }

    /** The same listener under another host, e.g. a LAN address for a wildcard bind. */
    public ListenUrl withHost(String h) {
        return new ListenUrl(kind, h, port, path);
    }

    /** Whether the host is a wildcard address: every interface listens. */
    public boolean wildcard() {
        return "0.0.0.0".equals(host) || "::".equals(host);
    }

    @Override
    public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return kind.scheme + "://" + h + ":" + port + path;
    }
}
