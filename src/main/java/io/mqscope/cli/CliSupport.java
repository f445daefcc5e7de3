package io.mqscope.cli;

import io.mqscope.payload.ParseResult;
import io.mqscope.payload.TopicNames;
import io.mqscope.profile.Profile;
import io.mqscope.session.Failure;
import io.mqscope.session.SessionException;
import io.mqscope.tap.Stage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Exit codes and error reporting shared by {@code pub} and {@code sub}.
 *
 * <p>Exit codes: 0 done; 1 connection or broker failure (refused, DNS, TLS, WebSocket upgrade, CONNACK refused,
 * connection lost, publish or subscribe refused, an answer not within its timeout); 2 bad input (options, URL,
 * payload, topic); 3 {@code sub --timeout} elapsed before {@code --count} messages arrived or before the
 * subscriptions were acknowledged.
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

    /** Verdicts that only say a connection ended: the port is probed to say what it speaks instead. */
    private static final java.util.Set<String> VAGUE = java.util.Set.of("conn.detail.cause", "conn.tls_failed.cause",
            "ws.closed.cause");

    /**
     * As {@link #report(PrintWriter, String, Throwable)}; when the session could only say that the connection was
     * reset or closed, {@code mqscope check}'s probes for the same profile name what the port speaks instead
     * (a plain MQTT client at a TLS port reads "use mqtts://", not "Connection reset").
     */
    static int report(PrintWriter err, String command, Throwable error, Profile profile) {
        Throwable t = unwrap(error);
        if (t instanceof SessionException s && s.failure() != null && VAGUE.contains(s.failure().causeKey())
                && s.stage() != Stage.CONFIG) {
            io.mqscope.check.CheckReport r = io.mqscope.check.BrokerCheck.run(profile, "", io.mqscope.check
                    .CheckOptions.of(java.time.Duration.ofSeconds(Math.max(1, Math.min(5,
                    profile.connectTimeoutSeconds()))), Language.locale()).withoutRoundTrips());
            io.mqscope.check.Verdict v = r.verdict();
            if (v != null && !"subscribe".equals(v.stage()) && !"publish".equals(v.stage())) {
                err.println("mqscope " + command + ": " + v.stage() + ": " + v.cause() + System.lineSeparator()
                        + "  " + Failure.text(Language.locale(), "failure.fix", v.fix()));
                err.flush();
                return CONNECTION_FAILED;
            }
        }
        return report(err, command, error);
    }

    /** Prints {@code mqscope <cmd>: <stage>: <reason>} and returns the exit code for it. */
    static int report(PrintWriter err, String command, Throwable error) {
        Throwable t = unwrap(error);
        if (t instanceof SessionException s) {
            // a reason with a message key (a profile's mistake) is said in the CLI's language
            err.println("mqscope " + command + ": " + s.stage().label() + ": "
                    + explained(s.failure(), s.sentence().render(Language.locale())));
            err.flush();
            return s.stage() == Stage.CONFIG ? BAD_INPUT : CONNECTION_FAILED;
        }
        err.println("mqscope " + command + ": " + (t.getMessage() == null ? t.toString() : t.getMessage()));
        err.flush();
        return CONNECTION_FAILED;
    }

    /**
     * A failure as users read it: the verdict's cause and, on an indented second line, its fix, in the CLI's
     * language (the words of {@code mqscope check}); the technical reason where no verdict is known.
     */
    static String explained(Failure failure, String reason) {
        if (failure == null) {
            return reason;
        }
        String[] lines = failure.render(Language.locale()).split("\n", 2);
        return lines[0] + System.lineSeparator() + "  " + lines[1];
    }

    /**
     * A state change as users read it: while reconnecting the message already says the verdict's cause (with when
     * the next attempt comes), so only the fix is added; otherwise as {@link #explained(Failure, String)}.
     */
    static String explained(Failure failure, String reason, io.mqscope.session.ConnectionState state) {
        if (failure == null || state != io.mqscope.session.ConnectionState.RECONNECTING) {
            return explained(failure, reason);
        }
        String[] lines = failure.render(Language.locale()).split("\n", 2);
        return reason + System.lineSeparator() + "  " + lines[1];
    }

    /**
     * With {@code --insecure}, prints what the skipped certificate checks find (a phone will hit it) before the
     * command connects: the warning of {@code mqscope check} for the same profile.
     */
    static void warnIfInsecure(PrintWriter err, Profile p) {
        for (String w : io.mqscope.check.BrokerCheck.insecureWarnings(p, java.time.Duration.ofSeconds(
                Math.max(1, Math.min(10, p.connectTimeoutSeconds()))), Language.locale())) {
            err.println(w);
        }
        err.flush();
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

    /**
     * Null when {@code topic} is a valid topic name ({@code filter} false) or filter; else the error, naming
     * {@code option}, the topic and why. A U+FFFD is refused: the JVM puts it where the command line's bytes were
     * not valid UTF-8, and publishing it would send other bytes than the user typed (MQTT strings are UTF-8,
     * 3.1.1 §1.5.3 and 5.0 §1.5.4).
     */
    static String topicError(String option, String topic, boolean filter) {
        int bad = topic.indexOf('\uFFFD');
        if (bad >= 0) {
            return option + " '" + topic + "': the character at position " + (bad + 1) + " stands for bytes that are"
                    + " not valid UTF-8 (check the terminal's or the script's encoding); MQTT topics are UTF-8";
        }
        ParseResult<String> r = filter ? TopicNames.validateFilter(topic) : TopicNames.validateName(topic);
        return r.ok() ? null : option + " '" + topic + "': " + r.error();
    }

    /** Null when {@code file} can be read; else why not, in words (checked before connecting: the relay need not). */
    static String unreadable(String file) {
        Path path = Path.of(file);
        if (Files.isDirectory(path)) {
            return "it is a folder";
        }
        try (InputStream in = Files.newInputStream(path)) {
            return null;
        } catch (IOException e) {
            return whyUnreadable(e);
        }
    }

    /** Why a file cannot be read, in words ("no such file"), not as a Java exception's class name. */
    static String whyUnreadable(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? "cannot be read" : e.getMessage();
    }

    /** Seconds as the user would write them: 1.5, 10. */
    static String seconds(double s) {
        return Double.isFinite(s) ? BigDecimal.valueOf(s).stripTrailingZeros().toPlainString() : String.valueOf(s);
    }

    /**
     * When a command must end ({@code sub -W}), or never; and the waits for single answers inside it. No wait of a
     * command is unbounded: a broker that accepts the connection and then stays silent, or dribbles its CONNACK,
     * cannot keep it alive (issue 13 item 3).
     */
    static final class Deadline {
        private final long endNanos;
        private final Double seconds;
        private boolean ranOut;

        private Deadline(Double seconds) {
            this.seconds = seconds;
            this.endNanos = seconds == null ? Long.MAX_VALUE : System.nanoTime() + (long) (seconds * 1e9);
        }

        /** From now, {@code seconds} long (the -W value); null for none. */
        static Deadline after(Double seconds) {
            return new Deadline(seconds);
        }

        /** Whether a wait ended because the deadline came (not its own limit), or the deadline has passed. */
        boolean passed() {
            return ranOut || seconds != null && System.nanoTime() - endNanos >= 0;
        }

        /** Milliseconds left, at most {@code capMillis}. */
        long remainingMillis(long capMillis) {
            if (seconds == null) {
                return capMillis;
            }
            return Math.max(0, Math.min(capMillis, (endNanos - System.nanoTime()) / 1_000_000));
        }

        /**
         * The value of {@code answer}, waiting at most {@code limitSeconds} and never past the deadline. A timeout
         * fails with {@code unanswered} (e.g. "no SUBACK for 'a/b'") and which limit ran out.
         *
         * @param shownSeconds the limit as the user set it (the wait itself may add a margin to it)
         * @param option       the option that sets the limit, named in the message
         */
        <T> T await(CompletableFuture<T> answer, double limitSeconds, double shownSeconds, String option,
                    String unanswered) throws InterruptedException, ExecutionException {
            long limitMillis = (long) Math.ceil(limitSeconds * 1000);
            long waitMillis = remainingMillis(limitMillis);
            try {
                return answer.get(waitMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                ranOut = waitMillis < limitMillis;
                String which = ranOut ? " before -W " + seconds(seconds) + " s ran out"
                        : " within " + seconds(shownSeconds) + " s (" + option + ")";
                throw new ExecutionException(new SessionException(Stage.MQTT, unanswered + which));
            }
        }
    }
}
