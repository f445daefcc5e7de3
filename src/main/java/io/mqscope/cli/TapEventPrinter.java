package io.mqscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.mqscope.doctor.Insight;
import io.mqscope.doctor.PacketRef;
import io.mqscope.session.Failure;
import io.mqscope.session.TapFailures;
import io.mqscope.store.PacketJson;
import io.mqscope.tap.TapEvent;
import io.mqscope.tap.Verdicts;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.Field;
import io.mqscope.wire.Finding;
import io.mqscope.wire.FieldName;
import io.mqscope.wire.PacketType;
import io.mqscope.wire.Secrets;
import io.mqscope.wire.Severity;
import io.mqscope.wire.Summary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How {@code mqscope tap} prints its events: one readable line each, prefixed by the connection, or one JSON object
 * per line ({@code open}, {@code http}, {@code ws}, {@code packet}, {@code close}). CONNECT passwords are masked
 * unless secrets are shown, in the packet and in the WebSocket messages that carried it. Used from one thread.
 */
final class TapEventPrinter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HEX_SHOWN = 32;
    private static final int HELD_MAX = 64;

    private final boolean json;
    private final boolean showSecrets;
    private final Verdicts words;
    private final Locale locale;
    /** Words a broker-side failure as {@code mqscope check} does; null to keep the tap's own verdicts. */
    private final TapFailures failures;
    /** The check's verdict of the connection whose close event is being printed, else null. */
    private Failure failure;
    /** Client WebSocket messages waiting for the connection's first client packet (see {@link #print}). */
    private final Map<String, List<TapEvent.WebSocketMessage>> held = new HashMap<>();
    private final Set<String> released = new HashSet<>();
    private long maskFrom = -1;
    private long maskTo = -1;

    TapEventPrinter(boolean json, boolean showSecrets, Verdicts words) {
        this(json, showSecrets, words, Locale.ENGLISH, null);
    }

    /** @param failures the broker-side verdicts, worded in {@code locale} as {@code mqscope check} does */
    TapEventPrinter(boolean json, boolean showSecrets, Verdicts words, Locale locale, TapFailures failures) {
        this.json = json;
        this.showSecrets = showSecrets;
        this.words = words;
        this.locale = locale;
        this.failures = failures;
    }

    /**
     * Prints an event; the client's WebSocket messages wait until its first packet is framed, so that the bytes
     * of a CONNECT password can be masked in them too (a CONNECT is small; at most {@value #HELD_MAX} wait).
     */
    void print(TapEvent e, PrintWriter out) {
        // the verdict the tap's listener (TapFailures.probing) worked out before the event was queued
        failure = failures != null && e instanceof TapEvent.Closed c ? failures.verdictOf(c) : null;
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

    /**
     * Prints what the conversation doctor found: {@code {"event":"insight",...}} or a readable line prefixed by the
     * connections, then the fix.
     */
    void print(Insight i, PrintWriter out) {
        if (json) {
            out.println(insightJson(i, locale).toString());
        } else {
            out.println(insightText(i, locale));
            out.println("  " + Failure.text(locale, "failure.fix", i.fix(locale)));
        }
    }

    static ObjectNode insightJson(Insight i, Locale locale) {
        ObjectNode o = JSON.createObjectNode();
        o.put("event", "insight").put("rule", i.rule().id()).put("severity", i.severity().jsonName());
        ArrayNode conns = o.putArray("conns");
        i.conns().forEach(conns::add);
        ArrayNode packets = o.putArray("packets");
        for (PacketRef r : i.packets()) {
            packets.addObject().put("conn", r.conn()).put("from", from(r.from())).put("index", r.index());
        }
        o.put("message", i.message(locale)).put("fix", i.fix(locale));
        return o;
    }

    static String insightText(Insight i, Locale locale) {
        return String.join(",", i.conns()) + " insight " + i.severity().jsonName() + " " + i.rule().id() + ": "
                + i.message(locale);
    }

    private void release(String conn, DecodedPacket first, PrintWriter out) {
        released.add(conn);
        List<TapEvent.WebSocketMessage> waiting = held.remove(conn);
        if (waiting == null) {
            return;
        }
        Secrets.Span pw = first == null ? null : Secrets.password(first);
        for (TapEvent.WebSocketMessage w : waiting) {
            if (pw == null) {
                render(w, out);
            } else {
                maskFrom = first.offset() + pw.from();
                maskTo = first.offset() + pw.to();
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
            sb.append(at >= maskFrom && at < maskTo ? Secrets.HIDDEN_HEX : String.format("%02x", w.bytes()[i] & 0xff));
        }
        return sb.toString();
    }

    private void render(TapEvent e, PrintWriter out) {
        if (json) {
            ObjectNode o = toJson(e);
            if (o != null) {
                out.println(o.toString());
            }
        } else if (e instanceof TapEvent.Packet x) {
            StringBuilder line = new StringBuilder(x.conn()).append(' ');
            List<String> more = new ArrayList<>(0);
            packetLines(x, line, more);
            out.println(line);
            for (String l : more) {
                out.println(x.conn() + " " + l);
            }
        } else {
            for (String l : text(e)) {
                out.println(e.conn() + " " + l);
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
            o.setAll(packetObject(p, showSecrets)); // the packet object of decode --json, password hidden there
            if (x.afterBrokerClosed()) {
                o.put("after_broker_closed", true);
            }
            if (x.repairedForwarded()) {
                o.put("repaired_hex", Secrets.hex(p.repaired(), showSecrets ? null : Secrets.passwordInRepair(p), ""));
            }
        } else if (e instanceof TapEvent.Closed x) {
            o.put("event", "close").put("conn", x.conn()).put("by", x.by());
            if (x.code() == null) {
                o.putNull("code");
            } else {
                o.put("code", x.code());
            }
            o.put("reason", x.reason());
            if (failure != null) {
                // the check's verdict: {"stage","cause","fix"} as in check --json, and both in the one line
                o.put("verdict", failure.cause(locale) + " " + Failure.text(locale, "failure.fix",
                        failure.fix(locale)));
                o.putObject("failure").put("stage", failure.stage().label()).put("cause", failure.cause(locale))
                        .put("fix", failure.fix(locale));
            } else {
                o.put("verdict", x.verdict());
            }
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

    /** The lines of an event other than a packet ({@link #render} builds a packet's line with the connection's id). */
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
        } else if (e instanceof TapEvent.StreamFinding x) {
            lines.add(arrow(x.from()) + " stream " + mark(x.finding()) + " " + x.finding().field() + ": "
                    + x.finding().message(locale));
        } else if (e instanceof TapEvent.Closed x) {
            StringBuilder sb = new StringBuilder(words.text("line.closed", words.text("side." + x.by())));
            if (x.code() != null) {
                sb.append(words.text("line.ws_close", x.code(),
                        x.reason() != null && !x.reason().isEmpty() ? " \"" + x.reason() + "\"" : ""));
            }
            sb.append(words.text(x.reset() ? "line.tcp_reset" : "line.tcp_fin"));
            if (x.sinceLastPacketMillis() >= 0) {
                sb.append(words.text("line.after_last", x.sinceLastPacketMillis()));
            }
            lines.add(sb.toString());
            if (x.repairedPackets() > 0) {
                lines.add(words.text("note.repaired", x.repairedPackets()));
            }
            if (failure != null) {
                lines.add("verdict: " + failure.stage().label() + ": " + failure.cause(locale));
                lines.add("  " + Failure.text(locale, "failure.fix", failure.fix(locale)));
            } else if (x.verdict() != null) {
                lines.add("verdict: " + x.verdict());
            }
        }
        return lines;
    }

    /** A packet's line into {@code sb}, and what more it says (diagnosis, notes) into {@code lines}. */
    private void packetLines(TapEvent.Packet x, StringBuilder sb, List<String> lines) {
        DecodedPacket p = x.packet();
        Finding top = null;
        for (Finding f : p.findings()) {
            if (f.severity() != Severity.INFO && (top == null || f.severity().ordinal() < top.severity().ordinal())) {
                top = f;
            }
        }
        sb.append(arrow(x.from())).append(' ').append(p.type().name()).append(" #")
                .append(p.index()).append(' ').append(p.length()).append(p.length() == 1 ? " byte " : " bytes ");
        if (top == null) {
            sb.append("✓ ").append(Summary.of(p));
            Field pw = p.type() == PacketType.CONNECT ? Field.find(p.fields(), FieldName.PASSWORD) : null;
            if (pw != null) {
                sb.append(", password ").append(showSecrets ? quoted(p, pw) : Secrets.hiddenValue(pw));
            }
        } else {
            sb.append("✗ ").append(top.field()).append(": ").append(top.message(Language.locale()));
        }
        if (p.diagnosis() != null) {
            lines.add("  diagnosis: " + p.diagnosis(Language.locale()));
        }
        if (x.afterBrokerClosed()) {
            lines.add("  " + words.text("note.after_broker_closed"));
        }
        if (x.repairedForwarded()) {
            lines.add("  " + words.text("note.repaired", 1) + ": " + Secrets.hex(p.repaired(),
                    showSecrets ? null : Secrets.passwordInRepair(p), " "));
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

    /** The packet in the one JSON form {@link PacketJson} writes for decode --json, as a tree to add keys to. */
    private static ObjectNode packetObject(DecodedPacket p, boolean showSecrets) {
        try (TokenBuffer buf = new TokenBuffer(JSON, false)) {
            PacketJson.writePacket(buf, p, showSecrets);
            return (ObjectNode) JSON.readTree(buf.asParser());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
