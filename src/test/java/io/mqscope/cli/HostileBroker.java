package io.mqscope.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test peer, not a broker: a real TCP server that speaks just enough MQTT to leave a client waiting. It reads the
 * CONNECT, answers as its {@link Mode} says, then reads and drops everything and answers nothing.
 */
final class HostileBroker implements AutoCloseable {
    /** CONNACK, accepted, session not present (3.1.1 §3.2 and 5.0 §3.2 with no properties). */
    private static final byte[] CONNACK_311 = {0x20, 0x02, 0x00, 0x00};
    private static final byte[] CONNACK_5 = {0x20, 0x03, 0x00, 0x00, 0x00};

    enum Mode {
        /** CONNACK at once, then silence: no SUBACK, PUBACK, PUBREC or PINGRESP. */
        CONNACK_THEN_SILENCE,
        /** The CONNACK one byte at a time, {@code dribbleMillis} apart: a live but useless connection. */
        DRIBBLED_CONNACK
    }

    private final ServerSocket server;
    private final Mode mode;
    private final long dribbleMillis;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    HostileBroker(Mode mode, long dribbleMillis) throws IOException {
        this.mode = mode;
        this.dribbleMillis = dribbleMillis;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "hostile-broker");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                Thread t = new Thread(() -> serve(s), "hostile-broker-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            int first = in.read();
            if (first >> 4 != 1) {
                return;
            }
            byte[] body = in.readNBytes(remainingLength(in));
            // CONNECT variable header: length-prefixed "MQTT", then the protocol level byte
            byte[] connack = body.length > 6 && body[6] == 5 ? CONNACK_5 : CONNACK_311;
            if (mode == Mode.DRIBBLED_CONNACK) {
                for (byte b : connack) {
                    Thread.sleep(dribbleMillis);
                    out.write(b);
                    out.flush();
                }
            } else {
                out.write(connack);
                out.flush();
            }
            while (in.read() >= 0) {
                // drop it all and answer nothing
            }
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int remainingLength(InputStream in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 28; shift += 7) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("end of stream in remaining length");
            }
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("remaining length too long");
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
