package io.mqscope.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands. */
@Command(name = "sign", description = "Not available yet.")
public final class SignCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("mqscope sign: not available yet");
        return 2;
    }
}
