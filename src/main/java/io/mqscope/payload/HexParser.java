package io.mqscope.payload;

import java.io.ByteArrayOutputStream;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses hex as people paste it: {@code de ad be ef}, {@code deadbeef}, {@code c0:00}, and the layouts tools print
 * (issue 14 item 2): Wireshark's "Copy as Hex Dump", {@code xxd}, {@code hexdump -C}, {@code od -A x -t x1},
 * {@code tcpdump -X} (the TCP payloads) and C/JS arrays ({@code 0x10, 0x1a}, {@code [16, 26]}). Offsets and ASCII
 * columns are dropped; an offset that does not follow the bytes before it, or an ASCII column that cannot be told
 * from the bytes, is an error with its position, never a silent misread.
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
    }

    /** The bytes of a paste and the layout they were read from. */
    public record HexBytes(byte[] bytes, Layout layout) {
    }

    /** An offset at a line start: tcpdump {@code \t0x0010:}, xxd {@code 00000010:}, od, hexdump, Wireshark. */
    private static final Pattern OFFSET = Pattern.compile("^([ \\t]*)(0x)?([0-9a-fA-F]{4,8})(:?)(?=[ \\t]|$)");
    private static final String MESSAGES = "io.mqscope.payload.HexMessages";
    private static final Pattern ARRAY_ELEMENT = Pattern.compile("[^\\s,]+");

    private static final Pattern TOKEN = Pattern.compile("[^\\s,;]+");

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
        Layout dump = dumpLayout(input);
        if (dump != null) {
            return new Dump(input, dump, locale).parse();
        }
        int open = arrayStart(input);
        if (open >= 0) {
            return array(input, open, locale);
        }
        if (!input.isBlank() && everyTokenIs0x(input)) {
            return array(input, -1, locale);
        }
        return plain(input, locale);
    }

    /** The first '[' or '{' with something inside ({@code buf[]} in a C declaration is not the array). */
    private static int arrayStart(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[' || c == '{') {
                int close = s.indexOf(c == '[' ? ']' : '}', i + 1);
                if (close < 0 || !s.substring(i + 1, close).isBlank()) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Whether every token (between white space, commas and semicolons) starts with 0x; reads without copying. */
    private static boolean everyTokenIs0x(String input) {
        Matcher t = TOKEN.matcher(input);
        while (t.find()) {
            int at = t.start();
            if (t.end() - at < 2 || input.charAt(at) != '0' || (input.charAt(at + 1) | 0x20) != 'x') {
                return false;
            }
        }
        return true;
    }

    /** The layout the first non-blank line announces, or null for plain hex. */
    private static Layout dumpLayout(String input) {
        // lines() is lazy: a 10 MB paste is not copied line by line to find its first line
        for (String line : (Iterable<String>) input.lines()::iterator) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = OFFSET.matcher(line);
            if (!m.find()) {
                // tcpdump prints a header line ("12:00:00.000000 IP a > b: ...") before each packet's dump
                if (line.matches("^\\d\\d:\\d\\d:\\d\\d\\.\\d+ .*")) {
                    continue;
                }
                return null;
            }
            String rest = line.substring(m.end());
            boolean zero = Long.parseLong(m.group(3), 16) == 0;
            if (!zero || rest.isBlank()) {
                return null;
            }
            if (m.group(2) != null && !m.group(4).isEmpty()) {
                return Layout.TCPDUMP;
            }
            if (m.group(2) != null) {
                return null;
            }
            if (!m.group(4).isEmpty()) {
                return m.group(3).length() == 8 ? Layout.XXD : null;
            }
            return switch (m.group(3).length()) {
                case 8 -> rest.contains("|") ? Layout.HEXDUMP_C : null;
                case 6 -> Layout.OD;
                case 4 -> Layout.WIRESHARK;
                default -> null;
            };
        }
        return null;
    }

    /** One dump, line by line: offset, hex, optional ASCII column; offsets must follow the bytes. */
    private static final class Dump {
        private final String input;
        private final Layout layout;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        /** The current tcpdump packet (IP header on), or everything for the other layouts. */
        private ByteArrayOutputStream packet = new ByteArrayOutputStream();
        private int packetLine;
        private byte[] previousLine = new byte[0];
        private boolean repeat;

        private final Locale locale;

        Dump(String input, Layout layout, Locale locale) {
            this.input = input;
            this.layout = layout;
            this.locale = locale;
        }

        ParseResult<HexBytes> parse() {
            int lineStart = 0;
            int lineNo = 0;
            while (lineStart <= input.length()) {
                int end = input.indexOf('\n', lineStart);
                if (end < 0) {
                    end = input.length();
                }
                lineNo++;
                String line = input.substring(lineStart, end).replace("\r", "");
                ParseResult<HexBytes> error = line(line, lineStart, lineNo);
                if (error != null) {
                    return error;
                }
                lineStart = end + 1;
            }
            ParseResult<HexBytes> error = endPacket(lineStart);
            if (error != null) {
                return error;
            }
            return ParseResult.ok(new HexBytes(out.toByteArray(), layout));
        }

        /** Null when the line was read, else the error. */
        private ParseResult<HexBytes> line(String line, int at, int lineNo) {
            if (line.isBlank()) {
                return null;
            }
            if (line.strip().equals("*") && (layout == Layout.HEXDUMP_C || layout == Layout.OD)) {
                // hexdump and od print "*" for lines equal to the one before; the next offset says how many
                repeat = true;
                return null;
            }
            Matcher m = OFFSET.matcher(line);
            if (!m.find()) {
                if (layout == Layout.TCPDUMP && !Character.isWhitespace(line.charAt(0))) {
                    return endPacket(at);
                }
                return ParseResult.errorAt(input, at, msg(locale, "dump.noOffset", lineNo, layout.tool));
            }
            long offset = Long.parseLong(m.group(3), 16);
            int offsetAt = at + m.start(3);
            if (repeat) {
                repeat = false;
                long missing = offset - packet.size();
                if (previousLine.length == 0 || missing < 0 || missing % previousLine.length != 0) {
                    return ParseResult.errorAt(input, offsetAt, msg(locale, "dump.repeat", m.group(3)));
                }
                for (long i = 0; i < missing / previousLine.length; i++) {
                    packet.writeBytes(previousLine);
                }
            }
            if (offset != packet.size()) {
                return ParseResult.errorAt(input, offsetAt, msg(locale, "dump.offset", m.group(3), packet.size(),
                        Long.toHexString(packet.size()), layout.tool));
            }
            String rest = line.substring(m.end());
            int restAt = at + m.end();
            if (rest.isBlank()) {
                // hexdump and od end with the total length alone on a line
                return null;
            }
            return bytes(rest, restAt, lineNo);
        }

        private ParseResult<HexBytes> bytes(String rest, int restAt, int lineNo) {
            String hex = rest;
            String ascii = null;
            int asciiAt = -1;
            if (layout == Layout.HEXDUMP_C || layout == Layout.OD) {
                char mark = layout == Layout.HEXDUMP_C ? '|' : '>';
                int bar = rest.indexOf(mark);
                if (bar >= 0) {
                    hex = rest.substring(0, bar);
                }
            } else {
                // Wireshark, xxd and tcpdump: the ASCII column follows the hex after two or more spaces
                int gap = rest.stripLeading().isEmpty() ? -1 : rest.indexOf("  ", rest.length()
                        - rest.stripLeading().length());
                if (gap >= 0) {
                    hex = rest.substring(0, gap);
                    int textStart = gap;
                    while (textStart < rest.length() && rest.charAt(textStart) == ' ') {
                        textStart++;
                    }
                    ascii = rest.substring(textStart);
                    asciiAt = restAt + textStart;
                }
            }
            int width = layout == Layout.XXD || layout == Layout.TCPDUMP ? 4 : 2;
            ByteArrayOutputStream lineBytes = new ByteArrayOutputStream(16);
            Matcher t = Pattern.compile("\\S+").matcher(hex);
            while (t.find()) {
                String token = t.group();
                int tokenAt = restAt + t.start();
                boolean lastGroup = hex.substring(t.end()).isBlank();
                if (!(token.length() == width || (width == 4 && lastGroup && token.length() == 2))
                        || !token.chars().allMatch(c -> digit((char) c) >= 0)) {
                    return ParseResult.errorAt(input, tokenAt, msg(locale, width == 2 ? "dump.byte" : "dump.group",
                            token, lineNo, layout.tool));
                }
                for (int i = 0; i < token.length(); i += 2) {
                    lineBytes.write(digit(token.charAt(i)) << 4 | digit(token.charAt(i + 1)));
                }
            }
            // the ASCII column shows one character per byte (spaces at its ends may have been trimmed): more text
            // than bytes means the hex and the text cannot be told apart
            if (ascii != null && ascii.length() > lineBytes.size()) {
                return ParseResult.errorAt(input, asciiAt, msg(locale, "dump.ascii", lineNo, lineBytes.size(),
                        ascii.length()));
            }
            previousLine = lineBytes.toByteArray();
            packet.writeBytes(previousLine);
            return null;
        }

        /** The end of a tcpdump packet: its TCP payload joins the stream. Other layouts take every byte. */
        private ParseResult<HexBytes> endPacket(int at) {
            byte[] p = packet.toByteArray();
            packet = new ByteArrayOutputStream();
            previousLine = new byte[0];
            if (layout != Layout.TCPDUMP || p.length == 0) {
                out.writeBytes(p);
                return null;
            }
            int payload = tcpPayloadStart(p);
            if (payload < 0) {
                return ParseResult.errorAt(input, Math.min(at, input.length()), msg(locale, "dump.notTcp"));
            }
            int end = (p[0] & 0xf0) == 0x40 ? Math.min(p.length, (p[2] & 0xff) << 8 | p[3] & 0xff) : p.length;
            out.write(p, payload, Math.max(0, end - payload));
            return null;
        }
    }

    /** Where the TCP payload starts in an IPv4 (RFC 791) or IPv6 (RFC 8200) packet, or -1 when it is not TCP. */
    static int tcpPayloadStart(byte[] p) {
        int ip;
        if (p.length >= 20 && (p[0] & 0xf0) == 0x40 && p[9] == 6) {
            ip = (p[0] & 0x0f) * 4;
        } else if (p.length >= 40 && (p[0] & 0xf0) == 0x60 && p[6] == 6) {
            ip = 40;
        } else {
            return -1;
        }
        if (p.length < ip + 20) {
            return -1;
        }
        int start = ip + ((p[ip + 12] & 0xf0) >> 4) * 4;
        return start <= p.length ? start : -1;
    }

    /** {@code 0x10, 0x1a} or {@code [16, 26]} (brackets or braces, as C and JavaScript write them). */
    private static ParseResult<HexBytes> array(String input, int open, Locale locale) {
        int from = open + 1;
        int to = input.length();
        if (open >= 0) {
            char close = input.charAt(open) == '[' ? ']' : '}';
            to = input.indexOf(close, from);
            if (to < 0) {
                return ParseResult.errorAt(input, open, msg(locale, "array.open", input.charAt(open), open + 1,
                        close));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Boolean hex = null;
        Matcher m = ARRAY_ELEMENT.matcher(input.substring(from, to));
        while (m.find()) {
            String e = m.group();
            int at = from + m.start();
            boolean isHex = e.startsWith("0x") || e.startsWith("0X");
            String digits = isHex ? e.substring(2) : e;
            // 0x1 is one byte, 0x1a2b two (a hex number written as bytes); 0x1a2 cannot be read either way
            boolean valid = !digits.isEmpty() && (isHex ? digits.length() <= 2 || digits.length() % 2 == 0
                    : digits.length() <= 3) && digits.chars()
                    .allMatch(c -> isHex ? digit((char) c) >= 0 : c >= '0' && c <= '9');
            if (!valid) {
                return ParseResult.errorAt(input, at, msg(locale, "array.element", e, at + 1));
            }
            if (hex != null && hex != isHex) {
                return ParseResult.errorAt(input, at, msg(locale, isHex ? "array.mixedHex" : "array.mixedDecimal",
                        e, at + 1));
            }
            hex = isHex;
            if (isHex && digits.length() > 2) {
                for (int i = 0; i < digits.length(); i += 2) {
                    out.write(Integer.parseInt(digits.substring(i, i + 2), 16));
                }
                continue;
            }
            int v = Integer.parseInt(digits, isHex ? 16 : 10);
            if (v > 255) {
                return ParseResult.errorAt(input, at, msg(locale, "array.big", e, at + 1, v));
            }
            out.write(v);
        }
        if (open >= 0 && !input.substring(to + 1).replaceAll("[\\s;)]", "").isEmpty()) {
            int extra = to + 1;
            while (Character.isWhitespace(input.charAt(extra)) || input.charAt(extra) == ';'
                    || input.charAt(extra) == ')') {
                extra++;
            }
            return ParseResult.errorAt(input, extra, msg(locale, "array.after", extra + 1));
        }
        return ParseResult.ok(new HexBytes(out.toByteArray(), Boolean.FALSE.equals(hex) ? Layout.DECIMAL_ARRAY
                : Layout.HEX_ARRAY));
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
    private static String msg(Locale locale, String key, Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle(MESSAGES, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Object[] text = Arrays.stream(args).map(String::valueOf).toArray();
        return new MessageFormat(bundle.getString(key), locale).format(text);
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ':' || c == ',' || c == '-' || c == ';';
    }

    private static int digit(char c) {
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
