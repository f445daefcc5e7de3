package io.mqscope.payload;

import java.io.ByteArrayOutputStream;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Parses hex as people paste it: {@code de ad be ef}, {@code deadbeef}, {@code c0:00}, and the layouts tools print
 * (issue 14 item 2): Wireshark's "Copy as Hex Dump", {@code xxd}, {@code hexdump -C}, {@code od -A x -t x1},
 * {@code tcpdump -X} (the TCP payloads) and C/JS arrays ({@code 0x10, 0x1a}, {@code [16, 26]}). Offsets and ASCII
 * columns are dropped; an offset that does not follow the bytes before it, or an ASCII column that cannot be told
 * from the bytes, is an error with its position, never a silent misread. The dumps are read by {@link HexDump},
 * the arrays by {@link ByteArrayLiteral}; plain hex is read here.
 */
public final class HexParser {
    /** The layout a paste was read as. */
    public enum Layout {
        HEX("hex", "hex"),
        WIRESHARK("Wireshark hex dump", "Wireshark"),
        XXD("xxd", "xxd"),
        HEXDUMP_C("hexdump -C", "hexdump -C"),
        OD("od -A x -t x1", "od"),
        TCPDUMP("tcpdump -X (TCP payloads)", "tcpdump -X"),
        HEX_ARRAY("array of 0x bytes", "0x"),
        DECIMAL_ARRAY("array of decimal bytes", "[]");

        private final String label;
        /** The tool alone, as error messages in any language name it. */
        private final String tool;

        Layout(String label, String tool) {
            this.label = label;
            this.tool = tool;
        }

        /** How the CLI names it, e.g. "hexdump -C". */
        public String label() {
            return label;
        }

        String tool() {
            return tool;
        }
    }

    /** The bytes of a paste and the layout they were read from. */
    public record HexBytes(byte[] bytes, Layout layout) {
    }

    private static final String MESSAGES = "io.mqscope.payload.HexMessages";

    private HexParser() {
    }

    /** The bytes only; see {@link #read}. */
    public static ParseResult<byte[]> parse(String input) {
        ParseResult<HexBytes> r = read(input);
        return r.ok() ? ParseResult.ok(r.value().bytes()) : ParseResult.error(r.error(), r.position(), r.line(),
                r.column());
    }

    /** The bytes and the layout recognised; errors in English. */
    public static ParseResult<HexBytes> read(String input) {
        return read(input, Locale.ROOT);
    }

    /** As {@link #read(String)}, errors in {@code locale} (English or Simplified Chinese). */
    public static ParseResult<HexBytes> read(String input, Locale locale) {
        Layout dump = HexDump.layoutOf(input);
        if (dump != null) {
            return HexDump.read(input, dump, locale);
        }
        int open = ByteArrayLiteral.start(input);
        if (open >= 0 || ByteArrayLiteral.isBareList(input)) {
            return ByteArrayLiteral.read(input, open, locale);
        }
        return plain(input, locale);
    }

    private static ParseResult<HexBytes> plain(String input, Locale locale) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(input.length() / 2);
        int i = 0;
        int n = input.length();
        while (i < n) {
            char c = input.charAt(i);
            if (isSeparator(c)) {
                i++;
                continue;
            }
            if (c == '0' && i + 1 < n && (input.charAt(i + 1) == 'x' || input.charAt(i + 1) == 'X')) {
                i += 2;
                if (i >= n || digit(input.charAt(i)) < 0) {
                    return ParseResult.errorAt(input, i, i >= n ? msg(locale, "hex.0xAtEnd")
                            : msg(locale, "hex.after0x", shown(input, i), i + 1));
                }
                continue;
            }
            int hi = digit(c);
            if (hi < 0) {
                return ParseResult.errorAt(input, i, msg(locale, "hex.notDigit", shown(input, i), i + 1));
            }
            if (i + 1 >= n || isSeparator(input.charAt(i + 1))) {
                return ParseResult.errorAt(input, i, msg(locale, "hex.odd", c, i + 1));
            }
            int lo = digit(input.charAt(i + 1));
            if (lo < 0) {
                return ParseResult.errorAt(input, i + 1, msg(locale, "hex.notDigit", shown(input, i + 1), i + 2));
            }
            out.write(hi << 4 | lo);
            i += 2;
        }
        return ParseResult.ok(new HexBytes(out.toByteArray(), Layout.HEX));
    }

    /** A character as an error names it: {@code 'z'}, or {@code U+0007} for a control character. */
    private static String shown(String input, int i) {
        int cp = input.codePointAt(i);
        return Character.isISOControl(cp) ? String.format("U+%04X", cp) : "'" + new String(Character.toChars(cp)) + "'";
    }

    /**
     * An error from {@code HexMessages(_zh_CN).properties}. Arguments are formatted as written (a position 1024
     * stays "1024", not "1,024").
     */
    static String msg(Locale locale, String key, Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle(MESSAGES, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Object[] text = Arrays.stream(args).map(String::valueOf).toArray();
        return new MessageFormat(bundle.getString(key), locale).format(text);
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ':' || c == ',' || c == '-' || c == ';';
    }

    static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
