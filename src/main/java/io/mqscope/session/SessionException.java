package io.mqscope.session;

import io.mqscope.tap.Stage;

/** Why a session operation failed, with the stage it failed in. */
public final class SessionException extends RuntimeException {
    private final Stage stage;
    private final String reason;
    private final Failure failure;

    public SessionException(Stage stage, String reason) {
        this(stage, reason, null);
    }

    public SessionException(Stage stage, String reason, Throwable cause) {
        this(stage, reason, cause, null);
    }

    /** With the failure's verdict (stage, cause and fix as message keys) that users are shown instead of reason. */
    public SessionException(Stage stage, String reason, Throwable cause, Failure failure) {
        super(stage.label() + ": " + reason, cause);
        this.stage = stage;
        this.reason = reason;
        this.failure = failure;
    }

    public Stage stage() {
        return stage;
    }

    /** The technical detail (what the client or the relay said), in English. */
    public String reason() {
        return reason;
    }

    /** The verdict users are shown (the same words as {@code mqscope check}), or null where none is known. */
    public Failure failure() {
        return failure;
    }
}
