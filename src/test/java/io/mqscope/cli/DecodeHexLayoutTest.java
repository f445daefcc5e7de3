package io.mqscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code decode --hex} names the dump layout it recognised on stderr, and says nothing for plain hex. */
class DecodeHexLayoutTest {
    /** A PINGREQ (c0 00) and a DISCONNECT (e0 00) as plain hex, then as the tools print them. */
    private static final String PLAIN = "c0 00 e0 00";
    private static final String XXD = "00000000: c000 e000                                ....\n";
    private static final String HEXDUMP_C = "00000000  c0 00 e0 00                                       |....|\n"
            + "00000004\n";

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void plain_hex_prints_no_layout() {
        Run plain = run("decode", "--hex", PLAIN);
        assertThat(plain.code()).isZero();
        assertThat(plain.out()).contains("PINGREQ").contains("DISCONNECT");
        assertThat(plain.err()).isEmpty();
    }

    @Test
    void a_dump_layout_is_named_on_stderr_and_the_report_is_unchanged(@TempDir Path dir) throws Exception {
        Run plain = run("decode", "--hex", PLAIN);
        Run xxd = run("decode", "--hex", XXD);
        assertThat(xxd.code()).isZero();
        assertThat(xxd.err()).isEqualTo("mqscope decode: read --hex as xxd" + System.lineSeparator());
        assertThat(xxd.out()).isEqualTo(plain.out());

        Path f = dir.resolve("dump.txt");
        Files.writeString(f, HEXDUMP_C);
        Run hexdump = run("decode", "--hex-file", f.toString(), "--json");
        assertThat(hexdump.code()).isZero();
        assertThat(hexdump.err()).isEqualTo("mqscope decode: read " + f + " as hexdump -C" + System.lineSeparator());
        assertThat(hexdump.out()).isEqualTo(run("decode", "--hex", PLAIN, "--json").out());
    }
}
