package io.mqscope.tap;

import io.mqscope.profile.Profile;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What a {@link Wiretap} needs: where to listen, the broker to forward to, the listener's TLS context (mqtts and
 * wss only), whether client packets with a padded Remaining Length are repaired on their way, the locale of the
 * verdicts, and how long a client may take over its handshake (TLS, WebSocket upgrade, first MQTT bytes) before it
 * is let go.
 */
public record TapSettings(ListenUrl listen, Profile upstream, SslContext serverTls, boolean repairPaddedLength,
                          Locale locale, Duration handshakeTimeout) {
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    public TapSettings(ListenUrl listen, Profile upstream, SslContext serverTls, boolean repairPaddedLength,
                       Locale locale) {
        this(listen, upstream, serverTls, repairPaddedLength, locale, DEFAULT_HANDSHAKE_TIMEOUT);
    }

    public TapSettings {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(upstream, "upstream");
        if (listen.kind().secure() && serverTls == null) {
            throw new IllegalArgumentException(listen.kind().scheme() + ":// needs a server certificate");
        }
        locale = locale == null ? Locale.getDefault() : locale;
        handshakeTimeout = handshakeTimeout == null ? DEFAULT_HANDSHAKE_TIMEOUT : handshakeTimeout;
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("the handshake timeout must be positive");
        }
    }

    /**
     * The broker's profile for one client: over WebSocket the broker sees the subprotocol the client asked for, and
     * the query string of the client's request (a token, say) reaches it.
     *
     * @param subprotocol the subprotocol the client asked for, null for none or a byte-stream client
     * @param query the client's query string, null for none
     */
    Profile upstreamFor(String subprotocol, String query) {
        if (upstream.transport() == null || !upstream.transport().webSocket()) {
            return upstream;
        }
        Profile.Builder b = upstream.toBuilder();
        if (subprotocol != null) {
            b.wsSubprotocol(subprotocol);
        }
        String path = upstream.wsPath() == null || upstream.wsPath().isBlank() ? "/" : upstream.wsPath();
        if (query != null && !path.contains("?")) {
            b.wsPath(path + "?" + query);
        }
        return b.build();
    }
}
