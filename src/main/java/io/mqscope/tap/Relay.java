package io.mqscope.tap;

import io.mqscope.profile.Profile;

/**
 * The packet tap: listens on 127.0.0.1 (ephemeral port) for plain MQTT from a local client and, for each accepted
 * connection, opens the real upstream connection to the broker described by the profile (tcp, tls, ws, wss, proxy).
 * Bytes are forwarded untouched both ways and decoded per direction.
 *
 * <p>CONTRACT STUB: the relay issue replaces the body, keeping these signatures.
 */
public final class Relay implements AutoCloseable {

    private Relay() {
    }

    /** Binds the loopback listener and returns at once; upstream connections are opened per accepted client. */
    public static Relay start(Profile profile, RelayListener listener) {
        throw new UnsupportedOperationException("relay not yet implemented");
    }

    /** The loopback port the MQTT client must connect to. */
    public int port() {
        throw new UnsupportedOperationException("relay not yet implemented");
    }

    @Override
    public void close() {
    }
}
