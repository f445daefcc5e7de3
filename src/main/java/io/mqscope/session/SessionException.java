package io.mqscope.session;

/**
 * Why a session operation failed, with the stage it failed in: dns, tcp, proxy, tls, websocket, mqtt, or
 * {@code config} for a profile the session cannot use.
 */
public final class SessionException extends RuntimeException {
    private final String stage;
    private final String reason;

    public SessionException(String stage, String reason) {
        this(stage, reason, null);
    }

    public SessionException(String stage, String reason, Throwable cause) {
        super(stage + ": " + reason, cause);
        this.stage = stage;
        this.reason = reason;
    }

    public String stage() {
        return stage;
    }

    public String reason() {
        return reason;
    }
}
