package io.mqscope.bench;

import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.StreamDecoder;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Packets per second through {@link StreamDecoder}, one core. Scores are operations per second where one operation
 * is one packet ({@link OperationsPerInvocation}).
 *
 * <p>Forked (JMH's recommended mode): build the test class path once, then run JMH's main.
 * <pre>
 * mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt \
 *     -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) org.openjdk.jmh.Main \
 *     StreamDecoderBenchmark -f 1 -wi 3 -i 5
 * </pre>
 * In-process through Maven ({@code exec:java} cannot fork JMH, hence {@code -f 0}):
 * <pre>
 * mvn -q -DskipTests test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.openjdk.jmh.Main -Dexec.args="StreamDecoderBenchmark -f 0 -wi 3 -i 5"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StreamDecoderBenchmark {
    static final int PACKETS = 10_000;

    byte[] publishStream;
    byte[] mixedStream;
    int mixedCount;
    byte[] craftedResync;

    @Setup
    public void setUp() {
        // 64-byte QoS 0 PUBLISH: 2 header + 2 + 12 topic ("sensors/t/01") + 48 payload
        byte[] publish = new byte[64];
        publish[0] = 0x30;
        publish[1] = 62;
        publish[2] = 0;
        publish[3] = 12;
        System.arraycopy("sensors/t/01".getBytes(), 0, publish, 4, 12);
        for (int i = 16; i < 64; i++) {
            publish[i] = (byte) ('a' + i % 26);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < PACKETS; i++) {
            out.writeBytes(publish);
        }
        publishStream = out.toByteArray();

        byte[][] mix = {
            publish,
            {0x32, 0x09, 0x00, 0x03, 'a', '/', 'b', 0x00, 0x01, 'h', 'i'},   // PUBLISH QoS 1
            {0x40, 0x02, 0x00, 0x01},                                        // PUBACK
            {(byte) 0x82, 0x08, 0x00, 0x02, 0x00, 0x03, 'a', '/', '#', 0x01}, // SUBSCRIBE
            {(byte) 0xc0, 0x00},                                             // PINGREQ
            {0x62, 0x02, 0x00, 0x03},                                        // PUBREL
        };
        out.reset();
        mixedCount = 0;
        out.writeBytes(new byte[] {0x10, 0x16, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3c, 0x00, 0x0a,
            'c', 'n', '.', 'l', 'o', 'k', 'e', 'i', '-', '1'});
        mixedCount++;
        for (int i = 0; mixedCount < PACKETS; i++) {
            out.writeBytes(mix[i % mix.length]);
            mixedCount++;
        }
        mixedStream = out.toByteArray();

        // Issue 13 item 2: lost framing, then "30 fd ff ff 03" repeated to 12 MB: every unit declares an 8 MiB
        // PUBLISH that ends on another unit, so only the bound on resync work keeps this linear.
        out.reset();
        out.writeBytes(new byte[] {0x30, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f});
        while (out.size() < 12_000_000) {
            out.writeBytes(new byte[] {0x30, (byte) 0xfd, (byte) 0xff, (byte) 0xff, 0x03});
        }
        craftedResync = out.toByteArray();
    }

    /** Feeds the stream in 1460-byte chunks (one TCP segment each), as a relay would. */
    static void run(byte[] stream, Consumer<DecodedPacket> sink) {
        StreamDecoder d = new StreamDecoder(Direction.CLIENT_TO_BROKER, 0).expectConnectionStart(false);
        for (int i = 0; i < stream.length; i += 1460) {
            d.feed(stream, i, Math.min(1460, stream.length - i), sink);
        }
        d.finish(sink);
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public void publishQos0_64bytes(Blackhole bh) {
        run(publishStream, bh::consume);
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public void mixed(Blackhole bh) {
        run(mixedStream, bh::consume);
    }

    /** One operation is the whole 12 MB crafted stream (not a packet): its decodes per second. */
    @Benchmark
    public void resyncCrafted12MB(Blackhole bh) {
        run(craftedResync, bh::consume);
    }
}
