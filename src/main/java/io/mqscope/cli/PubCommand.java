package io.mqscope.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import io.mqscope.payload.ParseResult;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Profile.UserProperty;
import io.mqscope.session.MessageProperties;
import io.mqscope.payload.Placeholders;
import io.mqscope.payload.ProtoChoice;
import io.mqscope.session.Payloads;
import io.mqscope.session.PublishRequest;
import io.mqscope.session.Session;
import io.mqscope.session.SessionListener;
import io.mqscope.session.Sessions;
import io.mqscope.tap.PacketEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mqscope pub}: publish a message (text, JSON, hex, base64 or a file's bytes) through the packet tap. */
@Command(name = "pub", sortOptions = false)
public final class PubCommand implements Callable<Integer> {
    /** Publishes handed to the session before the command waits for the oldest (count and bytes). */
    private static final int MAX_IN_FLIGHT = 1000;
    private static final long WINDOW_BYTES = 16L << 20;

    @Spec
    CommandSpec spec;

    // not mixinStandardHelpOptions: its -V (version) would clash with -V (MQTT version), as in mosquitto_sub
    @Option(names = {"-h", "--help"}, usageHelp = true)
    boolean help;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    PcapExportOption pcap;

    @Option(names = {"-t", "--topic"}, required = true, paramLabel = "TOPIC")
    String topic;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = {"-m", "--message"}, paramLabel = "PAYLOAD")
        String message;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE")
        Path file;

        @Option(names = {"-n", "--null-message"})
        boolean empty;
    }

    @Option(names = "--format", paramLabel = "text|json|hex|base64|cbor|msgpack|protobuf|sparkplug")
    String format = "text";

    @picocli.CommandLine.Mixin
    ProtoOptions proto = new ProtoOptions();

    @Option(names = {"-q", "--qos"}, paramLabel = "0|1|2")
    int qos;

    @Option(names = {"-r", "--retain"})
    boolean retain;

    @Option(names = {"-C", "--count"}, paramLabel = "N")
    int count = 1;

    @Option(names = "--show-secrets")
    boolean showSecrets;

    @Option(names = "--interval", paramLabel = "MILLIS")
    long intervalMillis;

    @Option(names = "--content-type", paramLabel = "TYPE")
    String contentType;

    @Option(names = "--response-topic", paramLabel = "TOPIC")
    String responseTopic;

    @Option(names = "--correlation-data", paramLabel = "HEX")
    String correlationData;

    @Option(names = "--message-expiry", paramLabel = "SECONDS")
    Long messageExpiry;

    @Option(names = "--payload-format-indicator", paramLabel = "0|1")
    Integer payloadFormatIndicator;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ParseResult<Profile> pr = connection.toProfile("mqscope-pub");
        if (!pr.ok()) {
            return CliSupport.badInput(err, "pub", pr.error());
        }
        CliSupport.warnIfInsecure(err, pr.value());
        ParseResult<List<UserProperty>> ups = connection.parsedUserProperties();
        if (!ups.ok()) {
            return CliSupport.badInput(err, "pub", ups.error());
        }
        String badTopic = CliSupport.topicError("-t", topic, false);
        if (badTopic != null) {
            return CliSupport.badInput(err, "pub", badTopic);
        }
        if (messageExpiry != null && (messageExpiry < 0 || messageExpiry > 0xFFFFFFFFL)) {
            // a four-byte integer (5.0 §3.3.2.3.3)
            return CliSupport.badInput(err, "pub", "--message-expiry must be 0..4294967295 s, not " + messageExpiry);
        }
        if (payloadFormatIndicator != null && payloadFormatIndicator != 0 && payloadFormatIndicator != 1) {
            return CliSupport.badInput(err, "pub", "--payload-format-indicator must be 0 or 1, not "
                    + payloadFormatIndicator);
        }
        if (qos < 0 || qos > 2) {
            return CliSupport.badInput(err, "pub", "--qos must be 0, 1 or 2, not " + qos);
        }
        if (count < 1) {
            return CliSupport.badInput(err, "pub", "--count must be positive, not " + count);
        }
        byte[] payload;
        Placeholders topicText = null;
        Placeholders messageText = null;
        ProtoChoice choice = null;
        if (source.message != null && (Placeholders.present(topic) || Placeholders.present(source.message))) {
            // {{seq}}, {{timestamp}}, ... are filled per message; the first one is checked before connecting
            ParseResult<Placeholders> t = Placeholders.compile(topic);
            ParseResult<Placeholders> m = Placeholders.compile(source.message);
            if (!t.ok() || !m.ok()) {
                return CliSupport.badInput(err, "pub", t.ok() ? "-m: " + m.error() : "-t: " + t.error());
            }
            topicText = t.value();
            messageText = m.value();
        }
        if (source.file != null) {
            try {
                payload = Files.readAllBytes(source.file);
            } catch (IOException e) {
                return CliSupport.badInput(err, "pub", "--file " + source.file + ": cannot read it: "
                        + CliSupport.whyUnreadable(e));
            }
        } else if (source.empty) {
            payload = new byte[0];
        } else {
            if ("protobuf".equals(format.toLowerCase(Locale.ROOT))) {
                ParseResult<ProtoChoice> c = proto.choice();
                if (!c.ok()) {
                    return CliSupport.badInput(err, "pub", c.error());
                }
                choice = c.value();
            }
            String first = messageText == null ? source.message : messageText.render(1, Instant.now(), random());
            ParseResult<byte[]> p = Payloads.parse(first, format, choice);
            if (!p.ok()) {
                // JSON-based formats' errors carry their position beside the message rather than in it
                boolean proto = List.of("protobuf", "sparkplug", "cbor", "msgpack")
                        .contains(format.toLowerCase(Locale.ROOT));
                String where = proto && p.line() > 0 ? "line " + p.line() + ", column " + p.column() + ": " : "";
                return CliSupport.badInput(err, "pub", "-m (" + format + "): " + where + p.error());
            }
            if ("json".equals(format.toLowerCase(Locale.ROOT))) {
                String bad = checkJson(first);
                if (bad != null) {
                    return CliSupport.badInput(err, "pub", "-m (json): " + bad);
                }
            }
            payload = p.value();
        }
        byte[] correlation = null;
        if (correlationData != null) {
            ParseResult<byte[]> c = Payloads.parse(correlationData, "hex");
            if (!c.ok()) {
                return CliSupport.badInput(err, "pub", "--correlation-data: " + c.error());
            }
            correlation = c.value();
        }
        MessageProperties props = new MessageProperties(
                payloadFormatIndicator == null ? null : payloadFormatIndicator == 1, messageExpiry, null,
                responseTopic, correlation, contentType, ups.value(), null);
        if (pcap.problem() != null) {
            return CliSupport.badInput(err, "pub", pcap.problem());
        }
        Profile profile = pr.value().toBuilder().reconnect(new Profile.Reconnect(false, 1000, 1000)).build();
        Session session = Sessions.open(profile, new SessionListener() {
            @Override
            public void onPacket(PacketEvent packet) {
                pcap.onPacket(packet);
            }

            @Override
            public void onRelayRefused(String connectionId, String reason) {
                synchronized (err) {
                    err.println("mqscope pub: relay: " + reason);
                    err.flush();
                }
            }
        });
        try {
            try {
                CliSupport.Deadline none = CliSupport.Deadline.after(null);
                double ack = connection.ackTimeout;
                // the session gives up on its own after the connect timeout + 3 s; 2 s more is a backstop
                none.await(session.connect(), profile.connectTimeoutSeconds() + 5.0, profile.connectTimeoutSeconds(),
                        "--connect-timeout", "no CONNACK");
                String unanswered = (qos == 0 ? "the publish to '" + topic + "' was not sent"
                        : "no " + (qos == 1 ? "PUBACK" : "PUBREC/PUBCOMP") + " for the publish to '" + topic + "'");
                // a bounded window of publishes in flight: the session refuses more than it can queue
                java.util.ArrayDeque<CompletableFuture<Void>> pending = new java.util.ArrayDeque<>();
                long window = Math.max(1, Math.min(MAX_IN_FLIGHT, WINDOW_BYTES / (payload.length + 256L)));
                for (int i = 0; i < count; i++) {
                    if (pending.size() >= window) {
                        none.await(pending.poll(), ack, ack, "--ack-timeout", unanswered);
                    }
                    PublishRequest request = new PublishRequest(topic, payload, qos, retain, props);
                    if (messageText != null) {
                        Instant now = Instant.now();
                        ParseResult<byte[]> p = Payloads.parse(messageText.render(i + 1, now, random()), format,
                                choice);
                        if (!p.ok()) {
                            return CliSupport.badInput(err, "pub", "-m (" + format + "), message " + (i + 1) + ": "
                                    + p.error());
                        }
                        request = new PublishRequest(topicText.render(i + 1, now, random()), p.value(), qos, retain,
                                props);
                    }
                    pending.add(session.publish(request));
                    if (intervalMillis > 0 && i + 1 < count) {
                        Thread.sleep(intervalMillis);
                    }
                }
                for (CompletableFuture<Void> p : pending) {
                    none.await(p, ack, ack, "--ack-timeout", unanswered);
                }
                none.await(session.disconnect(), ack, ack, "--ack-timeout", "the DISCONNECT was not sent");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CliSupport.CONNECTION_FAILED;
            } catch (Exception e) {
                return CliSupport.report(err, "pub", e, profile);
            }
        } finally {
            CliSupport.close(session);
            pcap.write(profile, showSecrets, err);
        }
        return CliSupport.OK;
    }

    /** Null when {@code text} is one JSON value; else the error with line and column. */
    private static String checkJson(String text) {
        try (JsonParser p = new JsonFactory().createParser(text.getBytes(StandardCharsets.UTF_8))) {
            if (p.nextToken() == null) {
                return "empty JSON";
            }
            p.skipChildren();
            if (p.nextToken() != null) {
                var loc = p.currentLocation();
                return "extra content after the JSON value at line " + loc.getLineNr() + ", column "
                        + loc.getColumnNr();
            }
            return null;
        } catch (JsonParseException e) {
            var loc = e.getLocation();
            return e.getOriginalMessage() + " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    /** The random numbers of {{random:min:max}}, for the calling thread. */
    private static java.util.random.RandomGenerator random() {
        return java.util.concurrent.ThreadLocalRandom.current();
    }
}
