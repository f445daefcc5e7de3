package io.mqscope.bench.ui;

import io.mqscope.profile.Profile;
import io.mqscope.session.MessageEvent;
import io.mqscope.session.MessageProperties;
import io.mqscope.session.Session;
import io.mqscope.session.SessionListener;
import io.mqscope.tap.PacketEvent;
import io.mqscope.ui.DesktopApp;
import io.mqscope.ui.app.Backend;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.live.LiveConnection;
import io.mqscope.ui.main.MainView;
import io.mqscope.ui.settings.UiSettings;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.StreamDecoder;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Floods the real main window with messages (and their PUBLISH packets) at a fixed rate for a fixed time and records
 * the longest gap between FX pulses and the heap. Events are delivered exactly as a session delivers them: on a
 * non-FX thread, into the connection's {@link SessionListener}. Run under a display:
 *
 * <pre>xvfb-run -a java -cp ... io.mqscope.bench.ui.UiFloodBenchmark [rate/s] [seconds]
 *     [bubbles|table|packets|tree|charts] [topics]</pre>
 *
 * {@code charts} shows the Charts tab with two series: {@code $.temperature} of every message ({@code flood/#}, the
 * whole rate) and {@code $.seq} of {@code flood/7} (1/100 of it).
 *
 * {@code tree} shows the Topics tab with a branch expanded down to one sensor and an inner node selected (its history
 * follows the flood), over {@code topics} distinct topics (default 10,000 for the tree, 100 otherwise).
 * Exit status 0 when no gap between pulses exceeded 100 ms.
 */
public final class UiFloodBenchmark {

    /** Emits {@code rate} messages (and packets) per second for {@code seconds}; returns {sent, max heap used}. */
    static long[] flood(LiveConnection live, DecodedPacket publish, int rate, int seconds, long seq0, int topics,
                        boolean deep) throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long maxUsed = 0;
        long sent = 0;
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
            for (; sent < due; sent++) {
                long n = seq0 + sent;
                byte[] payload = ("{\"seq\":" + n + ",\"temperature\":" + (20 + n % 10) + ".5,\"unit\":\"C\"}")
                        .getBytes(StandardCharsets.UTF_8);
                Instant now = Instant.now();
                live.log().onMessage(new MessageEvent(live.id(), System.nanoTime(), now, false,
                        topic(n % topics, deep), 1, deep && n % 7 == 0, false, payload, MessageProperties.NONE));
                live.log().onPacket(new PacketEvent(live.id(), System.nanoTime(), now, Direction.BROKER_TO_CLIENT,
                        publish));
            }
            maxUsed = Math.max(maxUsed, rt.totalMemory() - rt.freeMemory());
            Thread.sleep(1);
        }
        return new long[] {sent, maxUsed};
    }

    /** A topic of a plant/line/sensor hierarchy for the tree (five levels), or one level under flood/. */
    static String topic(long k, boolean deep) {
        return deep ? "plant/" + (k % 10) + "/line/" + (k % 100) + "/sensor/" + k : "flood/" + k;
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String mode = args.length > 2 ? args[2] : "bubbles";
        boolean table = mode.equals("table");
        boolean tree = mode.equals("tree");
        int topics = args.length > 3 ? Integer.parseInt(args[3]) : tree ? 10_000 : 100;
        Platform.startup(() -> { });
        Backend none = new Backend() {
            @Override
            public Session open(Profile profile, SessionListener listener) {
                throw new UnsupportedOperationException("the benchmark feeds events directly");
            }

            @Override
            public int startLocalBroker() {
                throw new UnsupportedOperationException("the benchmark feeds events directly");
            }
        };
        CompletableFuture<MainView> opened = new CompletableFuture<>();
        Platform.runLater(() -> {
            MainView v = DesktopApp.open(new Stage(), UiSettings.DEFAULT, none, ProfileRepository.inMemory(List.of()),
                    Executors.newSingleThreadExecutor());
            v.viewModel().messages().tableProperty().set(table);
            if (mode.equals("packets")) {
                v.selectPacketsTab();
            }
            if (tree) {
                v.selectTopicsTab();
            }
            if (mode.equals("charts")) {
                if (!Boolean.getBoolean("noSeries")) {
                    v.viewModel().charts().add("flood/#", "$.temperature");
                    v.viewModel().charts().add("flood/7", "$.seq");
                }
                v.viewModel().charts().windowMinutesProperty().set(1);
                v.selectChartsTab();
            }
            opened.complete(v);
        });
        MainView view = opened.get();
        LiveConnection live = view.viewModel().active().live();

        AtomicLong maxGap = new AtomicLong();
        AtomicLong pulses = new AtomicLong();
        AtomicLong gapsOver100 = new AtomicLong();
        long[] last = {0};
        java.util.List<Long> gaps = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Platform.runLater(() -> new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (last[0] != 0) {
                    long gap = now - last[0];
                    maxGap.accumulateAndGet(gap, Math::max);
                    gaps.add(gap);
                    if (gap > 100_000_000L) {
                        gapsOver100.incrementAndGet();
                    }
                }
                last[0] = now;
                pulses.incrementAndGet();
            }
        }.start());
        Thread.sleep(1500);

        // one real decoded PUBLISH reused as the packet event for every message
        DecodedPacket publish = new StreamDecoder(Direction.BROKER_TO_CLIENT, 4)
                .feed(HexFormat.of().parseHex("300d0005666c6f6f647b2261223a317d")).get(0);
        int warmup = Integer.getInteger("warmup", 2);
        // warm-up flood (JIT, first cell creation), not measured
        flood(live, publish, rate, warmup, 0, topics, tree);
        if (tree) {
            // a branch open down to one sensor's siblings (rows are made and counted there), an inner node selected
            Platform.runLater(() -> {
                var t = view.viewModel().topics();
                t.selectedProperty().set(t.treeProperty().get().find(topic(133, true)));
                t.selectedProperty().set(t.treeProperty().get().find("plant/3"));
            });
        }
        Platform.runLater(() -> view.viewModel().resetPulseStats());
        Thread.sleep(200);
        maxGap.set(0);
        gapsOver100.set(0);
        pulses.set(0);
        gaps.clear();
        Runtime rt = Runtime.getRuntime();
        long start = System.nanoTime();
        long[] result = flood(live, publish, rate, seconds, (long) rate * warmup, topics, tree);
        long sent = result[0];
        long maxUsed = result[1];
        double secs = (System.nanoTime() - start) / 1e9;
        Thread.sleep(500);
        CompletableFuture<Integer> shown = new CompletableFuture<>();
        Platform.runLater(() -> shown.complete(mode.equals("packets") ? view.viewModel().packets().visible().size()
                : view.viewModel().messages().visible().size()));
        int visible = shown.get();
        if (mode.equals("charts")) {
            CompletableFuture<String> charted = new CompletableFuture<>();
            Platform.runLater(() -> charted.complete(view.viewModel().charts().series().stream()
                    .map(c -> String.format("%s %s: %d points (%.0f/s), %d kept (bounded by %d)", c.topic(),
                            c.path().text(), c.data().total(), c.data().total() / (secs + warmup),
                            c.data().size(), c.data().capacity()))
                    .collect(java.util.stream.Collectors.joining("; "))));
            System.out.println("chart series: " + charted.get());
        }
        System.gc();
        long afterGc = rt.totalMemory() - rt.freeMemory();
        System.out.printf("UI flood (%s view, %d topics): %d messages + %d packets in %.1f s = %.0f msg/s%n",
                mode.equals("packets") ? "packet table" : tree ? "topic tree" : mode.equals("charts") ? "charts"
                        : table ? "message table" : "bubble",
                topics, sent, sent, secs, sent / secs);
        System.out.printf("FX pulses: %d (%.1f/s), longest gap between pulses: %.1f ms, gaps over 100 ms: %d%n",
                pulses.get(), pulses.get() / secs, maxGap.get() / 1e6, gapsOver100.get());
        System.out.printf("longest drain work inside one pulse: %.1f ms, mean %.2f ms over %d pulses%n",
                view.viewModel().maxPulseWorkNanos() / 1e6, view.viewModel().meanPulseWorkNanos() / 1e6,
                view.viewModel().pulseCount());
        long[] sorted;
        synchronized (gaps) {
            sorted = gaps.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        if (sorted.length > 0) {
            System.out.printf("pulse gaps: median %.1f ms, p99 %.1f ms%n", sorted[sorted.length / 2] / 1e6,
                    sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1e6);
        }
        if (tree) {
            CompletableFuture<String> t = new CompletableFuture<>();
            Platform.runLater(() -> {
                var tv = view.viewModel().topics();
                var tt = tv.treeProperty().get();
                t.complete(String.format("tree: %d topics, %d levels, %d messages, %d retained; history %d entries "
                        + "(%d KB); selected %s: %d history rows", tt.root().topicsBelow(), tt.nodes(),
                        tt.root().total(), tt.root().retainedBelow(), tt.historySize(), tt.historyBytes() >> 10,
                        tv.selectedProperty().get(), tv.history().size()));
            });
            System.out.println(t.get());
        }
        var log = live.log();
        System.out.printf("visible rows: %d (bounded), log: %d/%d messages (%d KB), %d/%d packets (%d KB)%n",
                visible, log.messages().entries().size(), log.messages().entries().maxEntries(),
                log.messages().entries().bytes() >> 10, log.packets().entries().size(),
                log.packets().entries().maxEntries(), log.packets().entries().bytes() >> 10);
        System.out.printf("heap: max used during flood %d MB, after GC %d MB (max heap %d MB), JVM uptime %d s%n",
                maxUsed >> 20, afterGc >> 20, rt.maxMemory() >> 20,
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
        Platform.exit();
        System.exit(gapsOver100.get() == 0 ? 0 : 1);
    }
}
