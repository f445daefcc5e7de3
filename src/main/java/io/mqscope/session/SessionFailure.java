package io.mqscope.session;

import io.mqscope.tap.Stage;

/**
 * Why a connection or an operation failed, as the user is told.
 *
 * @param stage  where it failed
 * @param reason what went wrong, in a sentence a person understands (where today's wording names the fix, as for a
 *               WebSocket path, the reason says it too)
 * @param fix    what to try, when the translator knows one; else null
 * @param cause  the client's error, for the stack trace; may be null
 * @param failure the verdict users are shown (message keys, the words of {@code mqscope check}); null when unknown
 */
record SessionFailure(Stage stage, String reason, String fix, Throwable cause, Failure failure) {
    SessionFailure(Stage stage, String reason, String fix, Throwable cause) {
        this(stage, reason, fix, cause, null);
    }

    /** The same failure with its verdict in message keys. */
    SessionFailure explained(Failure verdict) {
        return new SessionFailure(stage, reason, fix, cause, verdict);
    }

    SessionException exception() {
        if (failure != null) {
            return new SessionException(stage, reason, cause, failure);
        }
        // text that has no verdict yet is carried as it is
        return new SessionException(stage, Sentence.verbatim(reason), fix == null ? null : Sentence.verbatim(fix),
                cause);
    }
}
