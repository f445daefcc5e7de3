package io.mqscope.ui;

import io.mqscope.session.ConnectionState;
import io.mqscope.ui.connections.ConnectionEntry;
import io.mqscope.ui.main.MainView;
import java.lang.management.ManagementFactory;
import javafx.animation.AnimationTimer;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.util.Duration;

/**
 * {@code --smoke-test}: the window opens, its first frame is rendered, the time to it is reported and the process
 * ends (CI, packaging/measure.sh, the start-up benchmark). {@code --smoke-test=broker} then also connects the
 * built-in broker as its Connect button does and reports how long that took: proof that the packaged app's broker
 * starts, and the run that trains the window's class-data archive on the broker's classes (packaging/AppCds.java).
 */
final class SmokeTest {
    /** How long the built-in broker may take to accept the window's connection before the smoke test fails. */
    private static final Duration BROKER_TIMEOUT = Duration.seconds(60);

    private final MainView view;
    private final boolean broker;
    private final SmokeReport report;
    /** The process's exit status once the smoke test is over. */
    private volatile int status;

    /** @param argument the {@code --smoke-test} argument as given ({@code --smoke-test=broker} connects) */
    SmokeTest(MainView view, String argument, SmokeReport report) {
        this.view = view;
        this.broker = argument.equals("--smoke-test=broker");
        this.report = report;
    }

    /** Starts, on the FX thread; ends the toolkit when done. */
    void start() {
        new AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                // the first pulse after show() renders the first frame; the second proves it was shown
                if (++frames == 2) {
                    stop();
                    report.firstFrame(sinceLaunch());
                    if (broker) {
                        connectBuiltInBroker();
                    } else {
                        Platform.exit();
                    }
                }
            }
        }.start();
    }

    private void connectBuiltInBroker() {
        var connections = view.viewModel().connections();
        ConnectionEntry local = connections.entries().stream().filter(ConnectionEntry::isLocalBroker).findFirst()
                .orElseThrow();
        PauseTransition timeout = new PauseTransition(BROKER_TIMEOUT);
        ChangeListener<ConnectionState> done = (o, was, state) -> {
            if (state == ConnectionState.CONNECTED || state == ConnectionState.FAILED) {
                timeout.stop();
                end(state == ConnectionState.CONNECTED);
            }
        };
        timeout.setOnFinished(e -> {
            local.stateProperty().removeListener(done);
            end(false);
        });
        local.stateProperty().addListener(done);
        timeout.play();
        connections.connect(local);
    }

    private void end(boolean connected) {
        report.builtInBroker(sinceLaunch(), connected);
        status = connected ? 0 : 1;
        Platform.exit();
    }

    int status() {
        return status;
    }

    /**
     * Milliseconds from the start of the JVM (as it recorded it, before any class of ours loaded) to now: what a
     * user waits from launch, less the few milliseconds of the shell or native launcher.
     */
    private static long sinceLaunch() {
        long now = System.currentTimeMillis();
        return now - ManagementFactory.getRuntimeMXBean().getStartTime();
    }
}
