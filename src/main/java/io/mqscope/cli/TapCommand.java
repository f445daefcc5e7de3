package io.mqscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mqscope.payload.ParseResult;
import io.mqscope.profile.Profile;
import io.mqscope.tap.ListenUrl;
import io.mqscope.tap.RelayBindException;
import io.mqscope.tap.SelfSignedCa;
import io.mqscope.tap.TapEvent;
import io.mqscope.tap.TapSettings;
import io.mqscope.tap.Verdicts;
import io.mqscope.tap.Wiretap;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.Field;
import io.mqscope.wire.Finding;
import io.mqscope.wire.HexDump;
import io.mqscope.wire.Severity;
import io.mqscope.wire.Summary;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.io.PrintWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mqscope tap}: a wiretap between the user's own MQTT client and its broker, until Ctrl+C. */
@Command(name = "tap", mixinStandardHelpOptions = true,
        description = {"Listen for the user's own MQTT client, forward its bytes untouched to the broker, and show "
                + "every HTTP upgrade, WebSocket message and packet both ways, decoded, with a verdict when a "
                + "connection ends badly.",
                "Listens on loopback unless the listen URL names another address."})
public final class TapCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HEX_SHOWN = 32;

    @Option(names = "--listen", required = true, paramLabel = "URL",
            description = "Where the client connects: mqtt://, mqtts://, ws:// or wss://host:port[/path], "
                    + "e.g. ws://127.0.0.1:8083/mqtt (port 0 = any free port).")
    String listen;

    @Option(names = "--url", paramLabel = "URL", description = "The broker: mqtt://, mqtts://, ws:// or wss://.")
    String url;

    @Option(names = "--profile", paramLabel = "NAME", description = "The broker of a saved profile.")
    String profileName;

    @Option(names = "--path", paramLabel = "PATH", description = "The broker's WebSocket path (default /mqtt).")
    String wsPath;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", description = "Upstream timeout (default 10).")
    Integer connectTimeout;

    @Option(names = "--cafile", paramLabel = "FILE",
            description = "CA certificate(s) (PEM) the broker's certificate must chain to.")
    String caFile;

    @Option(names = "--client-cert", paramLabel = "FILE", description = "Client certificate for the broker.")
    String clientCert;

    @Option(names = "--client-key", paramLabel = "FILE", description = "Private key of --client-cert (PEM).")
    String clientKey;

    @Option(names = "--key-password", paramLabel = "PASSWORD", description = "Password of the client key.")
    String keyPassword;

    @Option(names = "--insecure", description = "Do not verify the broker's certificate chain or host name.")
    boolean insecure;

    @Option(names = "--cert", paramLabel = "FILE", description = "The tap's server certificate chain (PEM), for "
            + "mqtts:// and wss://.")
    File cert;

    @Option(names = "--key", paramLabel = "FILE", description = "The private key of --cert (PKCS#8 PEM).")
    File key;

    @Option(names = "--self-signed", description = "Make (once) a CA and a server certificate for the listen host "
            + "in the config directory and use them for mqtts:// and wss://.")
    boolean selfSigned;

    @Option(names = "--json", description = "One JSON object per event and line.")
    boolean json;

    @Option(names = "--repair", paramLabel = "padded-length",
            description = "padded-length: forward a client packet whose Remaining Length is padded (mqtt.js "
                    + "wx.js/ali.js) repaired.")
    String repair;

    @Option(names = "--show-secrets", description = "Show CONNECT passwords instead of ***.")
    boolean showSecrets;

    @Spec
    CommandSpec spec;

    /** Counted down to stop (tests); Ctrl+C goes through the shutdown hook instead. */
    final CountDownLatch stop = new CountDownLatch(1);

    private static final int HELD_MAX = 64;
    private long maskFrom = -1;
    private long maskTo = -1;
    private Verdicts words;
    /** Client WebSocket messages waiting for the connection's first client packet (see {@link #print}). */
    private final Map<String, List<TapEvent.WebSocketMessage>> held = new java.util.HashMap<>();
    private final java.util.Set<String> released = new java.util.HashSet<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ListenUrl at;
        try {
            at = ListenUrl.parse(listen);
        } catch (IllegalArgumentException e) {
            return CliSupport.badInput(err, "tap", "--listen: " + e.getMessage());
        }
        if (url == null && profileName == null) {
            return CliSupport.badInput(err, "tap", "say where the broker is: --url URL or --profile NAME");
        }
        if (repair != null && !"padded-length".equals(repair)) {
            return CliSupport.badInput(err, "tap", "--repair knows only padded-length, not '" + repair + "'");
        }
        ParseResult<Profile> upstream = upstream();
        if (!upstream.ok()) {
            return CliSupport.badInput(err, "tap", upstream.error());
        }
        SslContext serverTls = null;
        List<String> notes = new ArrayList<>();
        if (at.kind().secure()) {
            try {
                serverTls = serverTls(at, notes);
            } catch (IllegalArgumentException e) {
                return CliSupport.badInput(err, "tap", e.getMessage());
            } catch (Exception e) {
                err.println("mqscope tap: cannot use the server certificate: " + e.getMessage());
                err.flush();
                return CliSupport.CONNECTION_FAILED;
            }
        } else if (cert != null || key != null || selfSigned) {
            return CliSupport.badInput(err, "tap", "--cert, --key and --self-signed belong to mqtts:// and wss://");
        }
        Locale locale = Locale.getDefault();
        words = new Verdicts(locale);
        BlockingQueue<TapEvent> queue = new LinkedBlockingQueue<>();
        Wiretap tap;
        try {
            tap = Wiretap.start(new TapSettings(at, upstream.value(), serverTls, repair != null, locale), queue::add);
        } catch (RelayBindException e) {
            err.println("mqscope tap: " + e.getMessage());
            err.flush();
            return CliSupport.CONNECTION_FAILED;
        }
        Thread hook = new Thread(() -> {
            tap.close();
            stop.countDown();
        }, "mqscope-tap-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        // with --json standard output carries the events only; the banner goes to standard error
        banner(json ? err : out, tap.listening(), upstream.value(), notes);
        try {
            while (stop.getCount() > 0) {
                TapEvent e = queue.poll(100, TimeUnit.MILLISECONDS);
                if (e != null) {
                    print(e, out);
                    for (TapEvent more = queue.poll(); more != null; more = queue.poll()) {
                        print(more, out);
                    }
                    out.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook stops the tap
            }
            tap.close();
            for (TapEvent e = queue.poll(); e != null; e = queue.poll()) {
                print(e, out);
            }
            out.flush();
        }
        return CliSupport.OK;
    }

    private ParseResult<Profile> upstream() {
        ConnectionOptions o = new ConnectionOptions();
        o.url = url;
        o.profileName = profileName;
        o.wsPath = wsPath;
        o.connectTimeout = connectTimeout;
        o.caFile = caFile;
        o.certFile = clientCert;
        o.keyFile = clientKey;
        o.keyPassword = keyPassword;
        o.insecure = insecure;
        return o.toProfile("mqscope-tap");
    }

    private SslContext serverTls(ListenUrl at, List<String> notes) throws Exception {
        if (selfSigned) {
            if (cert != null || key != null) {
                throw new IllegalArgumentException("--self-signed or --cert/--key, not both");
            }
            SelfSignedCa.Issued issued = SelfSignedCa.inConfigDirectory().serverFor(hostNames(at));
            notes.add("Server certificate for " + String.join(", ", issued.names()) + ": " + issued.certificate());
            notes.add("CA certificate: " + issued.caCertificate());
            notes.add("A client must trust that CA: install it on the device (or pass it as the client's CA file);"
                    + " in the WeChat developer tool either turn off the domain/TLS checks and use ws://LAN-IP,"
                    + " or import the CA for real-device debugging.");
            return SslContextBuilder.forServer(issued.certificate().toFile(), issued.key().toFile()).build();
        }
        if (cert == null || key == null) {
            throw new IllegalArgumentException(at.kind().scheme() + ":// needs --cert FILE --key FILE, or "
                    + "--self-signed");
        }
        return SslContextBuilder.forServer(cert, key).build();
    }

    /** The names and addresses a self-signed server certificate covers: the listen host, loopback, LAN. */
    private static List<String> hostNames(ListenUrl at) {
        List<String> names = new ArrayList<>(List.of("localhost", "127.0.0.1"));
        if (at.wildcard()) {
            names.addAll(lanAddresses());
        } else if (!names.contains(at.host())) {
            names.add(at.host());
        }
        return names;
    }

    private void banner(PrintWriter out, ListenUrl at, Profile upstream, List<String> notes) {
        String broker = upstream.transport().name().toLowerCase(Locale.ROOT) + " " + upstream.host() + ":"
                + upstream.port() + (upstream.transport().webSocket() ? upstream.wsPath() : "");
        out.println("MQScope tap listening on " + at + " -> broker " + broker);
        if (at.wildcard()) {
            for (String address : lanAddresses()) {
                out.println("  other devices: " + at.withHost(address));
            }
            out.println("Listening on every interface: other machines on the network can connect.");
        } else if (!isLoopback(at.host())) {
            out.println("Listening on " + at.host() + ": other machines on that network can connect.");
        }
        for (String n : notes) {
            out.println(n);
        }
        if (repair != null) {
            out.println("Repairing padded Remaining Lengths in client packets.");
        }
        out.println("Press Ctrl+C to stop.");
        out.flush();
    }

    // ---------------------------------------------------------------- events

    /**
     * Prints an event; the client's WebSocket messages wait until its first packet is framed, so that the bytes
     * of a CONNECT password can be masked in them too (a CONNECT is small; at most {@value #HELD_MAX} wait).
     */
    private void print(TapEvent e, PrintWriter out) {
        String c = e.conn();
        if (!showSecrets && e instanceof TapEvent.WebSocketMessage w && w.from() == Direction.CLIENT_TO_BROKER
                && !released.contains(c)) {
            List<TapEvent.WebSocketMessage> waiting = held.computeIfAbsent(c, k -> new ArrayList<>());
            waiting.add(w);
            if (waiting.size() >= HELD_MAX) {
                release(c, null, out);
            }
            return;
        }
        if (e instanceof TapEvent.Packet p && p.from() == Direction.CLIENT_TO_BROKER && !released.contains(c)) {
            release(c, p.packet(), out);
        } else if (e instanceof TapEvent.Closed) {
            release(c, null, out);
        }
        render(e, out);
        if (e instanceof TapEvent.Closed) {
            released.remove(c);
        }
    }

    private void release(String conn, DecodedPacket first, PrintWriter out) {
        released.add(conn);
        List<TapEvent.WebSocketMessage> waiting = held.remove(conn);
        if (waiting == null) {
            return;
        }
        Field pw = first == null ? null : password(first);
        for (TapEvent.WebSocketMessage w : waiting) {
            if (pw == null) {
                render(w, out);
            } else {
                long from = first.offset() + pw.offset() + 2;
                maskFrom = from;
                maskTo = from + Math.max(0, pw.length() - 2);
                render(w, out);
                maskFrom = -1;
                maskTo = -1;
            }
        }
    }

    /** A WebSocket message's hex, with bytes at stream offsets [maskFrom, maskTo) shown as **. */
    private String hex(TapEvent.WebSocketMessage w, int shown) {
        StringBuilder sb = new StringBuilder(shown * 2);
        for (int i = 0; i < shown; i++) {
            long at = w.streamOffset() + i;
            sb.append(at >= maskFrom && at < maskTo ? "**" : String.format("%02x", w.bytes()[i] & 0xff));
        }
        return sb.toString();
    }

    private void render(TapEvent e, PrintWriter out) {
        if (json) {
            ObjectNode o = toJson(e);
            if (o != null) {
                out.println(o.toString());
            }
        } else {
            for (String line : text(e)) {
                out.println(e.conn() + " " + line);
            }
        }
    }

    private ObjectNode toJson(TapEvent e) {
        ObjectNode o = JSON.createObjectNode();
        if (e instanceof TapEvent.Opened x) {
            o.put("event", "open").put("conn", x.conn()).put("client", x.client()).put("listen", x.listen())
                    .put("time", x.time().toString());
        } else if (e instanceof TapEvent.HttpExchange x) {
            o.put("event", "http").put("conn", x.conn());
            ObjectNode req = o.putObject("request");
            req.put("method", x.method()).put("path", x.path());
            headers(req.putObject("headers"), x.requestHeaders());
            ObjectNode res = o.putObject("response");
            res.put("status", x.status());
            headers(res.putObject("headers"), x.responseHeaders());
        } else if (e instanceof TapEvent.WebSocketMessage x) {
            o.put("event", "ws").put("conn", x.conn()).put("from", from(x.from())).put("opcode", x.opcode())
                    .put("fin", x.fin()).put("length", x.length())
                    .put("hex", hex(x, x.length())).put("stream_offset", x.streamOffset());
            if (x.closeCode() != null) {
                o.put("code", x.closeCode()).put("reason", x.closeReason());
            }
        } else if (e instanceof TapEvent.Packet x) {
            o.put("event", "packet").put("conn", x.conn()).put("from", from(x.from()));
            DecodedPacket p = x.packet();
            o.setAll(DecodeCommand.packet(p)); // the packet object of decode --json
            if (x.repairedForwarded()) {
                o.put("repaired_hex", HexDump.hex(p.repaired(), 0, p.repaired().length));
            }
            if (!showSecrets) {
                maskPasswords(o, p);
            }
        } else if (e instanceof TapEvent.Closed x) {
            o.put("event", "close").put("conn", x.conn()).put("by", x.by());
            if (x.code() == null) {
                o.putNull("code");
            } else {
                o.put("code", x.code());
            }
            o.put("reason", x.reason());
            o.put("verdict", x.verdict());
            o.put("tcp", x.reset() ? "reset" : "fin");
            o.put("since_last_packet_ms", x.sinceLastPacketMillis());
            o.put("repaired", x.repairedPackets());
        } else {
            return null; // stream findings: the close event's verdict and the packets carry what matters
        }
        return o;
    }

    private static void headers(ObjectNode into, Map<String, String> headers) {
        headers.forEach(into::put);
    }

    /** The password's value becomes "***" and its bytes "**" in the packet's hex: nothing of it is printed. */
    private static void maskPasswords(ObjectNode o, DecodedPacket p) {
        Field pw = password(p);
        if (pw == null) {
            return;
        }
        JsonNode fields = o.get("fields");
        if (fields instanceof ArrayNode a) {
            for (JsonNode f : a) {
                if (f instanceof ObjectNode fo && "password".equals(fo.path("name").asText())) {
                    fo.put("value", "***");
                    fo.remove("text");
                    fo.put("masked_bytes", Math.max(0, pw.length() - 2));
                }
            }
        }
        o.put("hex", maskedHex(p, pw));
    }

    private static Field password(DecodedPacket p) {
        if (p.type() != io.mqscope.wire.PacketType.CONNECT) {
            return null;
        }
        for (Field f : p.fields()) {
            if ("password".equals(f.name())) {
                return f;
            }
        }
        return null;
    }

    /** The packet's hex with the password's value bytes (after its 2-byte length) shown as **. */
    private static String maskedHex(DecodedPacket p, Field pw) {
        StringBuilder sb = new StringBuilder(p.length() * 2);
        int from = pw.offset() + 2;
        int to = pw.offset() + pw.length();
        for (int i = 0; i < p.length(); i++) {
            sb.append(i >= from && i < to ? "**" : String.format("%02x", p.raw()[i] & 0xff));
        }
        return sb.toString();
    }

    private List<String> text(TapEvent e) {
        List<String> lines = new ArrayList<>();
        if (e instanceof TapEvent.Opened x) {
            lines.add("open " + x.client() + " -> " + x.listen());
        } else if (e instanceof TapEvent.HttpExchange x) {
            lines.add("http " + x.method() + " " + x.path() + " Host "
                    + x.requestHeaders().getOrDefault("host", "-") + ", subprotocol asked "
                    + (x.asked() == null ? "none" : x.asked()) + " answered "
                    + (x.answered() == null ? "none" : x.answered()) + " -> " + x.status());
        } else if (e instanceof TapEvent.WebSocketMessage x) {
            String hex = hex(x, Math.min(HEX_SHOWN, x.length()));
            lines.add(arrow(x.from()) + " ws " + x.opcode() + (x.fin() ? "" : " (fin=0)") + " " + x.length()
                    + (x.length() == 1 ? " byte" : " bytes") + " @" + x.streamOffset()
                    + (x.closeCode() != null ? " code " + x.closeCode() + " \"" + x.closeReason() + "\"" : "")
                    + (x.length() == 0 ? "" : ": " + spaced(hex) + (x.length() > HEX_SHOWN ? " ..." : "")));
        } else if (e instanceof TapEvent.Packet x) {
            packetLines(x, lines);
        } else if (e instanceof TapEvent.StreamFinding x) {
            lines.add(arrow(x.from()) + " stream " + mark(x.finding()) + " " + x.finding().field() + ": "
                    + x.finding().message());
        } else if (e instanceof TapEvent.Closed x) {
            StringBuilder sb = new StringBuilder("closed by ").append(x.by());
            if (x.code() != null) {
                sb.append(", WebSocket close ").append(x.code());
                if (x.reason() != null && !x.reason().isEmpty()) {
                    sb.append(" \"").append(x.reason()).append('"');
                }
            }
            sb.append(x.reset() ? ", TCP reset" : ", TCP FIN");
            if (x.sinceLastPacketMillis() >= 0) {
                sb.append(", ").append(x.sinceLastPacketMillis()).append(" ms after the last packet");
            }
            lines.add(sb.toString());
            if (x.repairedPackets() > 0) {
                lines.add(words.text("note.repaired", x.repairedPackets()));
            }
            if (x.verdict() != null) {
                lines.add("verdict: " + x.verdict());
            }
        }
        return lines;
    }

    private void packetLines(TapEvent.Packet x, List<String> lines) {
        DecodedPacket p = x.packet();
        Finding top = null;
        for (Finding f : p.findings()) {
            if (f.severity() != Severity.INFO && (top == null || f.severity().ordinal() < top.severity().ordinal())) {
                top = f;
            }
        }
        StringBuilder sb = new StringBuilder(arrow(x.from())).append(' ').append(p.type().name()).append(" #")
                .append(p.index()).append(' ').append(p.length()).append(p.length() == 1 ? " byte " : " bytes ");
        if (top == null) {
            sb.append("✓ ").append(Summary.of(p));
            Field pw = password(p);
            if (pw != null) {
                sb.append(", password ").append(showSecrets ? quoted(p, pw) : "*** (" + Math.max(0, pw.length() - 2)
                        + " bytes)");
            }
        } else {
            sb.append("✗ ").append(top.field()).append(": ").append(top.message());
        }
        lines.add(sb.toString());
        if (p.diagnosis() != null) {
            lines.add("  diagnosis: " + p.diagnosis());
        }
        if (x.repairedForwarded()) {
            lines.add("  " + words.text("note.repaired", 1) + ": " + HexDump.hex(p.repaired(), " "));
        }
    }

    private static String quoted(DecodedPacket p, Field pw) {
        int from = pw.offset() + 2;
        int len = Math.max(0, pw.length() - 2);
        return "\"" + new String(p.raw(), from, len, StandardCharsets.UTF_8) + "\"";
    }

    private static String mark(Finding f) {
        return f.severity() == Severity.INFO ? "i" : "✗";
    }

    private static String arrow(Direction d) {
        return d == Direction.CLIENT_TO_BROKER ? "client→broker" : "broker→client";
    }

    private static String from(Direction d) {
        return d == Direction.CLIENT_TO_BROKER ? "client" : "broker";
    }

    private static String spaced(String hex) {
        StringBuilder sb = new StringBuilder(hex.length() * 3 / 2);
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(hex, i, i + 2);
        }
        return sb.toString();
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static List<String> lanAddresses() {
        List<String> out = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        out.add(a.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            // no interface list: the loopback URL still works
        }
        return out;
    }
}
