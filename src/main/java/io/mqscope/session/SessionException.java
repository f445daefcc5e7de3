package io.mqscope.session;

import io.mqscope.tap.Stage;

/**
 * Why a session operation failed, with the stage it failed in and, when known, what to try. Where a verdict is known
 * ({@link Failure}, the words of {@code mqscope check}), the sentence and the fix users are shown are the verdict's;
 * {@link #reason()} keeps the technical detail (what the client or the relay said).
 */
public final class SessionException extends RuntimeException {
    private final Stage stage;
    private final String detail;
    private final Sentence said;
    private final Sentence fix;
    private final Failure failure;

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
        this.detail = reason.english();
        this.said = reason;
        this.fix = fix;
        this.failure = null;
    }

    /** With the failure's verdict (stage, cause and fix as message keys) that users are shown instead of reason. */
    public SessionException(Stage stage, String reason, Throwable cause, Failure failure) {
        super(stage.label() + ": " + reason, cause);
        this.stage = stage;
        this.detail = reason;
        this.failure = failure;
        this.said = failure == null ? Sentence.verbatim(reason) : failure.causeSentence();
        this.fix = failure == null ? null : failure.fixSentence();
    }

    public Stage stage() {
        return stage;
    }

    /** The technical detail (what the client or the relay said), in English. */
    public String reason() {
        return detail;
    }

    /** What users are told, as a message key and arguments. */
    public Sentence sentence() {
        return said;
    }

    /** What to try, or null. */
    public Sentence fix() {
        return fix;
    }

    /** The verdict users are shown (the same words as {@code mqscope check}), or null where none is known. */
    public Failure failure() {
        return failure;
    }
}
