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
@Command(name = "snippet", sortOptions = false)
public final class SnippetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true)
    boolean help;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--target", required = true, paramLabel = "TARGET")
    String target;

    @Option(names = {"-t", "--topic"}, paramLabel = "TOPIC")
    String topic;

    @Option(names = "--show-secrets")
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
