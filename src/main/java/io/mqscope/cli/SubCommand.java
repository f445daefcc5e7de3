package io.mqscope.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands. */
@Command(name = "sub", description = "Not available yet.")
public final class SubCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("mqscope sub: not available yet");
        return 2;
    }
}
