package io.mqscope.cli;

import io.mqscope.payload.ParseResult;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Snippet;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mqscope snippet}: the connection of a profile or URL as code for another client. */
@Command(name = "snippet", sortOptions = false,
        description = {"Print a ready-to-run connection, subscribe and publish for another client.",
            "Exit codes: 0 printed, 2 bad input."})
public final class SnippetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--target", required = true, paramLabel = "TARGET",
            description = "The client to write code for: node, browser, wechat-mqttjs, wechat-paho, python, java, "
                    + "mosquitto or mqscope.")
    String target;

    @Option(names = {"-t", "--topic"}, paramLabel = "TOPIC", description = "Topic to subscribe and publish.")
    String topic;

    @Option(names = "--show-secrets", description = "Write the password (and signing secret) into the code "
            + "instead of a placeholder.")
    boolean showSecrets;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Snippet.Target t = Snippet.Target.byId(target);
        if (t == null) {
            return CliSupport.badInput(err, "snippet", "--target must be one of " + String.join(", ",
                    Arrays.stream(Snippet.Target.values()).map(Snippet.Target::id).toList()) + ", not '" + target
                    + "'");
        }
        ParseResult<Profile> p = connection.toProfile("mqscope-snippet");
        if (!p.ok()) {
            return CliSupport.badInput(err, "snippet", p.error());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(Snippet.generate(p.value(), t, topic, showSecrets));
        out.flush();
        return CliSupport.OK;
    }
}
