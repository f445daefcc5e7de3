package io.mqscope.ui;

/** Who hears what {@code --smoke-test} measured ({@link SmokeTest}); the command line prints it. */
public interface SmokeReport {
    /** Milliseconds from the start of the JVM to the window's first rendered frame. */
    void firstFrame(long millis);

    /** Milliseconds from the start of the JVM to the built-in broker's connection ({@code --smoke-test=broker}). */
    default void builtInBroker(long millis, boolean connected) {
    }
}
