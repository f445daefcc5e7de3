package io.mqscope.cli;

import io.mqscope.payload.HexParser;
import io.mqscope.payload.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The bytes {@code mqscope decode} was given: hex text (an argument, a file, standard input) or a binary file. */
final class DecodeInput {
    /** Why the input could not be read, as the usage error to print. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private DecodeInput() {
    }

    /**
     * Reads the bytes from the one input given. {@code stdinArgument} is the positional argument, which must be
     * {@code -}. A dump layout other than plain hex (xxd, hexdump -C, ...) is named on {@code err}.
     */
    static byte[] read(String hex, Path hexFile, Path file, String stdinArgument, InputStream stdin,
            PrintWriter err) throws IOException, Refused {
        if (file != null) {
            return Files.readAllBytes(file);
        }
        String text;
        String source;
        if (hex != null) {
            text = hex;
            source = "--hex";
        } else if (hexFile != null) {
            text = Files.readString(hexFile, StandardCharsets.UTF_8);
            source = hexFile.toString();
        } else if ("-".equals(stdinArgument)) {
            text = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
            source = "standard input";
        } else {
            throw new Refused("unexpected argument '" + stdinArgument + "' (use - to read hex from standard input)");
        }
        ParseResult<HexParser.HexBytes> r = HexParser.read(text);
        if (!r.ok()) {
            throw new Refused("bad hex in " + source + " (line " + r.line() + ", column " + r.column() + "): "
                    + r.error());
        }
        if (r.value().layout() != HexParser.Layout.HEX) {
            err.println("mqscope decode: read " + source + " as " + r.value().layout().label());
        }
        return r.value().bytes();
    }

    /** The sentence for an input too large for the heap (the packets are not held; the input and its hex are). */
    static String outOfMemory() {
        long mib = Runtime.getRuntime().maxMemory() >> 20;
        return "out of memory: the input is too large to decode in a Java heap of " + mib + " MiB; decode it in "
                + "parts, or give Java more memory (java -Xmx...)";
    }
}
