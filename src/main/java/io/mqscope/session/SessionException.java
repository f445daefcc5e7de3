package io.mqscope.session;

import io.mqscope.tap.Stage;

/** Why a session operation failed, with the stage it failed in and, when known, what to try. */
public final class SessionException extends RuntimeException {
    private final Stage stage;
    private final Sentence said;
    private final Sentence fix;

    /** A reason that has no message key yet (shown as it is in every language). */
    public SessionException(Stage stage, String reason) {
        this(stage, reason, null);
    }

    public SessionException(Stage stage, String reason, Throwable cause) {
        this(stage, Sentence.verbatim(reason), null, cause);
    }

    public SessionException(Stage stage, Sentence reason, Sentence fix, Throwable cause) {
        super(stage.label() + ": " + reason.english(), cause);
        this.stage = stage;
        this.said = reason;
        this.fix = fix;
    }

    public Stage stage() {
        return stage;
    }

    /** The reason in English. */
    public String reason() {
        return said.english();
    }

    /** The reason as a message key and arguments. */
    public Sentence sentence() {
        return said;
    }

    /** What to try, or null. */
    public Sentence fix() {
        return fix;
    }
}
