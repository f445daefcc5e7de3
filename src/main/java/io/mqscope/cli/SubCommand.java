package io.mqscope.cli;

import io.mqscope.payload.ParseResult;
import io.mqscope.payload.ProtoChoice;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Profile.SavedSubscription;
import io.mqscope.session.ConnectionState;
import io.mqscope.session.MessageEvent;
import io.mqscope.session.Session;
import io.mqscope.session.SessionListener;
import io.mqscope.session.Sessions;
import io.mqscope.session.StateChange;
import io.mqscope.store.JsonLines;
import io.mqscope.tap.PacketEvent;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.Field;
import io.mqscope.wire.Finding;
import io.mqscope.wire.Secrets;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code mqscope sub}: subscribe and print messages, like mosquitto_sub, through the packet tap. Lines are printed
 * on a thread of their own ({@link PrintQueue}) and flushed whenever it has caught up, never per message in a flood.
 */
@Command(name = "sub", sortOptions = false)
public final class SubCommand implements Callable<Integer> {
    private static final HexFormat HEX = HexFormat.of();

    @Spec
    CommandSpec spec;

    // not mixinStandardHelpOptions: its -V (version) would clash with -V (MQTT version), as in mosquitto_sub
    @Option(names = {"-h", "--help"}, usageHelp = true)
    boolean help;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    PcapExportOption pcap;

    @Option(names = {"-t", "--topic"}, required = true, paramLabel = "FILTER")
    List<String> topics;

    @Option(names = {"-q", "--qos"}, paramLabel = "0|1|2")
    int qos;

    @Option(names = {"-C", "--count"}, paramLabel = "N")
    Long count;

    @Option(names = {"-W", "--timeout"}, paramLabel = "SECONDS")
    Double timeout;

    @Option(names = "--format", paramLabel = "text|hex|base64|json|cbor|msgpack|protobuf|sparkplug")
    String format;

    @picocli.CommandLine.Mixin
    ProtoOptions proto = new ProtoOptions();

    @Option(names = {"-v", "--verbose"})
    boolean verbose;

    @Option(names = "--json")
    boolean json;

    @Option(names = "--packets")
    boolean packets;

    @Option(names = "--show-secrets")
    boolean showSecrets;

    @Option(names = "--no-local")
    boolean noLocal;

    @Option(names = "--retain-as-published")
    boolean retainAsPublished;

    @Option(names = "--retain-handling", paramLabel = "0|1|2")
    int retainHandling;

    private final Object outLock = new Object();
    private final AtomicLong received = new AtomicLong();
    private final CountDownLatch done = new CountDownLatch(1);
    private final StringBuilder line = new StringBuilder(256);
    /** {@link #line}'s characters on their way out: PrintWriter.append would copy them into a new String first. */
    private char[] lineChars = new char[256];
    private PrintWriter out;
    private JsonLines jsonOut;
    private volatile boolean failed;
    private SubPayloads payloads;
    /** Messages and packets on their way to standard output, in arrival order. */
    private PrintQueue printing;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ParseResult<Profile> pr = connection.toProfile("mqscope-sub");
        if (!pr.ok()) {
            return CliSupport.badInput(err, "sub", pr.error());
        }
        CliSupport.warnIfInsecure(err, pr.value());
        ParseResult<List<Profile.UserProperty>> ups = connection.parsedUserProperties();
        if (!ups.ok()) {
            return CliSupport.badInput(err, "sub", ups.error());
        }
        String fmt = format == null ? null : format.toLowerCase(Locale.ROOT);
        if (fmt != null && !List.of("text", "hex", "base64", "json", "cbor", "msgpack", "protobuf", "sparkplug")
                .contains(fmt)) {
            return CliSupport.badInput(err, "sub", "--format must be text, hex, base64, json, cbor, msgpack, "
                    + "protobuf or sparkplug, not '" + format + "'");
        }
        ProtoChoice protoChoice = null;
        if ("protobuf".equals(fmt)) {
            ParseResult<ProtoChoice> c = proto.choice();
            if (!c.ok()) {
                return CliSupport.badInput(err, "sub", c.error());
            }
            protoChoice = c.value();
        }
        payloads = new SubPayloads(fmt, protoChoice);
        for (String t : topics) {
            String bad = CliSupport.topicError("-t", t, true);
            if (bad != null) {
                return CliSupport.badInput(err, "sub", bad);
            }
        }
        if (qos < 0 || qos > 2) {
            return CliSupport.badInput(err, "sub", "--qos must be 0, 1 or 2, not " + qos);
        }
        if (timeout != null && !(timeout > 0 && Double.isFinite(timeout))) {
            return CliSupport.badInput(err, "sub", "-W must be more than 0 s, not " + CliSupport.seconds(timeout));
        }
        if (count != null && count <= 0) {
            return CliSupport.badInput(err, "sub", "--count must be positive, not " + count);
        }
        if (pcap.problem() != null) {
            return CliSupport.badInput(err, "sub", pcap.problem());
        }
        Profile profile = pr.value().toBuilder().userProperties(ups.value()).build();
        out = spec.commandLine().getOut();
        if (json) {
            try {
                jsonOut = new JsonLines(out, false);
            } catch (IOException e) {
                return CliSupport.report(err, "sub", e);
            }
        }
        printing = new PrintQueue(this::print, this::flush, e -> {
            synchronized (outLock) {
                err.println("mqscope sub: could not print: " + e);
                err.flush();
            }
        });
        CliSupport.Deadline deadline = CliSupport.Deadline.after(timeout);
        Session session = Sessions.open(profile, new Listener(err));
        try {
            try {
                // the session gives up on its own after the connect timeout + 3 s; 2 s more is a backstop
                deadline.await(session.connect(), profile.connectTimeoutSeconds() + 5.0,
                        profile.connectTimeoutSeconds(), "--connect-timeout", "no CONNACK");
                for (String t : topics) {
                    deadline.await(session.subscribe(new SavedSubscription(t, qos, noLocal, retainAsPublished,
                            retainHandling, null, null, null)), connection.ackTimeout, connection.ackTimeout,
                            "--ack-timeout", "no SUBACK for '" + t + "'");
                }
            } catch (Exception e) {
                flush();
                int exit = CliSupport.report(err, "sub", e, profile);
                // -W ran out before the subscriptions were in place: a timeout, as with too few messages
                return deadline.passed() && exit == CliSupport.CONNECTION_FAILED ? CliSupport.TIMED_OUT : exit;
            }
            boolean finished = done.await(deadline.remainingMillis(Long.MAX_VALUE), TimeUnit.MILLISECONDS);
            flush();
            if (failed) {
                return CliSupport.CONNECTION_FAILED;
            }
            if (!finished && count != null) {
                err.println("mqscope sub: timed out after " + timeout + " s with " + received.get() + " of "
                        + count + " messages");
                err.flush();
                return CliSupport.TIMED_OUT;
            }
            return CliSupport.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CliSupport.CONNECTION_FAILED;
        } finally {
            CliSupport.close(session);
            try {
                printing.finish(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pcap.write(profile, showSecrets, err);
            flush();
        }
    }

    private void flush() {
        synchronized (outLock) {
            try {
                if (jsonOut != null) {
                    jsonOut.flush();
                }
            } catch (IOException e) {
                // stdout closed: nothing more to do
            }
            if (out != null) {
                out.flush();
            }
        }
    }

    /** Prints one item of {@link #printing}: a message or a packet. */
    private void print(Object item) {
        if (item instanceof MessageEvent m) {
            printMessage(m);
        } else {
            printPacket((PacketEvent) item);
        }
    }

    /** Writes {@code b} to the output; called under the output lock. */
    private void writeLine(StringBuilder b) {
        int n = b.length();
        if (lineChars.length < n) {
            lineChars = new char[Math.max(n, lineChars.length * 2)];
        }
        b.getChars(0, n, lineChars, 0);
        out.write(lineChars, 0, n);
    }

    private void printMessage(MessageEvent m) {
        synchronized (outLock) {
            if (json) {
                try {
                    jsonOut.writeMessage(-1, m, payloads.decoded(m));
                } catch (IOException e) {
                    done.countDown();
                }
                return;
            }
            StringBuilder b = line;
            b.setLength(0);
            if (verbose) {
                b.append(m.topic()).append(' ');
            }
            payloads.appendText(b, m);
            b.append('\n');
            writeLine(b);
        }
    }

    private void printPacket(PacketEvent e) {
        synchronized (outLock) {
            if (json) {
                try {
                    jsonOut.writePacket(e, showSecrets);
                } catch (IOException ex) {
                    done.countDown();
                }
                return;
            }
            DecodedPacket p = e.packet();
            StringBuilder b = line;
            b.setLength(0);
            b.append(e.direction() == Direction.CLIENT_TO_BROKER ? "--> " : "<-- ").append(p.type())
                    .append(" (").append(p.length()).append(" bytes, ").append(e.direction().peer())
                    .append(" to ").append(e.direction() == Direction.CLIENT_TO_BROKER ? "broker" : "client")
                    .append(")\n    ");
            byte[] raw = p.raw();
            Secrets.Span secret = showSecrets ? null : Secrets.password(p);
            for (int i = 0; i < raw.length; i++) {
                if (i > 0) {
                    b.append(i % 16 == 0 ? "\n    " : " ");
                }
                b.append(secret != null && secret.covers(i) ? Secrets.HIDDEN_HEX : HEX.toHexDigits(raw[i]));
            }
            b.append('\n');
            appendFields(b, p.fields(), "    ");
            for (Finding f : p.findings()) {
                b.append("    ! ").append(f.severity().jsonName()).append(' ').append(f.field()).append(" @")
                        .append(f.offset()).append('+').append(f.length()).append(": ")
                        .append(f.message(Language.locale()));
                if (f.spec() != null && !f.spec().isEmpty()) {
                    b.append(" [").append(f.spec()).append(']');
                }
                b.append('\n');
            }
            if (p.diagnosis() != null) {
                b.append("    diagnosis: ").append(p.diagnosis(Language.locale())).append('\n');
            }
            writeLine(b);
        }
    }

    private void appendFields(StringBuilder b, List<Field> fields, String indent) {
        for (Field f : fields) {
            Object value = !showSecrets && Secrets.isSecret(f) ? Secrets.hiddenValue(f) : f.value();
            b.append(indent).append(f.name()).append(" = ").append(value).append("  [").append(f.offset())
                    .append('+').append(f.length()).append("]\n");
            if (!f.children().isEmpty()) {
                appendFields(b, f.children(), indent + "  ");
            }
        }
    }

    private final class Listener implements SessionListener {
        private final PrintWriter err;

        Listener(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void onMessage(MessageEvent m) {
            if (m.outgoing()) {
                return;
            }
            long n = received.incrementAndGet();
            if (count != null && n > count) {
                return;
            }
            printing.add(m);
            if (count != null && n == count) {
                done.countDown();
            }
        }

        @Override
        public void onPacket(PacketEvent packet) {
            pcap.onPacket(packet);
            if (packets) {
                printing.add(packet);
            }
        }

        @Override
        public void onRelayRefused(String connectionId, String reason) {
            synchronized (outLock) {
                err.println("mqscope sub: relay: " + reason);
                err.flush();
            }
        }

        @Override
        public void onState(StateChange c) {
            if (c.state() == ConnectionState.CONNECTED && c.message() != null
                    && c.message().key().endsWith(".assigned")) {
                // the profile's client id was empty: the id an MQTT 5 broker chose is the one its logs name
                synchronized (outLock) {
                    err.println("mqscope sub: " + c.reason(Language.locale()));
                    err.flush();
                }
            }
            if (c.state() == ConnectionState.RECONNECTING) {
                synchronized (outLock) {
                    err.println("mqscope sub: " + c.state().name().toLowerCase(Locale.ROOT) + ": "
                            + (c.stage() == null ? "" : c.stage().label() + ": ")
                            + CliSupport.explained(c.failure(), c.reason(Language.locale()), c.state()));
                    err.flush();
                }
            }
            if (c.state() == ConnectionState.DISCONNECTED && c.message() != null
                    && !c.message().key().equals("state.disconnectedByUser")) {
                // connection lost and no reconnect configured
                synchronized (outLock) {
                    err.println("mqscope sub: disconnected: " + (c.stage() == null ? "" : c.stage().label() + ": ")
                            + CliSupport.explained(c.failure(), c.reason(Language.locale()), c.state()));
                    err.flush();
                }
                failed = true;
                done.countDown();
            }
        }
    }
}
