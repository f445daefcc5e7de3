package io.mqscope.check;

import io.mqscope.profile.Profile;
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
 * {@code mqscope check}: proves a broker stage by stage (dns, tcp, tls, websocket, mqtt) over plain JDK sockets, so
 * each stage's facts are observable, and names the first failure with its cause and fix. One check is one thread.
 * The dns and tcp stages live here; tls, websocket and mqtt each have their own class over the shared
 * {@link CheckRun}.
 */
public final class BrokerCheck {
    /** Every stage in order; proxy only has a row when the profile uses one. */
    public static final List<String> STAGES = List.of("dns", "tcp", "tls", "websocket", "mqtt", "subscribe",
            "publish");

    private final String url;
    private final Profile profile;
    private final CheckRun run;

    private BrokerCheck(Profile profile, String url, Duration timeout, Locale locale, Instant now) {
        this.profile = profile;
        this.url = url;
        this.run = new CheckRun(profile, (int) Math.max(1, timeout.toMillis()), new Words(locale), now);
    }

    /** Runs every stage that can run and returns the report; never throws for a broker's behaviour. */
    public static CheckReport run(Profile profile, String url, Duration timeout, Locale locale) {
        return new BrokerCheck(profile, url, timeout, locale, Instant.now()).run();
    }

    private CheckReport run() {
        List<StageResult> stages = run.stages;
        try {
            boolean go = dns() && tcp();
            go = go && new TlsStage(run).run();
            go = go && new WebSocketStage(run).run();
            if (go) {
                new MqttStage(run).run();
            }
            if (run.connack != null) {
                PacketChannel channel = run.channel();
                int level = profile.mqttVersion().level();
                new PubSubStage(run, channel, level, run.connack).run();
                disconnect(channel, level);
            }
        } finally {
            closeQuietly(run.socket);
        }
        // every stage has its row: the ones after a failure say why they did not run
        for (String name : STAGES) {
            if (stages.stream().noneMatch(s -> s.stage().equals(name))) {
                stages.add(new StageResult(name, Status.SKIP, 0, run.words.text("skip.after_failure",
                        stages.get(stages.size() - 1).stage()), Map.of()));
            }
        }
        return new CheckReport(url, stages, run.verdict, run.warnings);
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
            run.address = new InetSocketAddress(all[0], profile.port());
            return run.ok("dns", t0, all[0].getHostAddress(), facts);
        } catch (UnknownHostException e) {
            return run.fail("dns", t0, String.valueOf(e.getMessage()), facts, "dns.unknown_host", profile.host());
        }
    }

    private boolean tcp() {
        long t0 = System.nanoTime();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("address", run.address.getAddress().getHostAddress() + ":" + run.address.getPort());
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
            return run.fail("tcp", t0, String.valueOf(e.getMessage()), facts, "tcp.refused", profile.host(),
                    profile.port());
        } catch (SocketTimeoutException e) {
            return run.fail("tcp", t0, "timeout", facts, "tcp.timeout", profile.host(), profile.port(),
                    run.timeoutMillis / 1000.0);
        } catch (IOException e) {
            return run.fail("tcp", t0, String.valueOf(e.getMessage()), facts, "tcp.failed", profile.host(),
                    profile.port(), e.getMessage());
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
