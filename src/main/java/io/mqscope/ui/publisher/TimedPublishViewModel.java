package io.mqscope.ui.publisher;

import io.mqscope.payload.ParseResult;
import io.mqscope.session.PublishRequest;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.TaskExecutor;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Publishes the publisher's message every N ms (1 ms at the least), a number of times or until stopped, with
 * {@code {{seq}}} and the other placeholders filled per message. Messages are built and handed to the session on a
 * timer thread of their own; the count and the rate reach the FX thread at most once per pending update. The first
 * publish that fails (the connection went away) stops the run and says why.
 */
public final class TimedPublishViewModel {
    /** Publishes handed to the session and not done; a tick is skipped above this, so a slow broker is waited for. */
    static final int MAX_IN_FLIGHT = 1000;

    private final PublisherViewModel publisher;
    private final TaskExecutor tasks;
    private final StringProperty interval = new SimpleStringProperty("1000");
    private final StringProperty count = new SimpleStringProperty("10");
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private Run current;

    public TimedPublishViewModel(PublisherViewModel publisher, TaskExecutor tasks) {
        this.publisher = publisher;
        this.tasks = tasks;
    }

    /** Starts a run; false (with the reason in the status) when the fields or the message are invalid. */
    public boolean start() {
        if (running.get()) {
            return false;
        }
        long every;
        long n;
        try {
            every = Long.parseLong(interval.get().trim());
            String c = count.get() == null ? "" : count.get().trim();
            n = c.isEmpty() ? 0 : Long.parseLong(c);
        } catch (NumberFormatException e) {
            status.set(I18n.t("timed.invalid"));
            return false;
        }
        if (every < 1 || n < 0) {
            status.set(I18n.t("timed.invalid"));
            return false;
        }
        MessageTemplate template = publisher.template();
        if (template == null || !publisher.connectedProperty().get()) {
            status.set(template == null ? I18n.t("publisher.invalid") : I18n.t("publisher.notConnected"));
            return false;
        }
        running.set(true);
        status.set(I18n.t("timed.started"));
        current = new Run(template, publisher.target(), every, n);
        current.start();
        return true;
    }

    /** Stops the current run; messages already handed to the session still go out. */
    public void stop() {
        stop(I18n.t("timed.stoppedByUser"));
    }

    /** Stops the current run, saying why (the connection went away). */
    public void stop(String why) {
        if (current != null) {
            current.finish(why);
        }
    }

    private final class Run {
        private final MessageTemplate template;
        private final Function<PublishRequest, CompletableFuture<Void>> target;
        private final long every;
        private final long total;
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mqscope-timed-publish");
            t.setDaemon(true);
            return t;
        });
        private final AtomicLong issued = new AtomicLong();
        private final AtomicLong done = new AtomicLong();
        private final AtomicBoolean updatePending = new AtomicBoolean();
        private final AtomicBoolean finished = new AtomicBoolean();
        private volatile String ending;
        private long startNanos;

        Run(MessageTemplate template, Function<PublishRequest, CompletableFuture<Void>> target,
            long every, long total) {
            this.template = template;
            this.target = target;
            this.every = every;
            this.total = total;
        }

        void start() {
            startNanos = System.nanoTime();
            timer.scheduleAtFixedRate(this::tick, 0, every, TimeUnit.MILLISECONDS);
        }

        /** On the timer thread. */
        private void tick() {
            if (finished.get() || (total > 0 && issued.get() >= total)
                    || issued.get() - done.get() >= MAX_IN_FLIGHT) {
                return;
            }
            long seq = issued.incrementAndGet();
            ParseResult<PublishRequest> r = template.build(seq, Instant.now(), ThreadLocalRandom.current());
            if (!r.ok()) {
                finish(I18n.t("timed.badMessage", seq, r.error()));
                return;
            }
            target.apply(r.value()).whenComplete((v, e) -> {
                if (e != null) {
                    finish(I18n.t("timed.failed", rootMessage(e)));
                    return;
                }
                if (done.incrementAndGet() == total) {
                    finish(null);
                }
                update();
            });
        }

        void finish(String why) {
            if (finished.compareAndSet(false, true)) {
                ending = why;
                timer.shutdownNow();
                update();
            }
        }

        /** At most one update waits for the FX thread, however fast messages go. */
        private void update() {
            if (updatePending.compareAndSet(false, true)) {
                tasks.onUi(this::show);
            }
        }

        private void show() {
            updatePending.set(false);
            long sent = done.get();
            double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
            String rate = String.format(Locale.ROOT, "%.1f", sent / seconds);
            String progress = total > 0 ? I18n.t("timed.progressOf", sent, total, rate)
                    : I18n.t("timed.progress", sent, rate);
            if (finished.get()) {
                running.set(false);
                if (current == this) {
                    current = null;
                }
                status.set(ending == null ? I18n.t("timed.done", progress)
                        : I18n.t("timed.stopped", progress, ending));
            } else {
                status.set(progress);
            }
        }
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return String.valueOf(e.getMessage());
    }

    public StringProperty intervalProperty() { return interval; }
    public StringProperty countProperty() { return count; }
    public BooleanProperty runningProperty() { return running; }
    public StringProperty statusProperty() { return status; }
}
