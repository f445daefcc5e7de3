package io.mqscope.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands. */
@Command(name = "broker", description = "Not available yet.")
public final class BrokerCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("mqscope broker: not available yet");
        return 2;
    }
}
