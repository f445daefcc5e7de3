package io.mqscope.ui.messages;

import io.mqscope.payload.PayloadCodec;
import io.mqscope.payload.TextCharset;
import io.mqscope.profile.Profile.UserProperty;
import io.mqscope.session.MessageEvent;
import io.mqscope.session.MessageProperties;
import io.mqscope.ui.I18n;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One message as the lists show it, formatted once when it enters the visible window, so cells only set text (a
 * cell is updated again on every refresh and scroll; formatting there would repeat the work for each).
 *
 * @param time        local time of receipt, to the millisecond
 * @param arrow       → outgoing, ← incoming
 * @param flags       "R" retained, "D" duplicate
 * @param preview     the table's payload column: text, one line, at most {@link #TABLE_PREVIEW} characters
 * @param bubbleBody  the bubble's payload line: text when the payload looks like text, else hex
 * @param bubbleFoot  time, QoS, flags and size under the bubble
 * @param restored    a message of an earlier run, put back from the history: its time is marked ↺ and the lists
 *                    grey it (like restored packets)
 */
public record MessageRow(MessageEvent event, String time, String arrow, String flags, String size, String preview,
                         String bubbleBody, String bubbleFoot, boolean restored) {
    /** Marks the time of a restored message, as the Packets table marks a restored packet's. */
    static final String RESTORED_MARK = "↺ ";
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    static final int TABLE_PREVIEW = 120;
    static final int BUBBLE_PREVIEW = 160;
    static final int BUBBLE_HEX_BYTES = 48;
    /** Enough bytes to tell text from binary without scanning a large payload. */
    static final int SNIFF_BYTES = 600;

    public static MessageRow of(MessageEvent m) {
        return of(m, false);
    }

    public static MessageRow of(MessageEvent m, boolean restored) {
        byte[] p = m.payload();
        String time = (restored ? RESTORED_MARK : "") + TIME.format(m.time());
        String flags = flags(m);
        String size = I18n.t("messages.bytes", p.length);
        boolean text = PayloadCodec.isText(p.length > SNIFF_BYTES ? Arrays.copyOf(p, SNIFF_BYTES) : p,
                TextCharset.UTF_8);
        return new MessageRow(m, time, m.outgoing() ? "→" : "←", flags, Integer.toString(p.length),
                preview(p, TABLE_PREVIEW), text ? preview(p, BUBBLE_PREVIEW) : hexPreview(p, BUBBLE_HEX_BYTES),
                time + "  QoS " + m.qos() + (flags.isEmpty() ? "" : "  " + flags) + "  " + size, restored);
    }

    /**
     * The payload viewer's header: direction, topic, QoS, flags, size, time and the MQTT 5 properties. Made when a
     * message is selected, not for every row: under a flood most rows are never looked at.
     */
    public String description() {
        return describe(event);
    }

    static String flags(MessageEvent m) {
        List<String> f = new ArrayList<>();
        if (m.retain()) {
            f.add("R");
        }
        if (m.dup()) {
            f.add("D");
        }
        return String.join(" ", f);
    }

    /** The first {@code max} characters on one line: line breaks as spaces, other control characters as dots. */
    static String preview(byte[] payload, int max) {
        // a character is at most 4 bytes in UTF-8
        int n = Math.min(payload.length, max * 4);
        String s = new String(payload, 0, n, StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < max; i++) {
            char c = s.charAt(i);
            sb.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : Character.isISOControl(c) ? '·' : c);
        }
        if (payload.length > n || s.length() > max) {
            sb.append('…');
        }
        return sb.toString();
    }

    static String hexPreview(byte[] payload, int max) {
        int n = Math.min(payload.length, max);
        return PayloadCodec.hex(payload, 0, n) + (payload.length > n ? " …" : "");
    }

    static String describe(MessageEvent m) {
        StringBuilder sb = new StringBuilder();
        sb.append(I18n.t(m.outgoing() ? "messages.outgoing" : "messages.incoming")).append("  ")
                .append(m.topic()).append("  QoS ").append(m.qos());
        if (m.retain()) {
            sb.append("  ").append(I18n.t("messages.retained"));
        }
        if (m.dup()) {
            sb.append("  DUP");
        }
        sb.append("  ").append(I18n.t("messages.bytes", m.payload().length)).append("  ")
                .append(TIME.format(m.time()));
        MessageProperties p = m.properties();
        if (p != null) {
            describe(p, sb);
        }
        return sb.toString();
    }

    /** The MQTT 5 PUBLISH properties (5.0 §3.3.2.3), one per line, named as the spec names them. */
    private static void describe(MessageProperties p, StringBuilder sb) {
        if (p.contentType() != null) {
            sb.append("\ncontent-type: ").append(p.contentType());
        }
        if (p.payloadIsUtf8() != null) {
            sb.append("\npayload-format: ").append(p.payloadIsUtf8() ? "utf-8" : "bytes");
        }
        if (p.messageExpirySeconds() != null) {
            sb.append("\nmessage-expiry: ").append(p.messageExpirySeconds()).append(" s");
        }
        if (p.responseTopic() != null) {
            sb.append("\nresponse-topic: ").append(p.responseTopic());
        }
        if (p.correlationData() != null) {
            sb.append("\ncorrelation-data: ").append(PayloadCodec.hex(p.correlationData(), 0,
                    p.correlationData().length));
        }
        if (p.topicAlias() != null) {
            sb.append("\ntopic-alias: ").append(p.topicAlias());
        }
        if (!p.subscriptionIdentifiers().isEmpty()) {
            sb.append("\nsubscription-identifiers: ").append(p.subscriptionIdentifiers());
        }
        for (UserProperty u : p.userProperties()) {
            sb.append("\nuser-property: ").append(u.name()).append(" = ").append(u.value());
        }
    }
}
