package io.mqscope.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * tcpdump and tshark (Debian packages installed by .ci/run): as with mosquitto, a missing tool fails the test when
 * {@code MQSCOPE_REQUIRE_MOSQUITTO=1} (CI) and skips it with a visible notice otherwise.
 */
public final class Tools {
    private Tools() {
    }

    public static Path require(String name) {
        for (String dir : List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        String notice = name + " is not installed (apt-get install " + name + "): capture tests using it are SKIPPED";
        if ("1".equals(System.getenv("MQSCOPE_REQUIRE_MOSQUITTO"))) {
            Assertions.fail(notice.replace("SKIPPED", "FAILED because MQSCOPE_REQUIRE_MOSQUITTO=1"));
        }
        System.err.println("NOTICE: " + notice);
        Assumptions.abort(notice);
        return null;
    }

    /** Runs a command to completion and returns its standard output lines; fails on a non-zero exit. */
    public static List<String> run(List<String> command) throws IOException, InterruptedException {
        Path err = Files.createTempFile("mqscope-tool-", ".err");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        List<String> lines = new ArrayList<>();
        try (var r = p.inputReader(StandardCharsets.UTF_8)) {
            r.lines().forEach(lines::add);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            Assertions.fail(command + " did not finish in 60 s");
        }
        if (p.exitValue() != 0) {
            Assertions.fail(command + " exited " + p.exitValue() + ": " + Files.readString(err));
        }
        Files.deleteIfExists(err);
        return lines;
    }
}
