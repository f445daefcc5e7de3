package io.mqscope.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JavaScript MQTT clients in {@code src/test/js} (mqtt.js 5, mqtt.js 4.3.7's browser bundle behind a {@code wx}
 * shim, Paho JavaScript), installed there by {@code .ci/run} with {@code npm ci}. Where node or the packages are
 * missing, tests that use them are skipped, unless {@code MQSCOPE_REQUIRE_MQTTJS} is set (CI), where they fail.
 */
public final class JsClients {
    public static final Path DIR = Path.of("src/test/js");
    private static final Path NODE = Path.of("/usr/bin/node");

    private JsClients() {
    }

    /** Skips the test (or, in CI, lets it fail later) when node or one of the npm packages is not installed. */
    public static void assumeInstalled(String... packages) {
        boolean installed = Files.isExecutable(NODE);
        for (String p : packages) {
            installed &= Files.isDirectory(DIR.resolve("node_modules").resolve(p));
        }
        if (System.getenv("MQSCOPE_REQUIRE_MQTTJS") == null) {
            assumeTrue(installed, "node or npm packages " + List.of(packages) + " (npm ci in src/test/js) are missing");
        }
    }

    /** Runs {@code node script args...} in src/test/js and returns what it printed (stdout and stderr). */
    public static String run(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(NODE.toString(), script));
        command.addAll(List.of(args));
        Process node = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
        try {
            assertThat(node.waitFor(40, TimeUnit.SECONDS)).as("node %s finished", script).isTrue();
            return new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            node.destroyForcibly();
        }
    }
}
