package io.mqscope.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands. */
@Command(name = "pub", description = "Not available yet.")
public final class PubCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("mqscope pub: not available yet");
        return 2;
    }
}
