package io.mqscope.cli;

import io.mqscope.session.SessionException;
import io.mqscope.tap.Stage;
import java.io.PrintWriter;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Exit codes and error reporting shared by {@code pub} and {@code sub}.
 *
 * <p>Exit codes: 0 done; 1 connection or broker failure (refused, DNS, TLS, WebSocket upgrade, CONNACK refused,
 * connection lost, publish or subscribe refused); 2 bad input (options, URL, payload, topic); 3 {@code sub
 * --timeout} elapsed before {@code --count} messages arrived.
 */
final class CliSupport {
    static final int OK = 0;
    static final int CONNECTION_FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int TIMED_OUT = 3;

    private CliSupport() {
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Prints {@code mqscope <cmd>: <stage>: <reason>} and returns the exit code for it. */
    static int report(PrintWriter err, String command, Throwable error) {
        Throwable t = unwrap(error);
        if (t instanceof SessionException s) {
            err.println("mqscope " + command + ": " + s.stage().label() + ": " + s.reason());
            err.flush();
            return s.stage() == Stage.CONFIG ? BAD_INPUT : CONNECTION_FAILED;
        }
        err.println("mqscope " + command + ": " + (t.getMessage() == null ? t.toString() : t.getMessage()));
        err.flush();
        return CONNECTION_FAILED;
    }

    static int badInput(PrintWriter err, String command, String message) {
        err.println("mqscope " + command + ": " + message);
        err.flush();
        return BAD_INPUT;
    }

    /**
     * Closes a session and waits (at most 5 s) until its DISCONNECT is out and its relay stopped, so that a command
     * that ends right after does not look like a lost connection to the broker (which would publish the will).
     */
    static void close(io.mqscope.session.Session session) {
        try {
            session.closeAsync().get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // closing anyway
        }
    }
}
