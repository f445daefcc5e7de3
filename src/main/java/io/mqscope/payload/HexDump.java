package io.mqscope.payload;

import static io.mqscope.payload.HexParser.digit;
import static io.mqscope.payload.HexParser.msg;

import io.mqscope.payload.HexParser.HexBytes;
import io.mqscope.payload.HexParser.Layout;
import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dumps with an offset column: Wireshark's "Copy as Hex Dump", {@code xxd}, {@code hexdump -C},
 * {@code od -A x -t x1} and {@code tcpdump -X} (issue 14 item 2). Read line by line: offset, hex, optional ASCII
 * column; each offset must follow the bytes before it, so a dropped or doubled line is an error, not a misread.
 */
final class HexDump {
    /** An offset at a line start: tcpdump {@code \t0x0010:}, xxd {@code 00000010:}, od, hexdump, Wireshark. */
    private static final Pattern OFFSET = Pattern.compile("^([ \\t]*)(0x)?([0-9a-fA-F]{4,8})(:?)(?=[ \\t]|$)");

    private final String input;
    private final Layout layout;
    private final Locale locale;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    /** The current tcpdump packet (IP header on), or everything for the other layouts. */
    private ByteArrayOutputStream packet = new ByteArrayOutputStream();
    private byte[] previousLine = new byte[0];
    private boolean repeat;

    private HexDump(String input, Layout layout, Locale locale) {
        this.input = input;
        this.layout = layout;
        this.locale = locale;
    }

    private ParseResult<HexBytes> parse() {
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
            return ParseResult.errorAt(input, at, msg(locale, "dump.noOffset", lineNo, layout.tool()));
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
                    Long.toHexString(packet.size()), layout.tool()));
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
                        token, lineNo, layout.tool()));
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

    /** The bytes of {@code input}, read as {@code layout} (from {@link #layoutOf}); errors in {@code locale}. */
    static ParseResult<HexBytes> read(String input, Layout layout, Locale locale) {
        return new HexDump(input, layout, locale).parse();
    }

    /** The layout the first non-blank line announces (an offset of zero and bytes after it), or null for none. */
    static Layout layoutOf(String input) {
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
}
