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
 */
record SessionFailure(Stage stage, String reason, String fix, Throwable cause) {
    SessionException exception() {
        // the seam for keyed causes and fixes (issue 11's translator): until then the words are carried as they are
        return new SessionException(stage, Sentence.verbatim(reason), fix == null ? null : Sentence.verbatim(fix),
                cause);
    }
}
