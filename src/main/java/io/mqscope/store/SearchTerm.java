package io.mqscope.store;

import io.mqscope.session.MessageEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the search box holds: text, matched case-insensitively in the topic and in the payload read as UTF-8, and,
 * when it reads as hex bytes ({@code de ad be ef}), those bytes anywhere in the payload. A message matches when
 * either does. The database search ({@link HistoryReader}) and the live list use the same rule.
 *
 * @param text  the text as typed, trimmed; empty matches everything
 * @param bytes the bytes the text spells in hex, or null when it does not read as hex
 */
public record SearchTerm(String text, byte[] bytes) {
    /** Two or more hex pairs separated by spaces (one pair alone is too often a word: "be", "ad"). */
    private static final Pattern HEX = Pattern.compile("(?i)(0x)?[0-9a-f]{2}(\\s+[0-9a-f]{2})+|(?i)0x([0-9a-f]{2})+");

    public static final SearchTerm NONE = new SearchTerm("", null);

    public static SearchTerm parse(String typed) {
        String t = typed == null ? "" : typed.strip();
        if (t.isEmpty()) {
            return NONE;
        }
        byte[] b = null;
        if (HEX.matcher(t).matches()) {
            String digits = t.replaceFirst("(?i)^0x", "").replaceAll("\\s+", "");
            b = HexFormat.of().parseHex(digits);
        }
        return new SearchTerm(t, b);
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }

    public String lowerText() {
        return text.toLowerCase(Locale.ROOT);
    }

    public boolean matches(MessageEvent m) {
        if (isEmpty()) {
            return true;
        }
        String q = lowerText();
        if (m.topic().toLowerCase(Locale.ROOT).contains(q)) {
            return true;
        }
        byte[] p = m.payload();
        if (bytes != null && indexOf(p, bytes, 0) >= 0) {
            return true;
        }
        return new String(p, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).contains(q);
    }

    /**
     * Where the term occurs in {@code shown} (a text the user sees: a payload rendered as text or hex, a topic), as
     * [start, end) pairs, case-insensitively. A hex term is found in a hex rendering as typed, spaces and all.
     */
    public List<int[]> spans(String shown) {
        List<int[]> out = new ArrayList<>();
        if (isEmpty() || shown == null || shown.isEmpty()) {
            return out;
        }
        String hay = shown.toLowerCase(Locale.ROOT);
        String q = lowerText();
        if (hay.length() != shown.length()) {
            return out; // lower-casing changed lengths (rare scripts): no positions rather than wrong ones
        }
        for (int i = hay.indexOf(q); i >= 0; i = hay.indexOf(q, i + q.length())) {
            out.add(new int[] {i, i + q.length()});
        }
        return out;
    }

    /**
     * A character the index narrows a search by (HistoryReader): not a control character and not U+FFFD, what
     * invalid UTF-8 reads as. Surrogates count as text.
     */
    static boolean isText(char c) {
        return c != '\uFFFD' && !Character.isISOControl(c);
    }

    /** The first index of {@code needle} in {@code hay} at or after {@code from}, or -1. */
    static int indexOf(byte[] hay, byte[] needle, int from) {
        if (needle.length == 0) {
            return from;
        }
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SearchTerm s && s.text.equals(text) && java.util.Arrays.equals(s.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return "SearchTerm[" + text + "]";
    }
}
