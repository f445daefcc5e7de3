package io.mqscope.payload.diff;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqscope.payload.PayloadCodec;
import io.mqscope.payload.TextCharset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The difference between two payloads, chosen by what they are: both JSON gives a structural diff, both text a line
 * diff, anything else a byte diff in hex. Always from the original bytes; pure, so the app runs it off the FX thread
 * and tests call it directly.
 *
 * @param json      the structural diff (JSON mode only)
 * @param lines     the line diff (TEXT) or the hex rows (HEX); empty for JSON
 * @param added     JSON: members added; TEXT: lines added; HEX: bytes added
 * @param removed   the same, removed
 * @param changed   JSON: values changed; 0 otherwise (a changed line is one removed and one added)
 * @param truncated a side was longer than what is compared ({@link TextDiff#MAX_LINES}, {@link HexDiff#MAX_BYTES},
 *                  {@link JsonDiff#MAX_LEAVES})
 */
public record PayloadDiff(Mode mode, JsonDiff.Result json, List<DiffLine> lines, int added, int removed,
                          int changed, boolean truncated) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public enum Mode { JSON, TEXT, HEX }

    public PayloadDiff {
        lines = List.copyOf(lines);
    }

    /** True when the two payloads are the same bytes. */
    public boolean identical() {
        return added == 0 && removed == 0 && changed == 0;
    }

    public static PayloadDiff compare(byte[] before, byte[] after) {
        boolean text = PayloadCodec.isText(before, TextCharset.UTF_8) && PayloadCodec.isText(after, TextCharset.UTF_8);
        if (text) {
            JsonNode a = json(before);
            JsonNode b = a == null ? null : json(after);
            if (b != null) {
                JsonDiff.Result r = JsonDiff.diff(a, b);
                return new PayloadDiff(Mode.JSON, r, List.of(), r.added(), r.removed(), r.changed(), r.truncated());
            }
            String s = new String(before, StandardCharsets.UTF_8);
            String t = new String(after, StandardCharsets.UTF_8);
            List<DiffLine> lines = TextDiff.lines(s, t);
            int added = (int) lines.stream().filter(l -> l.kind() == DiffKind.ADDED).count();
            int removed = (int) lines.stream().filter(l -> l.kind() == DiffKind.REMOVED).count();
            boolean cut = TextDiff.split(s).size() == TextDiff.MAX_LINES
                    || TextDiff.split(t).size() == TextDiff.MAX_LINES;
            return new PayloadDiff(Mode.TEXT, null, lines, added, removed, 0, cut);
        }
        HexDiff.Result r = HexDiff.diff(before, after);
        return new PayloadDiff(Mode.HEX, null, r.rows(), r.added(), r.removed(), 0,
                before.length > HexDiff.MAX_BYTES || after.length > HexDiff.MAX_BYTES);
    }

    /** The payload as one JSON value, or null (empty, not JSON, or a value followed by more). */
    private static JsonNode json(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(bytes);
            return n == null || n.isMissingNode() ? null : n;
        } catch (IOException e) {
            return null;
        }
    }
}
