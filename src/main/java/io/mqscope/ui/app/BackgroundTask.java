package io.mqscope.ui.app;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * A piece of blocking work (file I/O, starting the built-in broker, signing) that runs on the I/O executor, with
 * its result or failure handed to the UI executor, in the spirit of JabRef's {@code BackgroundTask}:
 * <pre>BackgroundTask.wrap(() -> read(file)).onSuccess(this::show).onFailure(this::fail).executeWith(tasks);</pre>
 * View models build tasks; which threads run them is decided once, by the {@link TaskExecutor} they are given.
 */
public final class BackgroundTask<T> {
    /** Work that returns a value and may throw; a thrown exception goes to {@link #onFailure}. */
    @FunctionalInterface
    public interface Work<T> {
        T call() throws Exception;
    }

    /** Work without a value. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    private final Work<T> work;
    private Consumer<? super T> onSuccess = v -> { };
    private Consumer<? super Exception> onFailure = e -> { };

    private BackgroundTask(Work<T> work) {
        this.work = Objects.requireNonNull(work);
    }

    public static <T> BackgroundTask<T> wrap(Work<T> work) {
        return new BackgroundTask<>(work);
    }

    public static BackgroundTask<Void> wrapAction(Action action) {
        Objects.requireNonNull(action);
        return new BackgroundTask<>(() -> {
            action.run();
            return null;
        });
    }

    /** Runs on the UI executor with the work's result. */
    public BackgroundTask<T> onSuccess(Consumer<? super T> action) {
        onSuccess = Objects.requireNonNull(action);
        return this;
    }

    /** Runs on the UI executor with what the work threw. */
    public BackgroundTask<T> onFailure(Consumer<? super Exception> action) {
        onFailure = Objects.requireNonNull(action);
        return this;
    }

    public void executeWith(TaskExecutor tasks) {
        tasks.execute(this);
    }

    /** The work itself, on the calling thread; the executor decides which thread that is. */
    Runnable body(TaskExecutor tasks) {
        return () -> {
            T value;
            try {
                value = work.call();
            } catch (Exception e) {
                tasks.onUi(() -> onFailure.accept(e));
                return;
            }
            tasks.onUi(() -> onSuccess.accept(value));
        };
    }
}
