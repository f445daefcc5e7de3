package io.mqscope.ui.app;

import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * Where work runs, decided in one place: blocking work on the application's I/O executor, completions on the UI
 * executor (the FX thread in the application). Tests use {@link #sameThread()}, so view models run start to
 * finish on the test's thread. Streams of events never come through here: they go through the pulse drain.
 */
public final class TaskExecutor {
    private final Executor io;
    private final Executor ui;

    public TaskExecutor(Executor io, Executor ui) {
        this.io = Objects.requireNonNull(io);
        this.ui = Objects.requireNonNull(ui);
    }

    /** Work and completions both on the calling thread (plain JUnit tests of view models). */
    public static TaskExecutor sameThread() {
        return new TaskExecutor(Runnable::run, Runnable::run);
    }

    public <T> void execute(BackgroundTask<T> task) {
        io.execute(task.body(this));
    }

    /** Runs {@code action} on the UI executor. */
    public void onUi(Runnable action) {
        ui.execute(action);
    }

    /** Hands the outcome of a future completed elsewhere (a session's I/O thread) to the UI executor. */
    public <T> void whenComplete(CompletionStage<T> stage, BiConsumer<? super T, ? super Throwable> action) {
        stage.whenCompleteAsync(action, ui);
    }
}
