package io.mqscope.bench.store;

import io.mqscope.session.MessageEvent;
import io.mqscope.session.MessageProperties;
import io.mqscope.store.HistoryLimits;
import io.mqscope.store.HistoryQuery;
import io.mqscope.store.HistoryStore;
import io.mqscope.store.SearchTerm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The history store's sustained write rate and its size on disk (issue 15): {@code count} messages of 64 bytes on
 * 1,000 topics are offered as fast as the writer takes them (a refused offer is retried, so nothing is dropped and
 * the rate is the writer's), then the database is closed and measured. {@code text} payloads are JSON-like and go
 * into the full-text index; {@code binary} ones are random bytes and do not. Prints messages/s, bytes on disk per
 * message and per million messages, and the time of one text search and one hex search over all of it.
 *
 * <p>Run: {@code mvn -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test
 * -Dmdep.outputFile=target/cp.txt} then {@code java -cp target/test-classes:target/classes:$(cat target/cp.txt)
 * io.mqscope.bench.store.HistoryWriteBenchmark 1000000 text} (or {@code binary}).
 */
public final class HistoryWriteBenchmark {
    private HistoryWriteBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        boolean text = args.length < 2 || !"binary".equals(args[1]);
        Path dir = Files.createTempDirectory("mqscope-history-bench-");
        // bounds far above what is written: the benchmark measures writing, not eviction
        HistoryLimits roomy = new HistoryLimits(100L << 30, 100L << 30);
        java.util.Random random = new java.util.Random(42);
        long start = System.nanoTime();
        long retries = 0;
        try (HistoryStore h = HistoryStore.openIn(dir, roomy)) {
            for (int i = 0; i < count; i++) {
                byte[] payload = text ? String.format("{\"id\":%08d,\"t\":%6.2f,\"state\":\"ok\",\"n\":\"%14s\"}",
                        i, 20 + (i % 1000) / 100.0, Integer.toHexString(i * 31)).getBytes(StandardCharsets.UTF_8)
                        : new byte[64];
                if (!text) {
                    random.nextBytes(payload);
                }
                MessageEvent m = new MessageEvent("s1", System.nanoTime(), Instant.now(), false,
                        "bench/site" + (i % 10) + "/sensor" + (i % 1000), i % 3, false, false, payload,
                        MessageProperties.NONE);
                while (!h.record("bench", m)) {
                    retries++;
                    Thread.sleep(0, 200_000);
                }
            }
            h.flush(600_000);
            double secs = (System.nanoTime() - start) / 1e9;
            double cpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
            System.out.printf("process CPU time %.1f s: %,.0f messages per CPU second (the figure a loaded machine"
                    + " stretches less)%n", cpu, count / cpu);
            System.out.printf("%,d %s messages of 64 bytes in %.1f s: %,.0f messages/s sustained"
                    + " (offers refused while the writer was behind, then retried: %,d)%n",
                    count, text ? "text" : "binary", secs, count / secs, retries);
            long t0 = System.nanoTime();
            long hits = h.count(HistoryQuery.all("bench").withTerm(SearchTerm.parse("00012345")));
            long t1 = System.nanoTime();
            long hex = h.count(HistoryQuery.all("bench").withTerm(SearchTerm.parse("de ad be")));
            long t2 = System.nanoTime();
            System.out.printf("text search over all: %d hits in %.0f ms; hex search: %d hits in %.0f ms%n",
                    hits, (t1 - t0) / 1e6, hex, (t2 - t1) / 1e6);
            // a word deep in large payloads, past the indexed 4 KiB: 1,000 of 16 KiB among all the rest
            byte[] big = new byte[16 << 10];
            java.util.Arrays.fill(big, (byte) 'x');
            byte[] word = "deepword".getBytes(StandardCharsets.UTF_8);
            System.arraycopy(word, 0, big, big.length - 100, word.length);
            for (int i = 0; i < 1_000; i++) {
                while (!h.record("bench", new MessageEvent("s1", System.nanoTime(), Instant.now(), false,
                        "bench/large/" + i, 0, false, false, big, MessageProperties.NONE))) {
                    Thread.sleep(1);
                }
            }
            h.flush(600_000);
            long t3 = System.nanoTime();
            long deep = h.count(HistoryQuery.all("bench").withTerm(SearchTerm.parse("deepword")));
            long t4 = System.nanoTime();
            System.out.printf("text 16 KB deep in 1,000 payloads of 16 KB: %d hits in %.0f ms%n", deep,
                    (t4 - t3) / 1e6);
        }
        long bytes = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                bytes += Files.size(f);
            }
        }
        System.out.printf("on disk: %,d bytes, %.0f bytes per message, %,.0f MB per million messages%n",
                bytes, bytes / (double) count, bytes / (double) count * 1_000_000 / (1 << 20));
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
