package io.mqscope.capture;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * tcpdump (or dumpcap) recording one port (it needs root: CI and the sessions run as root). Started, it is awaited
 * until it says it listens; {@link #awaitCapture} waits until the file (packet-buffered, {@code -U}) holds what the
 * test expects; {@link #close} stops it with SIGINT so it flushes and closes the file properly.
 */
public final class Tcpdump implements AutoCloseable {
    final Path file;
    private final Process process;
    private final Path log;

    private Tcpdump(Path file, Process process, Path log) {
        this.file = file;
        this.process = process;
        this.log = log;
    }

    public static Tcpdump start(String iface, int port, Path file, String... extra) throws IOException {
        Path tcpdump = Tools.require("tcpdump");
        List<String> cmd = new ArrayList<>(List.of(tcpdump.toString(), "-i", iface, "-U", "-s", "0", "-w",
                file.toString()));
        cmd.addAll(List.of(extra));
        cmd.addAll(List.of("tcp", "port", Integer.toString(port)));
        return start(cmd, file, "listening on");
    }

    /** Wireshark's dumpcap, which writes pcapng natively (SHB and IDB options, statistics blocks at the end). */
    static Tcpdump dumpcap(String iface, int port, Path file) throws IOException {
        Path dumpcap = Tools.require("dumpcap");
        return start(List.of(dumpcap.toString(), "-i", iface, "-f", "tcp port " + port, "-w", file.toString()),
                file, "Capturing on");
    }

    private static Tcpdump start(List<String> cmd, Path file, String ready) throws IOException {
        Path log = Files.createTempFile("mqscope-tcpdump-", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Tcpdump t = new Tcpdump(file, p, log);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            if (!p.isAlive()) {
                throw new IllegalStateException(cmd.get(0) + " exited " + p.exitValue() + ": " + t.log());
            }
            return t.log().contains(ready);
        });
        return t;
    }

    private static String describe(Capture c) {
        return c == null ? "nothing readable" : c.conversations().size() + " conversations, packets "
                + c.conversations().stream().map(x -> Integer.toString(x.packets().size())).toList();
    }

    private String logOrNone() {
        try {
            return log();
        } catch (IOException e) {
            return e.toString();
        }
    }

    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Waits until the capture read so far satisfies the condition; returns that reading. */
    public Capture awaitCapture(Predicate<Capture> done) {
        Capture[] last = new Capture[1];
        // dumpcap writes at its update interval, later still on a loaded machine (a CI run missed 20 s once); the
        // failure message says what the file held and what the capturer printed
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
                try {
                    last[0] = CaptureReader.read(file);
                } catch (CaptureException e) {
                    last[0] = e.partial();
                }
                return last[0] != null && done.test(last[0]);
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("capture of " + file + " incomplete after 60 s: " + describe(last[0])
                    + "; the capturer said: " + logOrNone(), e);
        }
        return last[0];
    }

    @Override
    public void close() throws Exception {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Files.deleteIfExists(log);
    }
}
