package io.mqscope.capture;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a pcapng file (draft-ietf-opsawg-pcapng) with one section and one Ethernet interface of nanosecond
 * resolution: a Section Header Block, an Interface Description Block, then one Enhanced Packet Block per frame,
 * each with its comments as {@code opt_comment} options (Wireshark shows them as packet comments).
 */
public final class PcapngWriter implements Closeable {
    private static final int OPT_END = 0;
    private static final int OPT_COMMENT = 1;
    private static final int SHB_USERAPPL = 4;
    private static final int IF_TSRESOL = 9;
    private final OutputStream out;

    public PcapngWriter(OutputStream out) throws IOException {
        this.out = out;
        // SHB: byte-order magic, version 1.0, section length unknown (-1), the writing application.
        ByteBuffer body = le(16 + option(SHB_USERAPPL, "MQScope").length + 4);
        body.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L);
        body.put(option(SHB_USERAPPL, "MQScope")).putInt(0);
        block(0x0A0D0D0A, body.array());
        // IDB: Ethernet, snaplen 262144, if_tsresol 9 (nanoseconds).
        ByteBuffer idb = le(8 + 8 + 4);
        idb.putShort((short) LinkLayer.ETHERNET).putShort((short) 0).putInt(262_144);
        idb.putShort((short) IF_TSRESOL).putShort((short) 1).put((byte) 9).put(new byte[3]);
        idb.putInt(0);
        block(1, idb.array());
    }

    /** One Ethernet frame captured (in full) at {@code timeNanos} since the epoch, with its comments. */
    public void frame(long timeNanos, byte[] frame, List<String> comments) throws IOException {
        int opts = 0;
        byte[][] encoded = new byte[comments.size()][];
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = option(OPT_COMMENT, comments.get(i));
            opts += encoded[i].length;
        }
        if (opts > 0) {
            opts += 4;
        }
        ByteBuffer body = le(20 + pad(frame.length) + opts);
        body.putInt(0).putInt((int) (timeNanos >>> 32)).putInt((int) timeNanos).putInt(frame.length)
                .putInt(frame.length).put(frame).put(new byte[pad(frame.length) - frame.length]);
        for (byte[] e : encoded) {
            body.put(e);
        }
        if (opts > 0) {
            body.putShort((short) OPT_END).putShort((short) 0);
        }
        block(6, body.array());
    }

    private void block(int type, byte[] body) throws IOException {
        int len = 12 + body.length;
        ByteBuffer b = le(len);
        b.putInt(type).putInt(len).put(body).putInt(len);
        out.write(b.array());
    }

    private static byte[] option(int code, String text) {
        byte[] v = text.getBytes(StandardCharsets.UTF_8);
        // Option values are at most 65535 bytes; a longer comment is cut (at a character boundary is not needed
        // for Wireshark, which shows invalid UTF-8 escaped, but we keep it valid by cutting the string).
        while (v.length > 65_000) {
            text = text.substring(0, text.length() * 3 / 4);
            v = text.getBytes(StandardCharsets.UTF_8);
        }
        ByteBuffer b = le(4 + pad(v.length));
        b.putShort((short) code).putShort((short) v.length).put(v);
        return b.array();
    }

    private static int pad(int n) {
        return n + 3 & ~3;
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
