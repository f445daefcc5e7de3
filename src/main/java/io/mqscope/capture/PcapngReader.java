package io.mqscope.capture;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * pcapng (draft-ietf-opsawg-pcapng): blocks of type, total length, body, total length again. A Section Header Block
 * fixes the byte order for its section (byte-order magic 1a2b3c4d); Interface Description Blocks give each
 * interface its link type, snaplen and timestamp resolution; Enhanced, Simple and (obsolete) Packet Blocks carry
 * frames. Other blocks are skipped; a block whose lengths disagree is skipped by scanning for the next block.
 */
final class PcapngReader implements FrameSource {
    static final long SHB = 0x0A0D0D0AL;
    private static final int IDB = 1;
    private static final int PB = 2;
    private static final int SPB = 3;
    private static final int NRB = 4;
    private static final int ISB = 5;
    private static final int EPB = 6;
    private static final int DSB = 0x0A;
    private static final int MAX_BLOCK = 16 << 20;
    private static final int MAX_RESYNC_SCAN = 16 << 20;

    private record Interface(int linkType, long snaplen, int tsresol, long tsoffsetSeconds) {
    }

    private final ByteWindow w;
    private final Notes notes;
    private boolean big;
    private final List<Interface> interfaces = new ArrayList<>();
    private int unsupportedFrames;
    private long lastUnsupportedIdbOffset = -1;
    /** The link type of the last interface whose frames are skipped, -1 when none. */
    private int lastUnsupportedType = -1;
    private boolean anySupported;

    PcapngReader(ByteWindow w, Notes notes) throws IOException, CaptureException {
        this.w = w;
        this.notes = notes;
        if (!w.have(12)) {
            throw new CaptureException(w.available(), "pcapng.shb.short", w.available());
        }
        readByteOrder(0);
    }

    private void readByteOrder(long at) throws CaptureException {
        long magic = w.u32(8, true);
        if (magic == 0x1A2B3C4DL) {
            big = true;
        } else if (magic == 0x4D3C2B1AL) {
            big = false;
        } else {
            throw new CaptureException(at + 8, "pcapng.byteOrder", at, String.format("%08x", magic));
        }
    }

    @Override
    public CaptureFrame next() throws IOException, CaptureException {
        while (true) {
            long at = w.position();
            if (!w.have(8)) {
                if (w.available() == 0) {
                    return end();
                }
                throw new CaptureException(at, "pcapng.block.header", w.available(), at);
            }
            long type = w.u32(0, big);
            if (type == SHB) {
                if (!w.have(12)) {
                    throw new CaptureException(at, "pcapng.shb.cut", at);
                }
                readByteOrder(at);
            }
            long len = w.u32(4, big);
            if (len < 12 || len % 4 != 0 || len > MAX_BLOCK) {
                resync(at, "block length " + len + " is impossible");
                continue;
            }
            if (!w.have((int) len)) {
                throw new CaptureException(at, "pcapng.block.data", blockDetail(type), at, len, w.available());
            }
            if (w.u32((int) len - 4, big) != len) {
                resync(at, "its trailing length " + w.u32((int) len - 4, big) + " differs from its leading length "
                        + len);
                continue;
            }
            CaptureFrame f = block((int) type, (int) len, at);
            w.skip((int) len);
            if (f != null) {
                return f;
            }
        }
    }

    private CaptureFrame end() throws CaptureException {
        if (unsupportedFrames > 0 || !anySupported && lastUnsupportedType >= 0) {
            if (!anySupported) {
                throw new CaptureException(lastUnsupportedIdbOffset, "pcapng.linkType",
                        LinkLayer.detail(lastUnsupportedType), lastUnsupportedIdbOffset, LinkLayer.supportedDetail());
            }
            notes.add(unsupportedFrames + " frames on interfaces with an unsupported link type were skipped");
        }
        return null;
    }

    private CaptureFrame block(int type, int len, long at) {
        switch (type) {
            case (int) SHB -> {
                interfaces.clear();
                return null;
            }
            case IDB -> {
                readInterface(len, at);
                return null;
            }
            case EPB, PB -> {
                int id = type == EPB ? (int) w.u32(8, big) : w.u16(8, big);
                long ts = w.u32(12, big) << 32 | w.u32(16, big);
                int caplen = (int) w.u32(20, big);
                int orig = (int) Math.min(Integer.MAX_VALUE, w.u32(24, big));
                if (caplen < 0 || 28 + caplen > len - 4) {
                    notes.add("damaged " + blockName(type) + " at byte offset " + at + ": captured length " + caplen
                            + " does not fit its block of " + len + " bytes; skipped");
                    return null;
                }
                return frame(id, ts, caplen, orig, 28, at);
            }
            case SPB -> {
                if (interfaces.isEmpty()) {
                    notes.add("simple packet block at byte offset " + at + " before any interface; skipped");
                    return null;
                }
                int orig = (int) Math.min(Integer.MAX_VALUE, w.u32(8, big));
                long snap = interfaces.get(0).snaplen;
                int caplen = Math.min(orig, len - 16);
                if (snap > 0) {
                    caplen = (int) Math.min(caplen, snap);
                }
                // An SPB has no timestamp (draft-ietf-opsawg-pcapng §4.4): its frames get time 0.
                notes.count("simple packet blocks (no timestamps)");
                return frame(0, -1, caplen, orig, 12, at);
            }
            case NRB, ISB -> {
                return null;
            }
            case DSB -> {
                notes.count("decryption secrets blocks (TLS keys) not used");
                return null;
            }
            default -> {
                notes.count(String.format("unknown pcapng blocks of type 0x%08x skipped", type));
                return null;
            }
        }
    }

    private CaptureFrame frame(int id, long ts, int caplen, int orig, int dataAt, long at) {
        if (id < 0 || id >= interfaces.size()) {
            notes.add("packet at byte offset " + at + " names interface " + id + ", which is not described; "
                    + "skipped");
            return null;
        }
        Interface i = interfaces.get(id);
        if (!LinkLayer.supported(i.linkType)) {
            unsupportedFrames++;
            return null;
        }
        long nanos = ts < 0 ? 0 : toNanos(ts, i.tsresol) + i.tsoffsetSeconds * 1_000_000_000L;
        return new CaptureFrame(id, i.linkType, nanos, Math.max(orig, caplen), w.copy(dataAt, caplen), at);
    }

    /** if_tsresol: high bit clear, units of 10^-n s; set, units of 2^-n s (draft-ietf-opsawg-pcapng §4.2). */
    private static long toNanos(long units, int tsresol) {
        int n = tsresol & 0x7f;
        if ((tsresol & 0x80) == 0) {
            if (n <= 9) {
                long f = 1;
                for (int i = n; i < 9; i++) {
                    f *= 10;
                }
                return units * f;
            }
            long d = 1;
            for (int i = 9; i < n && i < 27; i++) {
                d *= 10;
            }
            return units / d;
        }
        if (n == 0) {
            return units * 1_000_000_000L;
        }
        long seconds = units >>> n;
        long frac = units & ((1L << n) - 1);
        return seconds * 1_000_000_000L + (long) (frac * 1e9 / Math.pow(2, n));
    }

    private void readInterface(int len, long at) {
        int linkType = w.u16(8, big);
        long snaplen = w.u32(12, big);
        int tsresol = 6;
        long tsoffset = 0;
        int p = 16;
        while (p + 4 <= len - 4) {
            int code = w.u16(p, big);
            int olen = w.u16(p + 2, big);
            if (code == 0 || p + 4 + olen > len - 4) {
                break;
            }
            if (code == 9 && olen >= 1) {
                tsresol = w.u8(p + 4);
            } else if (code == 14 && olen == 8) {
                tsoffset = w.u32(p + 4, big) << 32 | w.u32(p + 8, big);
                if (!big) {
                    tsoffset = w.u32(p + 8, big) << 32 | w.u32(p + 4, big);
                }
            }
            p += 4 + (olen + 3 & ~3);
        }
        if (LinkLayer.supported(linkType)) {
            anySupported = true;
        } else {
            lastUnsupportedType = linkType;
            lastUnsupportedIdbOffset = at;
            notes.add("interface " + interfaces.size() + " (byte offset " + at + ") has unsupported "
                    + LinkLayer.describe(linkType) + "; its frames are skipped");
        }
        interfaces.add(new Interface(linkType, snaplen, tsresol, tsoffset));
    }

    private static boolean known(long type) {
        return type == SHB || type >= 1 && type <= 6 || type == DSB;
    }

    /** Scans 4-byte aligned positions for a block whose type is known and whose two lengths agree. */
    private void resync(long at, String why) throws IOException {
        for (int p = 4; p < MAX_RESYNC_SCAN; p += 4) {
            if (!w.have(p + 12)) {
                break;
            }
            long type = w.u32(p, big);
            long len = w.u32(p + 4, big);
            if (!known(type) || len < 12 || len % 4 != 0 || len > MAX_BLOCK) {
                continue;
            }
            if (w.have(p + (int) len) && w.u32(p + (int) len - 4, big) == len) {
                notes.add("damaged block at byte offset " + at + " (" + why + "); skipped " + p
                        + " bytes to the next block at byte offset " + (at + p));
                w.skip(p);
                return;
            }
        }
        notes.add("damaged block at byte offset " + at + " (" + why + "); no block follows; the remaining "
                + w.available() + " bytes were skipped");
        w.skip(w.available());
    }

    /** As {@link #blockName}, said in the reader's language. */
    private static CaptureException.Detail blockDetail(long type) {
        return switch ((int) type) {
            case (int) SHB -> CaptureException.Detail.of("block.shb");
            case IDB -> CaptureException.Detail.of("block.idb");
            case PB -> CaptureException.Detail.of("block.pb");
            case SPB -> CaptureException.Detail.of("block.spb");
            case NRB -> CaptureException.Detail.of("block.nrb");
            case ISB -> CaptureException.Detail.of("block.isb");
            case EPB -> CaptureException.Detail.of("block.epb");
            default -> CaptureException.Detail.of("block.other", String.format("%08x", type));
        };
    }

    /** The block's name in English, for notes. */
    private static String blockName(long type) {
        return blockDetail(type).text(Locale.ENGLISH);
    }
}
