package io.mqscope.cli;

import io.mqscope.capture.Endpoint;
import io.mqscope.payload.ParseResult;
import io.mqscope.profile.Profile;
import io.mqscope.doctor.Insight;
import io.mqscope.session.TapFailures;
import io.mqscope.tap.ListenUrl;
import io.mqscope.tap.RelayBindException;
import io.mqscope.tap.SelfSignedCa;
import io.mqscope.tap.TapDoctor;
import io.mqscope.tap.TapEvent;
import io.mqscope.tap.TapSettings;
import io.mqscope.tap.Verdicts;
import io.mqscope.tap.Wiretap;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mqscope tap}: a wiretap between the user's own MQTT client and its broker, until Ctrl+C. */
@Command(name = "tap", mixinStandardHelpOptions = true)
public final class TapCommand implements Callable<Integer> {

    @Option(names = "--listen", required = true, paramLabel = "URL")
    String listen;

    @Option(names = "--url", paramLabel = "URL")
    String url;

    @Option(names = "--profile", paramLabel = "NAME")
    String profileName;

    @Option(names = "--path", paramLabel = "PATH")
    String wsPath;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS")
    Integer connectTimeout;

    @Option(names = "--cafile", paramLabel = "FILE")
    String caFile;

    @Option(names = "--client-cert", paramLabel = "FILE")
    String clientCert;

    @Option(names = "--client-key", paramLabel = "FILE")
    String clientKey;

    @Option(names = "--key-password", paramLabel = "PASSWORD")
    String keyPassword;

    @Option(names = "--insecure")
    boolean insecure;

    @Option(names = "--cert", paramLabel = "FILE")
    File cert;

    @Option(names = "--key", paramLabel = "FILE")
    File key;

    @Option(names = "--self-signed")
    boolean selfSigned;

    @Option(names = "--json")
    boolean json;

    @Option(names = "--repair", paramLabel = "padded-length")
    String repair;

    @Option(names = "--show-secrets")
    boolean showSecrets;

    @Option(names = "--pcap", paramLabel = "FILE")
    Path pcap;

    @Option(names = "--handshake-timeout", paramLabel = "SECONDS")
    Integer handshakeTimeout;

    @Spec
    CommandSpec spec;

    /** Events waiting to be printed above which the tap stops reading, and below which it reads again. */
    private static final int QUEUE_HIGH = 10_000;
    private static final int QUEUE_LOW = 1_000;

    /** Counted down to stop (tests); Ctrl+C goes through the shutdown hook instead. */
    final CountDownLatch stop = new CountDownLatch(1);


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
        if (handshakeTimeout != null && handshakeTimeout <= 0) {
            return CliSupport.badInput(err, "tap", "--handshake-timeout must be at least 1 second");
        }
        ParseResult<Profile> upstream = upstream();
        if (!upstream.ok()) {
            return CliSupport.badInput(err, "tap", upstream.error());
        }
        CliSupport.warnIfInsecure(err, upstream.value());
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
        Locale locale = Language.locale(); // --lang, else LC_ALL/LANG: the JVM default ignores --lang
        // events are written in batches and flushed once per batch (picocli's writer flushes every line: one
        // write call per packet in a flood)
        PrintWriter events = new PrintWriter(new BufferedWriter(out, 1 << 16), false);
        TapFailures failures = new TapFailures(upstream.value());
        TapEventPrinter printer = new TapEventPrinter(json, showSecrets, new Verdicts(locale), locale, failures);
        TapPcap recording = pcap == null ? null
                : new TapPcap(new Endpoint(upstream.value().host(), upstream.value().port()));
        TapDoctor doctor = new TapDoctor(upstream.value().host());
        Consumer<TapEvent> show = e -> {
            printer.print(e, events);
            if (recording != null) {
                recording.record(e);
            }
            for (Insight i : doctor.see(e)) {
                printer.print(i, events);
            }
        };
        BlockingQueue<TapEvent> queue = new LinkedBlockingQueue<>();
        AtomicReference<Wiretap> started = new AtomicReference<>();
        Wiretap tap;
        try {
            Duration timeout = handshakeTimeout == null ? TapSettings.DEFAULT_HANDSHAKE_TIMEOUT
                    : Duration.ofSeconds(handshakeTimeout);
            tap = Wiretap.start(new TapSettings(at, upstream.value(), serverTls, repair != null, locale, timeout),
                    failures.probing(e -> {
                        queue.add(e);
                        // output slower than the traffic: the traffic waits, the queue stays bounded
                        if (queue.size() > QUEUE_HIGH && started.get() != null) {
                            started.get().hold();
                        }
                    }));
            started.set(tap);
        } catch (RelayBindException e) {
            err.println("mqscope tap: " + e.getMessage());
            err.flush();
            return CliSupport.CONNECTION_FAILED;
        }
        CountDownLatch finished = new CountDownLatch(1);
        List<TapEvent> batch = new ArrayList<>();
        Thread hook = new Thread(() -> {
            doctor.stopping();
            tap.close();
            stop.countDown();
            try {
                finished.await(10, TimeUnit.SECONDS); // the JVM halts when the hooks end: let --pcap be written
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mqscope-tap-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        // with --json standard output carries the events only; the banner goes to standard error
        banner(json ? err : out, tap.listening(), upstream.value(), notes);
        try {
            while (stop.getCount() > 0) {
                if (queue.size() < QUEUE_LOW) {
                    tap.release();
                }
                TapEvent e = queue.poll(100, TimeUnit.MILLISECONDS);
                if (e != null) {
                    show.accept(e);
                    // what else waits, taken at once: one lock, not one lock and signal per event
                    queue.drainTo(batch);
                    batch.forEach(show);
                    batch.clear();
                }
                // the doctor's clock is the events' (System.nanoTime): a PINGREQ still unanswered shows without
                // waiting for the next event
                for (Insight i : doctor.tick(System.nanoTime())) {
                    printer.print(i, events);
                }
                events.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook stops the tap
            }
            doctor.stopping();
            tap.close();
            for (TapEvent e = queue.poll(); e != null; e = queue.poll()) {
                show.accept(e);
            }
            // the last insights: a will the broker published just before the stop, without waiting for its grace
            for (Insight i : doctor.end(System.nanoTime())) {
                printer.print(i, events);
            }
            events.flush();
        }
        try {
            return recording == null ? CliSupport.OK : writePcap(recording, err);
        } finally {
            finished.countDown();
        }
    }

    private int writePcap(TapPcap recording, PrintWriter err) {
        try {
            recording.write(pcap, showSecrets);
            err.println("Wrote the tapped traffic to " + pcap);
            return CliSupport.OK;
        } catch (IOException e) {
            err.println("mqscope tap: cannot write " + pcap + ": " + e.getMessage());
            return CliSupport.CONNECTION_FAILED;
        } finally {
            err.flush();
        }
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
            names.addAll(LocalAddresses.lan());
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
            for (String address : LocalAddresses.lan()) {
                out.println("  other devices: " + at.withHost(address));
            }
            out.println("Listening on every interface: other machines on the network can connect.");
        } else if (!LocalAddresses.isLoopback(at.host())) {
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
}
