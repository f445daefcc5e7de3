package io.mqscope.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * Hex dump rendering: offset, 16 bytes a line, hex and ASCII; and the attribution of each byte to the innermost
 * field that covers it, so that a view can highlight a field's bytes.
 */
public final class HexDump {
    private HexDump() {
    }

    static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private static final byte[] PAIRS = new byte[512];

    static {
        for (int i = 0; i < 256; i++) {
            PAIRS[2 * i] = (byte) DIGITS[i >> 4];
            PAIRS[2 * i + 1] = (byte) DIGITS[i & 0xf];
        }
    }

    /** Lower-case hex without separators. */
    public static String hex(byte[] b, int off, int len) {
        byte[] out = new byte[len * 2];
        for (int i = 0; i < len; i++) {
            int v = (b[off + i] & 0xff) << 1;
            out[2 * i] = PAIRS[v];
            out[2 * i + 1] = PAIRS[v + 1];
        }
        // Latin-1 bytes become a compact String with one copy.
        return new String(out, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Lower-case hex with {@code sep} between bytes. */
    public static String hex(byte[] b, String sep) {
        StringBuilder sb = new StringBuilder(b.length * (2 + sep.length()));
        for (int i = 0; i < b.length; i++) {
            if (i > 0) {
                sb.append(sep);
            }
            sb.append(DIGITS[b[i] >> 4 & 0xf]).append(DIGITS[b[i] & 0xf]);
        }
        return sb.toString();
    }

    /**
     * Classic dump: {@code 00000000  10 1a 00 00 ...  |..MQTT|}. {@code base} is added to the printed offsets.
     */
    public static String render(byte[] b, long base) {
        return render(b, base, null);
    }

    /** The classic dump with the bytes in {@code hidden} (may be null) as {@code **} and {@code *}: a secret. */
    public static String render(byte[] b, long base, Secrets.Span hidden) {
        StringBuilder sb = new StringBuilder((b.length / 16 + 1) * 78);
        for (int line = 0; line < b.length; line += 16) {
            String off = Long.toHexString(base + line);
            sb.append("0".repeat(Math.max(0, 8 - off.length()))).append(off).append("  ");
            for (int i = 0; i < 16; i++) {
                if (line + i < b.length && hidden != null && hidden.covers(line + i)) {
                    sb.append(Secrets.HIDDEN_HEX).append(' ');
                } else if (line + i < b.length) {
                    int v = b[line + i];
                    sb.append(DIGITS[v >> 4 & 0xf]).append(DIGITS[v & 0xf]).append(' ');
                } else {
                    sb.append("   ");
                }
                if (i == 7) {
                    sb.append(' ');
                }
            }
            sb.append(" |");
            for (int i = 0; i < 16 && line + i < b.length; i++) {
                int v = hidden != null && hidden.covers(line + i) ? Secrets.HIDDEN_BYTE : b[line + i] & 0xff;
                sb.append(v >= 0x20 && v < 0x7f ? (char) v : '.');
            }
            sb.append("|\n");
        }
        return sb.toString();
    }

    /**
     * For each byte of a packet, the innermost field covering it, or null. A byte belongs to the shortest field that
     * covers it; on a tie the field listed first keeps it (so {@code packet_type} owns byte 0 and
     * {@code connect_flags} owns its byte rather than one of its same-sized bit fields); a lone child wins over its
     * parent.
     */
    public static Field[] attribute(DecodedPacket p) {
        Field[] owner = new Field[p.length()];
        int[] ownerLength = new int[owner.length];
        paint(owner, ownerLength, p.fields(), false);
        return owner;
    }

    private static void paint(Field[] owner, int[] ownerLength, List<Field> fields, boolean winTies) {
        for (Field f : fields) {
            int from = Math.max(0, f.offset());
            int to = Math.min(owner.length, f.offset() + f.length());
            for (int i = from; i < to; i++) {
                if (owner[i] == null || f.length() < ownerLength[i] || winTies && f.length() == ownerLength[i]) {
                    owner[i] = f;
                    ownerLength[i] = f.length();
                }
            }
            // A lone child is more specific than its parent even when it spans the same bytes.
            paint(owner, ownerLength, f.children(), f.children().size() == 1);
        }
    }

    /** The dump with a field name per line column: each line followed by the names of the fields on it. */
    public static String renderAttributed(DecodedPacket p) {
        return renderAttributed(p, false);
    }

    /** The attributed dump; unless {@code showSecrets}, the password's bytes hidden ({@link Secrets}). */
    public static String renderAttributed(DecodedPacket p, boolean showSecrets) {
        Field[] owner = attribute(p);
        byte[] b = p.raw();
        StringBuilder sb = new StringBuilder();
        String[] lines = render(b, p.offset(), showSecrets ? null : Secrets.password(p)).split("\n");
        for (int l = 0; l < lines.length; l++) {
            sb.append(lines[l]);
            List<String> names = new ArrayList<>();
            for (int i = l * 16; i < Math.min(b.length, l * 16 + 16); i++) {
                String n = owner[i] == null ? "?" : owner[i].name();
                if (names.isEmpty() || !names.get(names.size() - 1).equals(n)) {
                    names.add(n);
                }
            }
            sb.append("  ").append(String.join(" ", names)).append('\n');
        }
        return sb.toString();
    }
}
