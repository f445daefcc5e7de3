package io.mqscope.ui.packets;

import io.mqscope.wire.Secrets;

/**
 * A classic hex dump (offset, 16 hex pairs, ASCII) with the map between byte indexes and character ranges, so a
 * field's bytes can be highlighted and a click on a character can find its byte.
 */
public final class HexDumpModel {
    public static final int PER_LINE = 16;
    /** "0000  " */
    private static final int OFFSET_WIDTH = 6;
    /** 16 pairs with a space after each, plus one extra space after the 8th. */
    private static final int HEX_WIDTH = PER_LINE * 3 + 1;
    private static final int LINE_WIDTH = OFFSET_WIDTH + HEX_WIDTH + 1 + PER_LINE + 1;

    private final String text;
    private final int length;

    /** Characters in one full line without its newline: offset, 16 hex pairs and 16 ASCII characters. */
    public static int lineChars() {
        return LINE_WIDTH - 1;
    }

    private HexDumpModel(String text, int length) {
        this.text = text;
        this.length = length;
    }

    public static HexDumpModel of(byte[] bytes) {
        return of(bytes, null);
    }

    /** The dump with the bytes in {@code hidden} (may be null) as {@code **} and {@code *}: a password. */
    public static HexDumpModel of(byte[] bytes, Secrets.Span hidden) {
        StringBuilder sb = new StringBuilder((bytes.length / PER_LINE + 1) * LINE_WIDTH);
        for (int line = 0; line * PER_LINE < bytes.length || (line == 0 && bytes.length == 0); line++) {
            if (bytes.length == 0) {
                break;
            }
            int off = line * PER_LINE;
            sb.append(String.format("%04x  ", off));
            for (int i = 0; i < PER_LINE; i++) {
                if (off + i < bytes.length && hidden != null && hidden.covers(off + i)) {
                    sb.append(Secrets.HIDDEN_HEX).append(' ');
                } else if (off + i < bytes.length) {
                    int b = bytes[off + i] & 0xff;
                    sb.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16)).append(' ');
                } else {
                    sb.append("   ");
                }
                if (i == 7) {
                    sb.append(' ');
                }
            }
            sb.append(' ');
            for (int i = 0; i < PER_LINE; i++) {
                if (off + i < bytes.length) {
                    int b = hidden != null && hidden.covers(off + i) ? Secrets.HIDDEN_BYTE : bytes[off + i] & 0xff;
                    sb.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
                } else {
                    sb.append(' ');
                }
            }
            sb.append('\n');
        }
        return new HexDumpModel(sb.toString(), bytes.length);
    }

    public String text() {
        return text;
    }

    public int byteCount() {
        return length;
    }

    /** Character index of the first hex digit of byte {@code i}. */
    public int hexStart(int i) {
        int line = i / PER_LINE;
        int col = i % PER_LINE;
        return line * LINE_WIDTH + OFFSET_WIDTH + col * 3 + (col >= 8 ? 1 : 0);
    }

    /** Character index of the ASCII column of byte {@code i}. */
    public int asciiStart(int i) {
        int line = i / PER_LINE;
        return line * LINE_WIDTH + OFFSET_WIDTH + HEX_WIDTH + 1 + i % PER_LINE;
    }

    /** The byte under a character (hex pair or ASCII column), or -1. */
    public int byteAt(int charIndex) {
        int line = charIndex / LINE_WIDTH;
        int col = charIndex % LINE_WIDTH - OFFSET_WIDTH;
        int idx;
        if (col < 0) {
            return -1;
        } else if (col < HEX_WIDTH) {
            int c = col >= 25 ? col - 1 : col;
            if (c % 3 == 2 || (col == 24)) {
                return -1;
            }
            idx = c / 3;
        } else {
            int a = col - HEX_WIDTH - 1;
            if (a < 0 || a >= PER_LINE) {
                return -1;
            }
            idx = a;
        }
        int b = line * PER_LINE + idx;
        return b < length ? b : -1;
    }
}
