package io.mqscope.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands. */
@Command(name = "decode", description = "Not available yet.")
public final class DecodeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("mqscope decode: not available yet");
        return 2;
    }
}
