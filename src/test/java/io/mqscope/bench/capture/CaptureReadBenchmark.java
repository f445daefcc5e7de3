package io.mqscope.bench.capture;

import io.mqscope.capture.Capture;
import io.mqscope.capture.CaptureReader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Capture reading throughput: writes a large synthetic pcap (Ethernet/IPv4/TCP, 1448-byte segments carrying a
 * stream of 200-byte PUBLISH packets that straddle segment boundaries, with the broker's PUBACKs the other way)
 * and measures read + reassemble + decode in MB of capture per second on one thread, plus peak RSS.
 *
 * <p>Run: {@code mvn -q -o test-compile} then
 * {@code java -cp target/classes:target/test-classes io.mqscope.bench.capture.CaptureReadBenchmark [MB]}.
 */
public final class CaptureReadBenchmark {
    private CaptureReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long mb = args.length > 0 ? Long.parseLong(args[0]) : 200;
        Path file = Files.createTempFile("mqscope-bench-", ".pcap");
        try {
            write(file, mb << 20);
            long size = Files.size(file);
            for (int round = 0; round < 3; round++) {
                AtomicLong packets = new AtomicLong();
                long t0 = System.nanoTime();
                Capture c = CaptureReader.read(file, new CaptureReader.Options(Set.of(), false,
                        p -> packets.incrementAndGet()));
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("round %d: %.1f MB in %.2f s = %.1f MB/s, %d MQTT packets (%.2f M/s), "
                                + "%d conversations%n", round, size / 1e6, s, size / 1e6 / s, packets.get(),
                        packets.get() / s / 1e6, c.conversations().size());
            }
            System.out.println("peak RSS: " + peakRss());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String peakRss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM")) {
                return line.substring(6).trim();
            }
        }
        return "unknown";
    }

    /** The synthetic capture, about {@code bytes} long (also used by DecodePcapMemoryTest). */
    public static void write(Path file, long bytes) throws IOException {
        byte[] topic = "sensors/plant-7/line-3/temperature".getBytes();
        ByteBuffer pub = ByteBuffer.allocate(200);
        int body = 200 - 3;
        pub.put((byte) 0x32).put((byte) (body & 0x7f | 0x80)).put((byte) (body >> 7)).putShort((short) topic.length)
                .put(topic).putShort((short) 1);
        while (pub.hasRemaining()) {
            pub.put((byte) 'x');
        }
        byte[] publish = pub.array();
        byte[] connect = {0x10, 0x0d, 0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60, 0, 1, 'a'};
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262_144)
                    .putInt(1);
            out.write(h.array());
            long written = 24;
            long clientSeq = 1;
            long serverSeq = 1;
            long time = 1_700_000_000_000_000L;
            int conn = 0;
            while (written < bytes) {
                // one connection per ~50 MB, each with a handshake, a CONNECT and a stream of PUBLISH/PUBACK
                int port = 40_000 + conn++;
                clientSeq = 1;
                serverSeq = 1;
                written += frame(out, time++, port, true, 0, 0, 0x02, new byte[0]);
                written += frame(out, time++, port, false, 0, 1, 0x12, new byte[0]);
                written += frame(out, time++, port, true, 1, 1, 0x10, new byte[0]);
                written += frame(out, time++, port, true, clientSeq, serverSeq, 0x18, connect);
                clientSeq += connect.length;
                written += frame(out, time++, port, false, serverSeq, clientSeq, 0x18, new byte[] {0x20, 2, 0, 0});
                serverSeq += 4;
                byte[] seg = new byte[1448];
                int fill = 0;
                int id = 1;
                long connEnd = written + (50L << 20);
                while (written < bytes && written < connEnd) {
                    // fill the segment with PUBLISH bytes, continuing a packet across segments
                    for (int i = 0; i < seg.length; i++) {
                        seg[i] = publish[fill++ % publish.length];
                    }
                    written += frame(out, time += 20, port, true, clientSeq, serverSeq, 0x18, seg);
                    clientSeq += seg.length;
                    byte[] acks = new byte[4 * 7];
                    for (int k = 0; k < 7; k++) {
                        acks[4 * k] = 0x40;
                        acks[4 * k + 1] = 2;
                        acks[4 * k + 2] = (byte) (id >> 8);
                        acks[4 * k + 3] = (byte) id++;
                    }
                    written += frame(out, time += 20, port, false, serverSeq, clientSeq, 0x18, acks);
                    serverSeq += acks.length;
                }
            }
        }
    }

    private static int frame(OutputStream out, long micros, int port, boolean fromClient, long seq, long ack,
                             int flags, byte[] data) throws IOException {
        int len = 14 + 20 + 20 + data.length;
        ByteBuffer r = ByteBuffer.allocate(16 + len);
        r.order(ByteOrder.LITTLE_ENDIAN).putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000))
                .putInt(len).putInt(len).order(ByteOrder.BIG_ENDIAN);
        r.put(new byte[12]).putShort((short) 0x0800);
        byte[] a = {10, 0, 0, 2};
        byte[] b = {10, 0, 0, 1};
        r.put((byte) 0x45).put((byte) 0).putShort((short) (40 + data.length)).putInt(0).put((byte) 64).put((byte) 6)
                .putShort((short) 0).put(fromClient ? a : b).put(fromClient ? b : a);
        r.putShort((short) (fromClient ? port : 1883)).putShort((short) (fromClient ? 1883 : port)).putInt((int) seq)
                .putInt((int) ack).put((byte) 0x50).put((byte) flags).putShort((short) 65535).putInt(0).put(data);
        out.write(r.array());
        return r.capacity();
    }
}
