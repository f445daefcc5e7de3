package io.mqscope.payload;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Strict text decoding, for views that must not hide bytes behind U+FFFD: where the first byte sequence that is not
 * valid in a charset starts.
 */
public final class TextDecoding {
    private TextDecoding() {
    }

    /**
     * The byte offset of the first malformed or unmappable sequence of {@code bytes} in {@code charset}, or -1 when
     * all of them decode. With {@code complete} false the bytes are a cut prefix (a view showing the first part
     * only), and a sequence left incomplete at their end is not counted as an error.
     */
    public static int malformedAt(byte[] bytes, TextCharset charset, boolean complete) {
        CharsetDecoder d = charset.charset().newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(4096);
        while (true) {
            CoderResult r = d.decode(in, out, complete);
            if (r.isError()) {
                return in.position();
            }
            if (r.isOverflow()) {
                out.clear();
                continue;
            }
            break; // underflow: all input taken (or an incomplete sequence at the end of a cut prefix)
        }
        if (complete) {
            CoderResult r = d.flush(out);
            if (r.isError()) {
                return in.position();
            }
        }
        return -1;
    }

    /**
     * {@code text} in {@code charset}, or an error at the first character the charset cannot write (a silent '?' in
     * its place would publish other bytes than the ones typed).
     */
    public static ParseResult<byte[]> encode(String text, TextCharset charset) {
        CharsetEncoder e = charset.charset().newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer in = CharBuffer.wrap(text);
        try {
            ByteBuffer out = e.encode(in);
            byte[] bytes = new byte[out.remaining()];
            out.get(bytes);
            return ParseResult.ok(bytes);
        } catch (CharacterCodingException ex) {
            int at = in.position();
            return ParseResult.errorAt(text, at, PayloadText.get("text.unmappable",
                    text.substring(at, Math.min(text.length(), at + Character.charCount(text.codePointAt(at)))),
                    charset.name()));
        }
    }
}
