package io.mqscope.check;

import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * {@code mqscope check}: proves a broker stage by stage (dns, tcp, tls, websocket, mqtt) over plain JDK sockets, so
 * each stage's facts are observable, and names the first failure with its cause and fix. One check is one thread.
 */
public final class BrokerCheck {
    private final Profile profile;
    private final String url;
    private final int timeoutMillis;
    private final Words words;
    private final Instant now;
    private final List<StageResult> stages = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private Verdict verdict;
    private InetSocketAddress address;
    private Socket socket;
    private SSLContext tlsContext;
    private final CertificateRequestProbe certificateRequest = new CertificateRequestProbe();
    private InputStream in;
    private OutputStream out;

    private BrokerCheck(Profile profile, String url, Duration timeout, Locale locale, Instant now) {
        this.profile = profile;
        this.url = url;
        this.timeoutMillis = (int) Math.max(1, timeout.toMillis());
        this.words = new Words(locale);
        this.now = now;
    }

    /** Runs every stage that can run and returns the report; never throws for a broker's behaviour. */
    public static CheckReport run(Profile profile, String url, Duration timeout, Locale locale) {
        return new BrokerCheck(profile, url, timeout, locale, Instant.now()).run();
    }

    private CheckReport run() {
        try {
            boolean go = dns() && tcp();
            go = go && tls();
            go = go && websocket();
            if (go) {
                mqtt();
            }
        } finally {
            closeQuietly(socket);
        }
        // every stage has its row: the ones after a failure say why they did not run
        for (String name : List.of("dns", "tcp", "tls", "websocket", "mqtt")) {
            if (stages.stream().noneMatch(s -> s.stage().equals(name))) {
                stages.add(new StageResult(name, Status.SKIP, 0, words.text("skip.after_failure",
                        stages.get(stages.size() - 1).stage()), Map.of()));
            }
        }
        return new CheckReport(url, stages, verdict, warnings);
    }

    private boolean dns() {
        long t0 = System.nanoTime();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("host", profile.host());
        try {
            InetAddress[] all = InetAddress.getAllByName(profile.host());
            List<String> v4 = new ArrayList<>();
            List<String> v6 = new ArrayList<>();
            for (InetAddress a : all) {
                (a instanceof Inet4Address ? v4 : v6).add(a.getHostAddress());
            }
            facts.put("ipv4", v4);
            facts.put("ipv6", v6);
            facts.put("used", all[0].getHostAddress());
            address = new InetSocketAddress(all[0], profile.port());
            return ok("dns", t0, all[0].getHostAddress(), facts);
        } catch (UnknownHostException e) {
            return fail("dns", t0, String.valueOf(e.getMessage()), facts, "dns.unknown_host", profile.host());
        }
    }

    private boolean tcp() {
        long t0 = System.nanoTime();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("address", address.getAddress().getHostAddress() + ":" + address.getPort());
        socket = new Socket();
        try {
            socket.connect(address, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.setTcpNoDelay(true);
            in = socket.getInputStream();
            out = socket.getOutputStream();
            facts.put("connect_ms", ms(t0));
            return ok("tcp", t0, "connected", facts);
        } catch (ConnectException e) {
            return fail("tcp", t0, String.valueOf(e.getMessage()), facts, "tcp.refused", profile.host(),
                    profile.port());
        } catch (SocketTimeoutException e) {
            return fail("tcp", t0, "timeout", facts, "tcp.timeout", profile.host(), profile.port(),
                    timeoutMillis / 1000.0);
        } catch (IOException e) {
            return fail("tcp", t0, String.valueOf(e.getMessage()), facts, "tcp.failed", profile.host(),
                    profile.port(), e.getMessage());
        }
    }

    private boolean tls() {
        long t0 = System.nanoTime();
        Transport transport = profile.transport();
        if (!transport.secure()) {
            stages.add(new StageResult("tls", Status.SKIP, 0, words.text("skip.tls", scheme()), Map.of()));
            return true;
        }
        Profile.TlsSettings settings = profile.tls();
        Map<String, Object> facts = new LinkedHashMap<>();
        String sni = settings.sniHost() != null && !settings.sniHost().isBlank() ? settings.sniHost()
                : isAddress(profile.host()) ? null : profile.host();
        facts.put("sni", sni == null ? "(none: the host is an IP address)" : sni);
        SSLSocket s;
        try {
            tlsContext = context(settings);
            s = (SSLSocket) tlsContext.getSocketFactory().createSocket(socket, profile.host(), profile.port(), true);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return fail("tls", t0, String.valueOf(e.getMessage()), facts, "tls.settings", e.getMessage());
        }
        SSLParameters params = s.getSSLParameters();
        if (sni != null) {
            params.setServerNames(List.of(new SNIHostName(sni)));
        }
        if (!settings.alpn().isEmpty()) {
            params.setApplicationProtocols(settings.alpn().toArray(new String[0]));
        }
        s.setSSLParameters(params);
        try {
            s.startHandshake();
        } catch (IOException e) {
            return tlsHandshakeFailed(t0, facts, e);
        }
        socket = s;
        try {
            in = s.getInputStream();
            out = s.getOutputStream();
        } catch (IOException e) {
            return fail("tls", t0, String.valueOf(e.getMessage()), facts, "tls.failed", e.getMessage());
        }
        facts.put("protocol", s.getSession().getProtocol());
        facts.put("cipher_suite", s.getSession().getCipherSuite());
        String alpn = s.getApplicationProtocol();
        facts.put("alpn", alpn == null || alpn.isEmpty() ? "(none)" : alpn);
        boolean ownCert = blankToNull(settings.clientCertFile()) != null;
        facts.put("client_certificate_requested", ownCert ? "(a certificate was configured)"
                : certificateRequest.requested());
        X509Certificate[] chain;
        try {
            java.security.cert.Certificate[] peer = s.getSession().getPeerCertificates();
            chain = new X509Certificate[peer.length];
            for (int i = 0; i < peer.length; i++) {
                chain[i] = (X509Certificate) peer[i];
            }
        } catch (IOException e) {
            return fail("tls", t0, String.valueOf(e.getMessage()), facts, "tls.failed", e.getMessage());
        }
        ChainCheck.Outcome o = ChainCheck.judge(chain, profile.host(), settings.caFile(), now);
        facts.putAll(o.facts());
        String detail = s.getSession().getProtocol() + ", " + chain.length + " certificate(s)";
        if (settings.insecure()) {
            String problem = o.problem() == null ? words.text("insecure.none")
                    : words.text(o.problem() + ".cause", o.args());
            warnings.add(words.text("insecure.warning", problem));
            if (o.problem() != null) {
                stages.add(new StageResult("tls", Status.WARN, ms(t0), detail + "; " + problem, facts));
                return true;
            }
        }
        if (o.problem() != null && !settings.insecure()) {
            return fail("tls", t0, detail, facts, o.problem(), o.args());
        }
        return ok("tls", t0, detail, facts);
    }

    private boolean tlsHandshakeFailed(long t0, Map<String, Object> facts, IOException e) {
        String msg = String.valueOf(e.getMessage());
        facts.put("error", msg);
        if (msg.contains("bad_certificate") || msg.contains("certificate_required")) {
            return fail("tls", t0, msg, facts, "tls.client_cert_required");
        }
        if (msg.contains("protocol_version") || msg.contains("No appropriate protocol")) {
            return fail("tls", t0, msg, facts, "tls.old_protocol");
        }
        if (e instanceof SocketTimeoutException) {
            return fail("tls", t0, msg, facts, "tls.timeout", timeoutMillis / 1000.0);
        }
        if (e instanceof SSLException && msg.contains("fatal alert")) {
            return fail("tls", t0, msg, facts, "tls.failed", msg);
        }
        // reset, closed, or a plain-text answer: find out what the port speaks instead
        PortSniffer.Speaks speaks = new PortSniffer(address, timeoutMillis).sniff(PortSniffer.Speaks.TLS);
        facts.put("port_speaks", speaks.name().toLowerCase(Locale.ROOT));
        return switch (speaks) {
            case MQTT -> fail("tls", t0, msg, facts, "tls.port_speaks_mqtt", profile.port());
            case HTTP -> fail("tls", t0, msg, facts, "tls.port_speaks_http", profile.port());
            default -> fail("tls", t0, msg, facts, "tls.closed", profile.port(), msg);
        };
    }

    private boolean websocket() {
        long t0 = System.nanoTime();
        if (!profile.transport().webSocket()) {
            stages.add(new StageResult("websocket", Status.SKIP, 0, words.text("skip.websocket", scheme()),
                    Map.of()));
            return true;
        }
        String path = profile.wsPath() == null || profile.wsPath().isBlank() ? "/mqtt" : profile.wsPath();
        String sub = profile.wsSubprotocol() != null && !profile.wsSubprotocol().isBlank() ? profile.wsSubprotocol()
                : profile.mqttVersion().level() == 3 ? "mqttv3.1" : "mqtt";
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("path", path);
        facts.put("subprotocols_asked", List.of(sub));
        WebSocketHandshake hs = new WebSocketHandshake(hostHeader(), path, sub, profile.wsHeaders());
        WebSocketHandshake.Answer answer;
        try {
            answer = hs.exchange(in, out);
        } catch (IOException e) {
            answer = new WebSocketHandshake.Answer(0, "", Map.of(), new byte[0], e);
        }
        if (answer.code() == 0) {
            return webSocketUnanswered(t0, facts, answer);
        }
        facts.put("status", answer.statusLine());
        facts.put("headers", answer.headers());
        int code = answer.code();
        if (code == 101) {
            String echoed = answer.headers().get("sec-websocket-protocol");
            facts.put("subprotocol_echoed", echoed == null ? "(none)" : echoed);
            if (!hs.acceptMatches(answer.headers().get("sec-websocket-accept"))) {
                return fail("websocket", t0, answer.statusLine(), facts, "ws.bad_accept");
            }
            if (echoed == null || !echoed.equalsIgnoreCase(sub)) {
                return fail("websocket", t0, answer.statusLine(), facts, "ws.subprotocol_not_echoed", sub,
                        echoed == null ? "-" : echoed);
            }
            in = WebSocketStream.payloads(in);
            return ok("websocket", t0, answer.statusLine() + ", " + echoed, facts);
        }
        String server = answer.headers().getOrDefault("server", "");
        if (!answer.body().isEmpty()) {
            String text = answer.body().replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").trim();
            facts.put("body", text.length() > 200 ? text.substring(0, 200) + "..." : text);
        }
        if (answer.body().contains("plain HTTP request was sent to HTTPS port")) {
            return fail("websocket", t0, answer.statusLine(), facts, "ws.port_speaks_tls", profile.port());
        }
        if (code == 404) {
            return fail("websocket", t0, answer.statusLine(), facts, "ws.not_found", path);
        }
        if (code == 502 || code == 400 || code == 426 || (code == 200 && !server.isEmpty())) {
            return fail("websocket", t0, answer.statusLine(), facts, "ws.proxy_upgrade", answer.statusLine(),
                    server.isEmpty() ? "?" : server);
        }
        return fail("websocket", t0, answer.statusLine(), facts, "ws.refused", answer.statusLine());
    }

    private boolean webSocketUnanswered(long t0, Map<String, Object> facts, WebSocketHandshake.Answer answer) {
        byte[] first = answer.firstBytes();
        String msg = answer.error() == null ? "closed without an answer" : String.valueOf(answer.error().getMessage());
        facts.put("error", msg);
        if (first.length > 0 && (first[0] & 0xFF) == 0x15) {
            return fail("websocket", t0, msg, facts, "ws.port_speaks_tls", profile.port());
        }
        if (first.length > 0 && (first[0] & 0xF0) == 0x20) {
            return fail("websocket", t0, msg, facts, "ws.port_speaks_mqtt", profile.port());
        }
        if (profile.transport().secure()) {
            if (mqttAnswersOverTls()) {
                facts.put("port_speaks", "mqtt over tls");
                return fail("websocket", t0, msg, facts, "ws.port_speaks_mqtts", profile.port());
            }
            return fail("websocket", t0, msg, facts, "ws.closed", profile.port(), msg);
        }
        PortSniffer.Speaks speaks = new PortSniffer(address, timeoutMillis).sniff(PortSniffer.Speaks.HTTP);
        facts.put("port_speaks", speaks.name().toLowerCase(Locale.ROOT));
        return switch (speaks) {
            case TLS -> fail("websocket", t0, msg, facts, "ws.port_speaks_tls", profile.port());
            case MQTT -> fail("websocket", t0, msg, facts, "ws.port_speaks_mqtt", profile.port());
            default -> fail("websocket", t0, msg, facts, "ws.closed", profile.port(), msg);
        };
    }

    private void mqtt() {
        long t0 = System.nanoTime();
        int level = profile.mqttVersion().level();
        String clientId = profile.clientId() == null || profile.clientId().isBlank() ? "mqscope-check"
                : profile.clientId();
        if (profile.randomClientIdSuffix()) {
            clientId = clientId + "-" + Long.toHexString(new SecureRandom().nextLong() & 0xFFFFFFFL);
        }
        String user = blankToNull(profile.username());
        String password = profile.password() == null || profile.password().isEmpty() ? null : profile.password();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("version", profile.mqttVersion().label());
        facts.put("client_id", clientId);
        facts.put("username_sent", user == null ? "(none)" : user);
        facts.put("password_sent", password != null);
        byte[] connect = Connacks.connect(level, clientId, user, password, Math.max(10, profile.keepAliveSeconds()));
        byte[] body;
        int first;
        try {
            if (profile.transport().webSocket()) {
                WebSocketStream.writeBinary(out, connect);
            } else {
                out.write(connect);
                out.flush();
            }
            first = in.read();
            if (first < 0) {
                throw new EOFException("closed without an answer");
            }
            if (first != 0x20) {
                mqttUnexpected(t0, facts, first);
                return;
            }
            int[] pos = {0};
            byte[] len = new byte[4];
            int i = 0;
            int b;
            do {
                b = in.read();
                if (b < 0) {
                    throw new EOFException("CONNACK cut short");
                }
                len[i++] = (byte) b;
            } while ((b & 0x80) != 0 && i < 4);
            body = in.readNBytes(Connacks.varInt(len, pos));
        } catch (IOException e) {
            mqttClosed(t0, facts, e);
            return;
        }
        Connacks.Connack ack;
        try {
            ack = Connacks.parse(body, level);
        } catch (RuntimeException e) {
            fail("mqtt", t0, "malformed CONNACK", facts, "mqtt.malformed", e.getMessage());
            return;
        }
        int code = ack.code();
        String meaning = Connacks.meaning(code, level);
        facts.put("connack_code", code);
        facts.put("connack_meaning", meaning);
        facts.put("session_present", ack.sessionPresent());
        if (level == 5) {
            facts.put("properties", ack.properties());
        }
        String detail = "CONNACK " + code + " " + meaning;
        if (code == 0) {
            try {
                byte[] disconnect = level == 5 ? new byte[] {(byte) 0xE0, 1, 0} : new byte[] {(byte) 0xE0, 0};
                if (profile.transport().webSocket()) {
                    WebSocketStream.writeBinary(out, disconnect);
                } else {
                    out.write(disconnect);
                    out.flush();
                }
            } catch (IOException e) {
                // the check is over; a broker that closed first is fine
            }
            ok("mqtt", t0, detail, facts);
            return;
        }
        boolean badCredentials = code == 4 || code == 0x86;
        boolean notAuthorized = code == 5 || code == 0x87;
        if ((badCredentials || notAuthorized) && user == null) {
            fail("mqtt", t0, detail, facts, "mqtt.no_username", code, meaning);
        } else if (badCredentials) {
            fail("mqtt", t0, detail, facts, "mqtt.bad_credentials", code, meaning, user,
                    password == null ? 0 : 1);
        } else if (notAuthorized) {
            fail("mqtt", t0, detail, facts, "mqtt.not_authorized", code, meaning, user, password == null ? 0 : 1);
        } else {
            fail("mqtt", t0, detail, facts, "mqtt.refused", code, meaning);
        }
    }

    private void mqttUnexpected(long t0, Map<String, Object> facts, int first) {
        facts.put("first_byte", String.format("0x%02x", first));
        if (first == 'H') {
            fail("mqtt", t0, "HTTP answer", facts, profile.transport().secure() ? "mqtt.port_speaks_https"
                    : "mqtt.port_speaks_http", profile.port());
        } else if (first == 0x15 || first == 0x16) {
            fail("mqtt", t0, "TLS answer", facts, "mqtt.port_speaks_tls", profile.port());
        } else {
            fail("mqtt", t0, "not a CONNACK", facts, "mqtt.not_connack", String.format("0x%02x", first));
        }
    }

    private void mqttClosed(long t0, Map<String, Object> facts, IOException e) {
        String msg = String.valueOf(e.getMessage());
        facts.put("error", msg);
        if (msg.contains("certificate_required") || msg.contains("bad_certificate") || certificateRequest.requested()) {
            // TLS 1.3: the client finishes its handshake before the server refuses it, so it surfaces here; the
            // tls row is the one that failed
            for (int i = 0; i < stages.size(); i++) {
                StageResult tls = stages.get(i);
                if (tls.stage().equals("tls")) {
                    Map<String, Object> merged = new LinkedHashMap<>(tls.facts());
                    merged.put("error", msg);
                    stages.set(i, new StageResult("tls", Status.FAIL, tls.ms(), tls.detail() + "; " + msg, merged));
                }
            }
            verdict = words.verdict("tls", "tls.client_cert_required");
            return;
        }
        if (e instanceof SocketTimeoutException) {
            fail("mqtt", t0, msg, facts, "mqtt.timeout", timeoutMillis / 1000.0);
            return;
        }
        if (!profile.transport().secure() && !profile.transport().webSocket()) {
            PortSniffer.Speaks speaks = new PortSniffer(address, timeoutMillis).sniff(PortSniffer.Speaks.MQTT);
            facts.put("port_speaks", speaks.name().toLowerCase(Locale.ROOT));
            if (speaks == PortSniffer.Speaks.TLS) {
                fail("mqtt", t0, msg, facts, "mqtt.port_speaks_tls", profile.port());
                return;
            }
            if (speaks == PortSniffer.Speaks.HTTP) {
                fail("mqtt", t0, msg, facts, "mqtt.port_speaks_http", profile.port());
                return;
            }
        }
        if (profile.transport().secure() && httpAnswersOverTls()) {
            facts.put("port_speaks", "http over tls");
            fail("mqtt", t0, msg, facts, "mqtt.port_speaks_https", profile.port());
            return;
        }
        fail("mqtt", t0, msg, facts, "mqtt.closed", msg);
    }

    /** Whether a fresh TLS connection to the port answers an HTTP request (mqtts to a wss port). */
    private boolean httpAnswersOverTls() {
        return firstBytesOverTls(("GET / HTTP/1.1\r\nHost: " + profile.host() + "\r\nConnection: close\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII)) == 'H';
    }

    /** Whether a fresh TLS connection to the port answers an MQTT CONNECT with a CONNACK (wss to an mqtts port). */
    private boolean mqttAnswersOverTls() {
        return firstBytesOverTls(Connacks.connect(4, "mqscope-probe", null, null, 10)) == 0x20;
    }

    private int firstBytesOverTls(byte[] opening) {
        try (Socket raw = new Socket()) {
            raw.connect(address, timeoutMillis);
            raw.setSoTimeout(timeoutMillis);
            try (SSLSocket s = (SSLSocket) tlsContext.getSocketFactory().createSocket(raw, profile.host(),
                    profile.port(), true)) {
                s.getOutputStream().write(opening);
                s.getOutputStream().flush();
                return s.getInputStream().read();
            }
        } catch (IOException e) {
            return -1;
        }
    }

    private SSLContext context(Profile.TlsSettings settings) throws IOException, GeneralSecurityException {
        String cert = blankToNull(settings.clientCertFile());
        if (cert == null) {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(new javax.net.ssl.KeyManager[] {certificateRequest},
                    new javax.net.ssl.TrustManager[] {TrustAll.INSTANCE}, null);
            return ctx;
        }
        // Netty reads PEM keys (PKCS#8, PKCS#1, EC) that the JDK alone does not; its JDK context is a plain one
        SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                .trustManager(InsecureTrustManagerFactory.INSTANCE);
        String pw = blankToNull(settings.keyPassword());
        if (blankToNull(settings.clientKeyFile()) == null) {
            java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
            char[] p = pw == null ? new char[0] : pw.toCharArray();
            try (InputStream f = java.nio.file.Files.newInputStream(java.nio.file.Path.of(cert))) {
                ks.load(f, p);
            }
            javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(
                    javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, p);
            b.keyManager(kmf);
        } else {
            b.keyManager(new File(cert), new File(settings.clientKeyFile()), pw);
        }
        return ((JdkSslContext) b.build()).context();
    }

    private boolean ok(String stage, long t0, String detail, Map<String, Object> facts) {
        stages.add(new StageResult(stage, Status.OK, ms(t0), detail, facts));
        return true;
    }

    private boolean fail(String stage, long t0, String detail, Map<String, Object> facts, String id,
            Object... args) {
        stages.add(new StageResult(stage, Status.FAIL, ms(t0), detail, facts));
        verdict = words.verdict(stage, id, args);
        return false;
    }

    private String scheme() {
        return switch (profile.transport()) {
            case TCP -> "mqtt://";
            case TLS -> "mqtts://";
            case WS -> "ws://";
            case WSS -> "wss://";
        };
    }

    private String hostHeader() {
        String h = profile.host().contains(":") ? "[" + profile.host() + "]" : profile.host();
        return profile.port() == profile.transport().defaultPort() || profile.port() == 80 || profile.port() == 443
                ? h : h + ":" + profile.port();
    }

    private static boolean isAddress(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // nothing left to report
            }
        }
    }
}
