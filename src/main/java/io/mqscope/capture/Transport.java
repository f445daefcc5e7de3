package io.mqscope.capture;

/** How a conversation carried MQTT. */
public enum Transport {
    /** MQTT straight over TCP. */
    TCP,
    /** MQTT in RFC 6455 WebSocket frames after an HTTP upgrade. */
    WS,
    /** TLS: encrypted, not decodable without the session keys. */
    TLS;

    /** {@code tcp}, {@code ws} or {@code tls} as in JSON. */
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
