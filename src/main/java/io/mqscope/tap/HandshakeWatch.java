package io.mqscope.tap;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A tapped client's handshake against its deadline ({@link TapSettings#handshakeTimeout()}): how far it got, which
 * is what a timeout says it did not finish, and the timer on the connection's event loop that lets it go. Only that
 * event loop touches it.
 */
final class HandshakeWatch {
    /** The key of the words for how far the client got: silent, then the TLS and HTTP phases. */
    private String phase = "silent";
    private ScheduledFuture<?> timer;

    /** The client connected: {@code timedOut} runs on {@code loop} unless the handshake is {@link #done()} first. */
    void start(EventLoop loop, Duration timeout, Runnable timedOut) {
        timer = loop.schedule(timedOut, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void reached(String phase) {
        this.phase = phase;
    }

    String phase() {
        return phase;
    }

    /** The handshake is over (the upstream starts) or the connection closed: the timer is cancelled. */
    void done() {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
