package io.mqscope.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Real proxies on loopback for the proxy stage of the check, sessions and the relay: an HTTP CONNECT proxy (optionally
 * refusing with a status, or asking for Basic authentication) and a SOCKS5 proxy without authentication. One thread
 * per connection and direction. {@link #targets} lists every {@code host:port} a client asked for, in order.
 */
public final class TestProxies implements AutoCloseable {
    enum Kind { HTTP, SOCKS5 }

    private final ServerSocket server;
    private final Kind kind;
    private final String refusal;
    private final String basicAuth;
    public final List<String> targets = new CopyOnWriteArrayList<>();

    private TestProxies(Kind kind, String refusal, String basicAuth) throws IOException {
        this.kind = kind;
        this.refusal = refusal;
        this.basicAuth = basicAuth;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "test-proxy-" + kind);
        t.setDaemon(true);
        t.start();
    }

    /** An HTTP CONNECT proxy; {@code refusal} (e.g. "403 Forbidden") answers every CONNECT, null tunnels. */
    public static TestProxies http(String refusal) throws IOException {
        return new TestProxies(Kind.HTTP, refusal, null);
    }

    /** An HTTP CONNECT proxy that wants {@code user:password} (Basic) and answers 407 otherwise. */
    public static TestProxies httpWithAuth(String userColonPassword) throws IOException {
        return new TestProxies(Kind.HTTP, null, java.util.Base64.getEncoder().encodeToString(
                userColonPassword.getBytes(StandardCharsets.UTF_8)));
    }

    public static TestProxies socks5() throws IOException {
        return new TestProxies(Kind.SOCKS5, null, null);
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> serve(client), "test-proxy-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            Socket upstream = kind == Kind.HTTP ? http(in, out) : socks(new DataInputStream(in), out);
            if (upstream == null) {
                client.close();
                return;
            }
            pump(client, upstream);
            pump(upstream, client);
        } catch (IOException e) {
            close(client);
        }
    }

    private Socket http(InputStream in, OutputStream out) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0D0A0D0A) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            last4 = (last4 << 8) | b;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        String target = text.split(" ")[1];
        targets.add(target);
        if (refusal != null) {
            out.write(("HTTP/1.1 " + refusal + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return null;
        }
        if (basicAuth != null && !text.contains("Proxy-Authorization: Basic " + basicAuth + "\r\n")) {
            out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"t\"\r\n"
                    + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return null;
        }
        int colon = target.lastIndexOf(':');
        Socket upstream;
        try {
            upstream = new Socket(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)));
        } catch (IOException e) {
            out.write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return null;
        }
        out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return upstream;
    }

    private Socket socks(DataInputStream in, OutputStream out) throws IOException {
        if (in.readUnsignedByte() != 5) {
            return null; // as dante does: not a SOCKS5 greeting, closed unanswered
        }
        in.readNBytes(in.readUnsignedByte());
        out.write(new byte[] {5, 0});
        in.readNBytes(3);
        int atyp = in.readUnsignedByte();
        String host = atyp == 3 ? new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII)
                : InetAddress.getByAddress(in.readNBytes(atyp == 1 ? 4 : 16)).getHostAddress();
        int port = in.readUnsignedShort();
        targets.add(host + ":" + port);
        try {
            Socket upstream = new Socket(host, port);
            out.write(new byte[] {5, 0, 0, 1, 127, 0, 0, 1, 0, 0});
            out.flush();
            return upstream;
        } catch (IOException e) {
            out.write(new byte[] {5, 5, 0, 1, 0, 0, 0, 0, 0, 0});
            out.flush();
            return null;
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (IOException e) {
                // one side went away
            } finally {
                close(from);
                close(to);
            }
        }, "test-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
