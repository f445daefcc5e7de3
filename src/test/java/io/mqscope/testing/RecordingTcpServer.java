package io.mqscope.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A plain TCP peer on loopback that records every byte it receives and, once connected, writes a fixed reply: for
 * tests of the byte pipe itself (not of MQTT), where any difference in a single byte must show.
 */
public final class RecordingTcpServer implements AutoCloseable {
    private final ServerSocket server;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final Thread thread;
    private volatile Socket socket;

    public RecordingTcpServer(byte[] reply) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        thread = new Thread(() -> serve(reply), "recording-tcp-server");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public byte[] received() {
        synchronized (received) {
            return received.toByteArray();
        }
    }

    private void serve(byte[] reply) {
        try (Socket s = server.accept()) {
            socket = s;
            Thread writer = new Thread(() -> {
                try {
                    s.getOutputStream().write(reply);
                    s.getOutputStream().flush();
                } catch (IOException e) {
                    // peer went away; the test's assertions say so
                }
            }, "recording-tcp-server-writer");
            writer.setDaemon(true);
            writer.start();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (received) {
                    received.write(buf, 0, n);
                }
            }
            writer.join(5000);
        } catch (IOException e) {
            // closed by the test
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes the accepted connection from the server side. */
    public void dropClient() throws IOException {
        Socket s = socket;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public void close() throws IOException {
        dropClient();
        server.close();
    }
}
