package io.mqscope.session;

import io.mqscope.tap.Stage;

/** Why a session operation failed, with the stage it failed in. */
public final class SessionException extends RuntimeException {
    private final Stage stage;
    private final String reason;

    public SessionException(Stage stage, String reason) {
        this(stage, reason, null);
    }

    public SessionException(Stage stage, String reason, Throwable cause) {
        super(stage.label() + ": " + reason, cause);
        this.stage = stage;
        this.reason = reason;
    }

    public Stage stage() {
        return stage;
    }

    public String reason() {
        return reason;
    }
}
