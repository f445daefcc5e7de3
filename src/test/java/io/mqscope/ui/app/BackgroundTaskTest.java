package io.mqscope.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** Work runs on the I/O executor; success and failure are handed to the UI executor, never run elsewhere. */
class BackgroundTaskTest {
    /** An executor that only queues, so the test decides when each side runs and can see which side ran what. */
    static final class Queue implements Executor {
        final List<Runnable> pending = new ArrayList<>();

        @Override
        public void execute(Runnable r) {
            pending.add(r);
        }

        void runAll() {
            while (!pending.isEmpty()) {
                pending.remove(0).run();
            }
        }
    }

    @Test
    void work_on_io_and_success_on_ui() {
        Queue io = new Queue();
        Queue ui = new Queue();
        List<String> log = new ArrayList<>();
        BackgroundTask.wrap(() -> {
            log.add("work");
            return 42;
        }).onSuccess(v -> log.add("success " + v)).onFailure(e -> log.add("failure")).executeWith(
                new TaskExecutor(io, ui));
        assertThat(log).isEmpty();
        io.runAll();
        assertThat(log).containsExactly("work");
        assertThat(ui.pending).hasSize(1);
        ui.runAll();
        assertThat(log).containsExactly("work", "success 42");
    }

    @Test
    void a_thrown_exception_reaches_on_failure_on_ui() {
        Queue io = new Queue();
        Queue ui = new Queue();
        List<Object> seen = new ArrayList<>();
        BackgroundTask.wrapAction(() -> {
            throw new IOException("disk full");
        }).onSuccess(seen::add).onFailure(seen::add).executeWith(new TaskExecutor(io, ui));
        io.runAll();
        assertThat(seen).isEmpty();
        ui.runAll();
        assertThat(seen).singleElement().isInstanceOf(IOException.class)
                .extracting(e -> ((Exception) e).getMessage()).isEqualTo("disk full");
    }

    @Test
    void a_future_completed_elsewhere_is_handed_to_ui() {
        Queue ui = new Queue();
        TaskExecutor tasks = new TaskExecutor(Runnable::run, ui);
        CompletableFuture<String> f = new CompletableFuture<>();
        List<String> seen = new ArrayList<>();
        tasks.whenComplete(f, (v, e) -> seen.add(v));
        f.complete("done");
        assertThat(seen).isEmpty();
        ui.runAll();
        assertThat(seen).containsExactly("done");
    }

    @Test
    void same_thread_runs_everything_at_once() {
        List<String> seen = new ArrayList<>();
        BackgroundTask.wrap(() -> "x").onSuccess(seen::add).executeWith(TaskExecutor.sameThread());
        assertThat(seen).containsExactly("x");
    }
}
