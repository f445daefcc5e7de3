package io.mqscope.ui.tree;

import io.mqscope.payload.PayloadCodec;
import io.mqscope.payload.TextCharset;
import io.mqscope.session.MessageEvent;
import io.mqscope.ui.I18n;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a tree row says about its node, in the UI's language: the level's name, the counts, the newest payload on one
 * line, how long ago the subtree last had a message, and the rate of a busy node. Made by a cell when it is laid
 * out (only rows on screen), from the node's counts as they are now.
 */
public final class NodeText {
    /** Characters of payload shown in a row. */
    static final int PREVIEW = 80;
    /** Bytes looked at to tell text from binary. */
    static final int SNIFF = 256;
    /** A node is "busy", and shows its rate, from this many messages per second. */
    static final double BUSY = 1.0;

    private NodeText() {
    }

    /** The level as shown: an empty level ("a//b", "/a") gets a word, since it has no characters. */
    public static String name(TopicNode n) {
        return n.name().isEmpty() ? I18n.t("topics.emptyLevel") : n.name();
    }

    /** "12 msgs" for a topic without children; "3 topics, 120 msgs" for an inner node. */
    public static String counts(TopicNode n) {
        return n.childCount() == 0 ? I18n.t("topics.count.topic", n.total())
                : I18n.t("topics.count.subtree", n.topicsBelow(), n.total());
    }

    /** The node's own newest payload on one line ("" for an inner node without messages of its own). */
    public static String preview(TopicNode n) {
        MessageEvent m = n.last();
        return m == null ? "" : preview(m.payload());
    }

    static String preview(byte[] p) {
        if (p.length == 0) {
            return I18n.t("topics.emptyPayload");
        }
        byte[] head = p.length > SNIFF ? Arrays.copyOf(p, SNIFF) : p;
        if (!PayloadCodec.isText(head, TextCharset.UTF_8)) {
            int n = Math.min(p.length, 16);
            return PayloadCodec.hex(p, 0, n) + (p.length > n ? " …" : "");
        }
        String s = new String(p, 0, Math.min(p.length, PREVIEW * 4), StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(Math.min(s.length(), PREVIEW + 1));
        for (int i = 0; i < s.length() && sb.length() < PREVIEW; i++) {
            char c = s.charAt(i);
            sb.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : Character.isISOControl(c) ? '·' : c);
        }
        if (s.length() > PREVIEW || p.length > PREVIEW * 4) {
            sb.append('…');
        }
        return sb.toString();
    }

    /** "QoS 1" and "R" (retained) of the node's own newest message; "" when it has none. */
    public static String marks(TopicNode n) {
        MessageEvent m = n.last();
        if (m == null) {
            return n.retainedBelow() > 0 ? I18n.t("topics.retainedBelow", n.retainedBelow()) : "";
        }
        String q = "QoS " + m.qos();
        return n.retained() ? q + " · R" : q;
    }

    /** How long ago the subtree's newest message arrived, coarsely: "now", "12 s", "5 min", "3 h". */
    public static String age(TopicNode n, long nowNanos) {
        if (n.lastNanos() == 0) {
            return "";
        }
        long s = Math.max(0, (nowNanos - n.lastNanos()) / 1_000_000_000L);
        if (s < 1) {
            return I18n.t("topics.age.now");
        }
        if (s < 60) {
            return I18n.t("topics.age.seconds", s);
        }
        if (s < 3600) {
            return I18n.t("topics.age.minutes", s / 60);
        }
        return I18n.t("topics.age.hours", s / 3600);
    }

    /** "120/s" for a busy node, "" for a quiet one. */
    public static String rate(TopicNode n) {
        return n.rate() >= BUSY ? I18n.t("topics.rate", Math.round(n.rate())) : "";
    }
}
