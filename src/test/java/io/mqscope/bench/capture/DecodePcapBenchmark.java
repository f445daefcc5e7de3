package io.mqscope.bench.capture;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.mqscope.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import picocli.CommandLine;

/**
 * {@code mqscope decode --pcap} end to end on a large synthetic capture (the one {@link CaptureReadBenchmark}
 * writes: PUBLISH packets straddling 1448-byte segments, PUBACKs back, one connection per 50 MB): capture MB/s,
 * characters of report written, the heap's high-water mark after collections (the live set: what the command
 * keeps), peak RSS, and the command thread's CPU time (MB/s on one core). The report goes to a counting sink, so
 * the disk is not measured.
 *
 * <p>Run: {@code mvn -q -o test-compile} then
 * {@code java -Xmx64m -cp target/classes:target/test-classes:$(cat target/cp.txt)
 * io.mqscope.bench.capture.DecodePcapBenchmark [MB] [--json]}; the capture is written to the temporary directory
 * and deleted afterwards. A small {@code -Xmx} shows the bound: the command must not run out of heap whatever the
 * capture's size.
 */
public final class DecodePcapBenchmark {
    private DecodePcapBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long mb = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        boolean json = args.length > 1 && args[1].equals("--json");
        Path file = Files.createTempFile("mqscope-bench-", ".pcap");
        try {
            CaptureReadBenchmark.write(file, mb << 20);
            long size = Files.size(file);
            AtomicLong chars = new AtomicLong();
            Writer sink = new Writer() {
                @Override
                public void write(char[] cbuf, int off, int len) {
                    chars.addAndGet(len);
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            AtomicLong afterGc = watchHeapAfterCollections();
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(sink));
            java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            int code = json ? cl.execute("decode", "--pcap", file.toString(), "--json")
                    : cl.execute("decode", "--pcap", file.toString());
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            System.out.printf("decode --pcap%s: exit %d, %.1f MB in %.2f s = %.1f MB/s, %.1f M characters of "
                            + "report%n", json ? " --json" : "", code, size / 1e6, s, size / 1e6 / s,
                    chars.get() / 1e6);
            // the command runs on this one thread: its CPU time is the "one core" figure, which a loaded machine
            // (other processes, the JIT's own threads) does not stretch as it stretches the wall clock
            System.out.printf("on one core: %.2f s of CPU = %.1f MB/s%n", cpu, size / 1e6 / cpu);
            System.out.printf("heap in use after collections, at most: %.1f MB (max heap %d MB)%n",
                    afterGc.get() / 1e6, Runtime.getRuntime().maxMemory() >> 20);
            System.out.println("peak RSS: " + peakRss());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Records, after every collection, the heap in use once it is done (the live set plus what the collector left);
     * the highest of those is what the command needed at most.
     */
    private static AtomicLong watchHeapAfterCollections() {
        AtomicLong peak = new AtomicLong();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, hb) -> {
                if (n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                            (CompositeData) n.getUserData());
                    long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                            .mapToLong(MemoryUsage::getUsed).sum();
                    peak.accumulateAndGet(used, Math::max);
                }
            }, null, null);
        }
        return peak;
    }

    static String peakRss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM")) {
                return line.substring(6).trim();
            }
        }
        return "unknown";
    }
}
