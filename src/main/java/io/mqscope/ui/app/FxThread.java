package io.mqscope.ui.app;

import java.util.concurrent.Executor;

/**
 * Runs small completions (a future finished) on the FX thread. Replaceable by a same-thread executor in tests.
 * Used for rare events only; streams of events go through the pulse drain, never through here.
 */
public final class FxThread {
    private static volatile Executor executor = Runnable::run;

    private FxThread() {
    }

    public static void use(Executor e) {
        executor = e;
    }

    public static void run(Runnable r) {
        executor.execute(r);
    }
}
