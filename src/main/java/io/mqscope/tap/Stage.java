package io.mqscope.tap;

import java.util.Locale;

/**
 * Where a connection failed, in the order a connection goes through them: {@link #CONFIG} for a profile the session
 * cannot use (nothing was sent), then the relay's upstream stages, then MQTT itself.
 */
public enum Stage {
    CONFIG, DNS, TCP, PROXY, TLS, WEBSOCKET, MQTT;

    /** The name as printed to users ({@code tls}, {@code websocket}, {@code config}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
