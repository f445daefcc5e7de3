package io.mqscope.tap;

import io.mqscope.profile.Profile;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Opens a tunnel to the broker through the profile's proxy over an open connection to the proxy: HTTP CONNECT
 * (RFC 9110 §9.3.6) or SOCKS5 (RFC 1928, username/password by RFC 1929). The broker's name is sent as a name, so the
 * proxy resolves it, as the session's relay does.
 */
public final class ProxyTunnel {
    /**
     * How the proxy answered. {@code ok} when the tunnel is open; else {@code problem} names the verdict id and
     * {@code args} its arguments after the proxy and the target.
     */
    public record Answer(boolean ok, String answer, String problem, Object... args) {
    }

    private ProxyTunnel() {
    }

    public static boolean used(Profile.ProxySettings p) {
        return p != null && p.type() != null && !p.type().isBlank() && !"none".equalsIgnoreCase(p.type())
                && p.host() != null && !p.host().isBlank();
    }

    public static boolean socks(Profile.ProxySettings p) {
        return p.type().toLowerCase(Locale.ROOT).startsWith("socks");
    }

    public static Answer open(InputStream in, OutputStream out, Profile.ProxySettings p, String host, int port)
            throws IOException {
        return socks(p) ? socks5(in, out, p, host, port) : http(in, out, p, host, port);
    }

    private static Answer http(InputStream in, OutputStream out, Profile.ProxySettings p, String host, int port)
            throws IOException {
        String target = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        StringBuilder req = new StringBuilder("CONNECT ").append(target).append(" HTTP/1.1\r\nHost: ").append(target)
                .append("\r\n");
        boolean auth = p.username() != null && !p.username().isEmpty();
        if (auth) {
            String pair = p.username() + ":" + (p.password() == null ? "" : p.password());
            req.append("Proxy-Authorization: Basic ")
                    .append(Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))).append("\r\n");
        }
        out.write(req.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        // byte by byte: what follows the answer's head is the broker's
        while (head.size() < 8192) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            last4 = (last4 << 8) | b;
            if (last4 == 0x0D0A0D0A || head.size() == 1 && b != 'H') {
                break;
            }
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        if (text.isEmpty()) {
            throw new EOFException("the proxy closed the connection without answering CONNECT");
        }
        if (!text.startsWith("HTTP/")) {
            return new Answer(false, printable(text), "proxy.not_http", printable(text));
        }
        String status = text.lines().findFirst().orElse("");
        String[] parts = status.split(" ", 3);
        int code = parts.length > 1 && parts[1].matches("\\d{3}") ? Integer.parseInt(parts[1]) : 0;
        if (code / 100 == 2) {
            return new Answer(true, status, null);
        }
        if (code == 407) {
            return new Answer(false, status, "proxy.auth", auth ? 1 : 0);
        }
        return new Answer(false, status, "proxy.http_refused", status);
    }

    private static Answer socks5(InputStream in, OutputStream out, Profile.ProxySettings p, String host, int port)
            throws IOException {
        boolean auth = p.username() != null && !p.username().isEmpty();
        // greeting: version 5, the methods offered (0 no authentication, 2 username/password: RFC 1928 §3)
        out.write(auth ? new byte[] {5, 2, 0, 2} : new byte[] {5, 1, 0});
        out.flush();
        int version = must(in.read());
        int method = must(in.read());
        if (version != 5) {
            return new Answer(false, String.format("0x%02x", version), "proxy.not_socks5",
                    String.format("0x%02x", version));
        }
        if (method == 0xFF) {
            return new Answer(false, "no acceptable method", "proxy.auth", auth ? 1 : 0);
        }
        if (method == 2) {
            if (!auth) {
                return new Answer(false, "username/password required", "proxy.auth", 0);
            }
            byte[] user = p.username().getBytes(StandardCharsets.UTF_8);
            byte[] pass = (p.password() == null ? "" : p.password()).getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream a = new ByteArrayOutputStream();
            a.write(1);
            a.write(user.length);
            a.writeBytes(user);
            a.write(pass.length);
            a.writeBytes(pass);
            out.write(a.toByteArray());
            out.flush();
            must(in.read());
            if (must(in.read()) != 0) {
                return new Answer(false, "authentication failed", "proxy.auth", 1);
            }
        }
        byte[] name = host.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream c = new ByteArrayOutputStream();
        c.writeBytes(new byte[] {5, 1, 0, 3, (byte) name.length});
        c.writeBytes(name);
        c.write(port >> 8);
        c.write(port);
        out.write(c.toByteArray());
        out.flush();
        must(in.read());
        int reply = must(in.read());
        must(in.read());
        int atyp = must(in.read());
        int skip = atyp == 1 ? 4 : atyp == 4 ? 16 : must(in.read());
        in.readNBytes(skip + 2);
        String meaning = socksReply(reply);
        if (reply != 0) {
            return new Answer(false, "SOCKS5 reply " + reply + " (" + meaning + ")", "proxy.socks_refused", reply,
                    meaning);
        }
        return new Answer(true, "SOCKS5 reply 0 (" + meaning + ")", null);
    }

    /** RFC 1928 §6, the REP field. */
    public static String socksReply(int code) {
        return switch (code) {
            case 0 -> "succeeded";
            case 1 -> "general SOCKS server failure";
            case 2 -> "connection not allowed by ruleset";
            case 3 -> "network unreachable";
            case 4 -> "host unreachable";
            case 5 -> "connection refused";
            case 6 -> "TTL expired";
            case 7 -> "command not supported";
            case 8 -> "address type not supported";
            default -> "unassigned reply " + code;
        };
    }

    private static int must(int b) throws EOFException {
        if (b < 0) {
            throw new EOFException("the proxy closed the connection in its answer");
        }
        return b;
    }

    private static String printable(String s) {
        String one = s.replaceAll("[^\\x20-\\x7E]", ".");
        return one.length() > 60 ? one.substring(0, 60) : one;
    }
}
