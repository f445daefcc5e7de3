package io.mqscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.bench.capture.CaptureReadBenchmark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code decode --pcap} of a capture whose decoded packets do not fit the heap: the report is rendered as the
 * packets come and parked outside the heap, so a 48 MiB heap decodes a 64 MB capture (about 560,000 packets, which
 * kept as objects take several times the capture's size). A separate JVM with its own {@code -Xmx}.
 */
class DecodePcapMemoryTest {

    private static Process decode(Path capture, Path stdout, String... more) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "decode", "--pcap", capture.toString()));
        cmd.addAll(List.of(more));
        return new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(ProcessBuilder.Redirect.PIPE)
                .start();
    }

    @Test
    void a_capture_larger_than_the_heap_decodes_as_text_and_as_json(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.pcap");
        CaptureReadBenchmark.write(big, 64L << 20);
        Path out = dir.resolve("out.txt");
        Process p = decode(big, out);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        // exit 1: the synthetic stream ends inside its last PUBLISH
        assertThat(DecodeMemoryTest.exit(p)).as(err).isEqualTo(1);
        assertThat(err).isEmpty();
        assertThat(Files.size(out)).isGreaterThan(40_000_000L);
        assertThat(DecodeMemoryTest.tail(out.toFile(), 200)).endsWith("ERROR: error findings in 2 of 2 "
                + "conversations\n");

        Path small = dir.resolve("small.pcap");
        CaptureReadBenchmark.write(small, 12L << 20);
        Path json = dir.resolve("out.json");
        p = decode(small, json, "--json");
        err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(DecodeMemoryTest.exit(p)).as(err).isEqualTo(1);
        assertThat(Files.size(json)).isGreaterThan(100_000_000L);
        assertThat(DecodeMemoryTest.tail(json.toFile(), 200)).contains("recognised by a CONNECT opening the client "
                + "stream\"]}");
    }
}
