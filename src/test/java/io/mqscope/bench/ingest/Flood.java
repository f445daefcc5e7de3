package io.mqscope.bench.ingest;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Ingest benchmark flooder: publishes N small QoS 0 messages as fast as the broker reads them, over one raw MQTT
 * 3.1.1 connection with pre-encoded PUBLISH packets (no client library in the way).
 *
 * <p>Usage: {@code java -cp target/test-classes io.mqscope.bench.ingest.Flood HOST PORT TOPIC COUNT [PAYLOAD_BYTES]}.
 * Prints the messages/s it achieved on stderr.
 */
public final class Flood {
    private Flood() {
    }

    public static void main(String[] args) throws IOException {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        byte[] topic = args[2].getBytes(StandardCharsets.UTF_8);
        long count = Long.parseLong(args[3]);
        int payloadBytes = args.length > 4 ? Integer.parseInt(args[4]) : 16;
        try (Socket s = new Socket(host, port)) {
            s.setTcpNoDelay(true);
            s.setSendBufferSize(1 << 20);
            OutputStream out = new BufferedOutputStream(s.getOutputStream(), 1 << 16);
            byte[] clientId = ("flood-" + ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
            // CONNECT, MQTT 3.1.1, clean session, keep alive 600 s
            int rl = 10 + 2 + clientId.length;
            out.write(new byte[] {0x10, (byte) rl, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0x02, 0x58});
            out.write(clientId.length >> 8);
            out.write(clientId.length);
            out.write(clientId);
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] connack = new byte[4];
            in.readFully(connack);
            if (connack[0] != 0x20 || connack[3] != 0) {
                throw new IOException("CONNACK refused: return code " + connack[3]);
            }
            int remaining = 2 + topic.length + payloadBytes;
            if (remaining > 127) {
                throw new IllegalArgumentException("keep messages small: topic + payload <= 125 bytes");
            }
            byte[] packet = new byte[2 + remaining];
            packet[0] = 0x30;
            packet[1] = (byte) remaining;
            packet[2] = (byte) (topic.length >> 8);
            packet[3] = (byte) topic.length;
            System.arraycopy(topic, 0, packet, 4, topic.length);
            int payloadAt = 4 + topic.length;
            long start = System.nanoTime();
            for (long i = 0; i < count; i++) {
                // the sequence number in the payload keeps messages distinct
                long v = i;
                for (int k = payloadBytes - 1; k >= 0; k--) {
                    packet[payloadAt + k] = (byte) ('0' + v % 10);
                    v /= 10;
                }
                out.write(packet);
            }
            out.write(new byte[] {(byte) 0xe0, 0});
            out.flush();
            double secs = (System.nanoTime() - start) / 1e9;
            System.err.printf("flood: %d messages in %.2f s = %.0f msg/s%n", count, secs, count / secs);
        }
    }
}
