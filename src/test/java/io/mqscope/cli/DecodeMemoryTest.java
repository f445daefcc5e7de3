package io.mqscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code decode -} of a large hex paste in a small heap (issue 13 item 12): the packets are printed as they are
 * decoded, not held, and running out of memory is a sentence and exit 2, not a stack trace. Each run is a separate
 * JVM with its own {@code -Xmx}.
 */
class DecodeMemoryTest {
    static final String UNIT = "40 02 00 01\nc0 00\n32 09 00 03 61 2f 62 00 01 68 69\n62 02 00 03\n";

    /** Hex text of small packets, 4 per {@link #UNIT}: 3 MB is 190,476 packets, more than 48 MiB holds decoded. */
    static Path paste(Path dir, int size) throws Exception {
        Path f = dir.resolve("paste" + size + ".txt");
        Files.writeString(f, UNIT.repeat(size / UNIT.length()), StandardCharsets.US_ASCII);
        return f;
    }

    static Process decode(String heap, Path stdin, Path stdout, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xmx" + heap, "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "decode", "-"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectInput(stdin.toFile()).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
    }

    static int exit(Process p) throws Exception {
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("decode finished").isTrue();
        return p.exitValue();
    }

    @Test
    void a_large_paste_decodes_in_a_small_heap_as_text_and_as_json(@TempDir Path dir) throws Exception {
        Path in = paste(dir, 3_000_000);
        int packets = 3_000_000 / UNIT.length() * 4;
        for (String[] json : new String[][] {{}, {"--json"}}) {
            Path out = dir.resolve("out" + json.length);
            Process p = decode("48m", in, out, json);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(exit(p)).as("exit of decode - %s: %s", List.of(json), err).isZero();
            assertThat(err).isEmpty();
            assertThat(Files.size(out)).isGreaterThan(50_000_000L);
            String end = tail(out.toFile(), 200);
            assertThat(end).as("the report's end")
                    .contains(json.length == 0 ? "OK: " + packets + " packets" : "\"findings\":[]}");
        }
    }

    @Test
    void running_out_of_memory_is_a_sentence_and_exit_2(@TempDir Path dir) throws Exception {
        Path in = paste(dir, 10_000_000); // the input alone (bytes, text, parsed) is more than 16 MiB
        Process p = decode("16m", in, dir.resolve("out"));
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(exit(p)).as(err).isEqualTo(2);
        assertThat(err).startsWith("mqscope decode: out of memory: the input is too large to decode in a Java heap of")
                .doesNotContain("\tat ");
    }

    static String tail(File f, int n) throws Exception {
        try (var r = new java.io.RandomAccessFile(f, "r")) {
            byte[] b = new byte[(int) Math.min(n, r.length())];
            r.seek(r.length() - b.length);
            r.readFully(b);
            return new String(b, StandardCharsets.UTF_8);
        }
    }
}
