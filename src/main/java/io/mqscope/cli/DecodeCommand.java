package io.mqscope.cli;

import io.mqscope.wire.Direction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mqscope decode}: decodes MQTT bytes and diagnoses malformed frames. */
@Command(name = "decode", sortOptions = false)
public final class DecodeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Input input;

    static final class Input {
        @Option(names = "--hex", paramLabel = "HEX")
        String hex;

        @Option(names = "--hex-file", paramLabel = "PATH")
        Path hexFile;

        @Option(names = "--file", paramLabel = "PATH")
        Path file;

        @Option(names = "--batch", paramLabel = "FILE.jsonl")
        String batch;

        @Option(names = "--pcap", paramLabel = "FILE")
        Path pcap;

        @Parameters(arity = "0..1", paramLabel = "-")
        String stdin;
    }

    @Option(names = "--from", paramLabel = "client|broker", defaultValue = "client")
    String from;

    @Option(names = "--version", paramLabel = "3|4|5")
    Integer version;

    @Option(names = {"-h", "--help"}, usageHelp = true)
    boolean help;

    @Option(names = "--json")
    boolean json;

    @Option(names = "--show-secrets")
    boolean showSecrets;

    @Option(names = "--connection-start")
    boolean connectionStart;

    @Option(names = "--port", paramLabel = "N", arity = "1..*")
    List<Integer> ports = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (version != null && (version < 3 || version > 5)) {
            return usage(err, "--version must be 3, 4 or 5, not " + version);
        }
        Direction dir;
        try {
            dir = Direction.fromPeer(from);
        } catch (IllegalArgumentException e) {
            return usage(err, "--from: " + e.getMessage());
        }
        if (input != null && input.pcap != null || !ports.isEmpty()) {
            return pcap(out, err);
        }
        if (input != null && input.batch != null) {
            return batch(input.batch, out, err);
        }
        if (input == null) {
            return usage(err, "give the bytes with --hex HEX, --hex-file PATH, --file PATH or - (hex on standard "
                    + "input)");
        }
        try {
            byte[] bytes;
            try {
                bytes = DecodeInput.read(input.hex, input.hexFile, input.file, input.stdin, System.in, err);
            } catch (IOException e) {
                String what = input.file != null ? "--file " + input.file
                        : input.hexFile != null ? "--hex-file " + input.hexFile : "standard input";
                return usage(err, "cannot read " + what + ": " + CliSupport.whyUnreadable(e));
            } catch (DecodeInput.Refused e) {
                return usage(err, e.getMessage());
            }
            if (bytes.length == 0) {
                return usage(err, "no bytes to decode");
            }
            int v = version == null ? 0 : version;
            boolean errors = json ? DecodeJson.write(bytes, dir, v, connectionStart, showSecrets, out)
                    : DecodeReport.print(bytes, dir, v, connectionStart, showSecrets, out);
            out.flush();
            return errors ? 1 : 0;
        } catch (IOException e) {
            out.flush();
            return usage(err, "cannot write the output: " + e.getMessage());
        } catch (OutOfMemoryError e) {
            out.flush();
            return usage(err, DecodeInput.outOfMemory());
        }
    }

    private int batch(String file, PrintWriter out, PrintWriter err) {
        try (BufferedReader in = DecodeBatch.open(file)) {
            int worst = DecodeBatch.run(in, showSecrets, out);
            out.flush();
            return worst;
        } catch (IOException e) {
            out.flush();
            return usage(err, "cannot read --batch " + file + ": " + CliSupport.whyUnreadable(e));
        }
    }

    private int pcap(PrintWriter out, PrintWriter err) {
        if (input == null || input.pcap == null) {
            return usage(err, "--port applies only to --pcap FILE");
        }
        for (String o : new String[] {"--from", "--version", "--connection-start"}) {
            if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
                return usage(err, o + " does not apply to --pcap (the capture says who sent what)");
            }
        }
        for (int p : ports) {
            if (p < 1 || p > 65535) {
                return usage(err, "--port must be 1 to 65535, not " + p);
            }
        }
        return DecodePcap.run(input.pcap, Set.copyOf(ports), json, showSecrets, out, err);
    }

    private int usage(PrintWriter err, String message) {
        err.println("mqscope decode: " + message);
        err.flush();
        return 2;
    }
}
