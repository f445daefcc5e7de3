package io.mqscope.check;

import io.mqscope.auth.Signer;
import io.mqscope.auth.SigningException;
import io.mqscope.profile.Profile;
import io.mqscope.tap.ProxyTunnel;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code mqscope check}: proves a broker stage by stage (dns, tcp, proxy, tls, websocket, mqtt, subscribe, publish)
 * over plain JDK sockets, so each stage's facts are observable, and names the first failure with its cause and fix.
 * One check is one thread. The dns, tcp and proxy stages live here; the others have their own classes over the
 * shared {@link CheckRun}.
 */
public final class BrokerCheck {
    /** Every stage in order; proxy only has a row when the profile uses one. */
    public static final List<String> STAGES = List.of("dns", "tcp", "tls", "websocket", "mqtt", "subscribe",
            "publish");
    private static final List<String> PROXIED_STAGES = List.of("dns", "tcp", "proxy", "tls", "websocket", "mqtt",
            "subscribe", "publish");

    private final String url;
    private final Profile profile;
    private final CheckRun run;

    private final CheckOptions options;

    private BrokerCheck(Profile profile, String url, CheckOptions options, Instant now) {
        Words words = new Words(options.locale());
        String signingProblem = null;
        if (profile.signing() != null) {
            // vendors sign with a timestamp: fresh credentials for this connection, as the session does
            try {
                profile = Signer.apply(profile, Signer.sign(profile.signing(), now));
            } catch (SigningException e) {
                signingProblem = words.text("signing.failed", profile.signing().vendor(), e.getMessage());
            }
        }
        this.profile = profile;
        this.url = url;
        this.options = options;
        this.run = new CheckRun(profile, (int) Math.max(1, options.timeout().toMillis()), words, now);
        if (signingProblem != null) {
            run.warnings.add(signingProblem);
        }
    }

    /** Runs every stage that can run and returns the report; never throws for a broker's behaviour. */
    public static CheckReport run(Profile profile, String url, Duration timeout, Locale locale) {
        return run(profile, url, CheckOptions.of(timeout, locale));
    }

    /** As {@link #run(Profile, String, Duration, Locale)}, with the mini-program rules and progress as asked. */
    public static CheckReport run(Profile profile, String url, CheckOptions options) {
        return new BrokerCheck(profile, url, options, Instant.now()).run();
    }

    /**
     * What {@code --insecure} (the app's "trust any certificate") hides: for an insecure TLS profile, one handshake
     * judged as the tls stage judges it, and the warning naming what was skipped and what a phone will hit. Empty
     * for other profiles, and when the broker cannot be reached (the connection itself then says why).
     */
    public static List<String> insecureWarnings(Profile profile, Duration timeout, Locale locale) {
        CheckRun r = insecureHandshake(profile, timeout, locale);
        return r == null ? List.of() : List.copyOf(r.warnings);
    }

    /**
     * As {@link #insecureWarnings}, only what the skipped checks found (the certificate problem in words, or that
     * there was none), for the desktop app's own sentence; null when not insecure or not reached.
     */
    public static String insecureProblem(Profile profile, Duration timeout, Locale locale) {
        CheckRun r = insecureHandshake(profile, timeout, locale);
        return r == null ? null : r.insecureProblem;
    }

    private static CheckRun insecureHandshake(Profile profile, Duration timeout, Locale locale) {
        if (profile.transport() == null || !profile.transport().secure() || !profile.tls().insecure()) {
            return null;
        }
        BrokerCheck c = new BrokerCheck(profile, "", CheckOptions.of(timeout, locale), Instant.now());
        try {
            if (c.dns() && c.tcp() && c.proxy()) {
                new TlsStage(c.run).run();
            }
        } finally {
            closeQuietly(c.run.socket);
        }
        return c.run;
    }

    /** Tells the listener of the rows so far; a listener's failure never ends the check. */
    private boolean progress(boolean go) {
        try {
            options.progress().accept(List.copyOf(run.stages));
        } catch (RuntimeException e) {
            // the report is still complete at the end
        }
        return go;
    }

    private CheckReport run() {
        List<StageResult> stages = run.stages;
        try {
            boolean go = progress(dns()) && progress(tcp()) && progress(proxy());
            go = go && progress(new TlsStage(run).run());
            go = go && progress(new WebSocketStage(run).run());
            if (go) {
                new MqttStage(run).run();
                progress(true);
            }
            if (run.connack != null) {
                PacketChannel channel = run.channel();
                int level = profile.mqttVersion().level();
                PubSubStage trips = new PubSubStage(run, channel, level, run.connack);
                if (options.roundTrips() && progress(trips.subscribe())) {
                    trips.publish();
                }
                disconnect(channel, level);
            }
        } finally {
            closeQuietly(run.socket);
        }
        // every stage has its row: the ones after a failure say why they did not run
        String failed = run.verdict != null ? run.verdict.stage() : stages.get(stages.size() - 1).stage();
        for (String name : ProxyTunnel.used(profile.proxy()) ? PROXIED_STAGES : STAGES) {
            if (stages.stream().noneMatch(s -> s.stage().equals(name))) {
                stages.add(new StageResult(name, Status.SKIP, 0, run.words.text("skip.after_failure", failed),
                        Map.of()));
            }
        }
        progress(true);
        List<RuleResult> rules = options.miniprogram() ? MiniProgramRules.judge(run) : List.of();
        return new CheckReport(url, stages, run.verdict, run.warnings, rules);
    }

    private boolean dns() {
        long t0 = System.nanoTime();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("host", profile.host());
        Profile.ProxySettings proxy = profile.proxy();
        if (ProxyTunnel.used(proxy)) {
            // the proxy resolves the broker's name; ours only says whether this machine could too
            facts.put("proxy", proxy.host());
            try {
                facts.put("broker_addresses", addresses(InetAddress.getAllByName(profile.host()), facts, "_"));
            } catch (UnknownHostException e) {
                facts.put("broker_addresses", "(not resolved here: the proxy resolves it)");
            }
            try {
                InetAddress[] all = InetAddress.getAllByName(proxy.host());
                addresses(all, facts, "proxy_");
                facts.put("used", all[0].getHostAddress());
                run.address = new InetSocketAddress(all[0], proxy.port());
                return run.ok("dns", t0, all[0].getHostAddress() + " (proxy)", facts);
            } catch (UnknownHostException e) {
                return run.fail("dns", t0, String.valueOf(e.getMessage()), facts, "dns.unknown_proxy_host",
                        proxy.host());
            }
        }
        try {
            InetAddress[] all = InetAddress.getAllByName(profile.host());
            addresses(all, facts, "");
            facts.put("used", all[0].getHostAddress());
            run.address = new InetSocketAddress(all[0], profile.port());
            return run.ok("dns", t0, all[0].getHostAddress(), facts);
        } catch (UnknownHostException e) {
            return run.fail("dns", t0, String.valueOf(e.getMessage()), facts, "dns.unknown_host", profile.host());
        }
    }

    /** Puts the IPv4 and IPv6 addresses under {@code prefix}ipv4 / ipv6 (none with "_": returns them all). */
    private static List<String> addresses(InetAddress[] all, Map<String, Object> facts, String prefix) {
        List<String> v4 = new ArrayList<>();
        List<String> v6 = new ArrayList<>();
        for (InetAddress a : all) {
            (a instanceof Inet4Address ? v4 : v6).add(a.getHostAddress());
        }
        if (!prefix.equals("_")) {
            facts.put(prefix + "ipv4", v4);
            facts.put(prefix + "ipv6", v6);
        }
        List<String> both = new ArrayList<>(v4);
        both.addAll(v6);
        return both;
    }

    /** The proxy row when the profile uses one: the tunnel to the broker and the proxy's answer. */
    private boolean proxy() {
        Profile.ProxySettings proxy = profile.proxy();
        if (!ProxyTunnel.used(proxy)) {
            return true;
        }
        long t0 = System.nanoTime();
        Map<String, Object> facts = new LinkedHashMap<>();
        String type = ProxyTunnel.socks(proxy) ? "socks5" : "http";
        String where = proxy.host() + ":" + proxy.port();
        String target = profile.host() + ":" + profile.port();
        facts.put("type", type);
        facts.put("proxy", where);
        facts.put("target", target);
        facts.put("authentication", proxy.username() != null && !proxy.username().isEmpty());
        try {
            ProxyTunnel.Answer a = ProxyTunnel.open(run.in, run.out, proxy, profile.host(), profile.port());
            facts.put("answer", a.answer());
            if (a.ok()) {
                return run.ok("proxy", t0, a.answer(), facts);
            }
            Object[] args = new Object[2 + a.args().length];
            args[0] = where;
            args[1] = target;
            System.arraycopy(a.args(), 0, args, 2, a.args().length);
            return run.fail("proxy", t0, a.answer(), facts, a.problem(), args);
        } catch (SocketTimeoutException e) {
            return run.fail("proxy", t0, "timeout", facts, "proxy.timeout", where, target,
                    run.timeoutMillis / 1000.0);
        } catch (IOException e) {
            facts.put("error", String.valueOf(e.getMessage()));
            return run.fail("proxy", t0, String.valueOf(e.getMessage()), facts, "proxy.closed", where, target,
                    String.valueOf(e.getMessage()));
        }
    }

    private boolean tcp() {
        long t0 = System.nanoTime();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("address", run.address.getAddress().getHostAddress() + ":" + run.address.getPort());
        boolean proxied = ProxyTunnel.used(profile.proxy());
        String host = proxied ? profile.proxy().host() : profile.host();
        int port = run.address.getPort();
        if (proxied) {
            facts.put("to", "proxy");
        }
        run.socket = new Socket();
        try {
            run.socket.connect(run.address, run.timeoutMillis);
            run.socket.setSoTimeout(run.timeoutMillis);
            run.socket.setTcpNoDelay(true);
            run.in = run.socket.getInputStream();
            run.out = run.socket.getOutputStream();
            facts.put("connect_ms", CheckRun.ms(t0));
            return run.ok("tcp", t0, "connected", facts);
        } catch (ConnectException e) {
            return run.fail("tcp", t0, String.valueOf(e.getMessage()), facts, proxied ? "tcp.proxy_refused"
                    : "tcp.refused", host, port);
        } catch (SocketTimeoutException e) {
            return run.fail("tcp", t0, "timeout", facts, proxied ? "tcp.proxy_timeout" : "tcp.timeout", host,
                    port, run.timeoutMillis / 1000.0);
        } catch (IOException e) {
            return run.fail("tcp", t0, String.valueOf(e.getMessage()), facts, "tcp.failed", host, port,
                    e.getMessage());
        }
    }

    /** A normal DISCONNECT (3.1.1 §3.14; 5.0 §3.14 with reason 0x00) so the broker logs a clean end. */
    private static void disconnect(PacketChannel channel, int level) {
        try {
            channel.send(level == 5 ? new byte[] {(byte) 0xE0, 1, 0} : new byte[] {(byte) 0xE0, 0});
        } catch (IOException e) {
            // the check is over; a broker that closed first is fine
        }
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
