package io.mqscope.capture;

import java.io.IOException;

/**
 * Classic pcap (pcap-savefile(5)): a 24-byte file header, then records of a 16-byte header (seconds, micro- or
 * nanoseconds, captured length, original length) and the frame. The magic number gives the byte order and the
 * timestamp unit.
 */
final class PcapReader implements FrameSource {
    private static final long MICRO = 0xa1b2c3d4L;
    private static final long NANO = 0xa1b23c4dL;
    private static final int HEADER = 24;
    private static final int RECORD = 16;
    /** Larger than any snaplen tcpdump writes (262144); a record claiming more is damage, not data. */
    private static final int MAX_FRAME = 1 << 20;
    private static final int MAX_RESYNC_SCAN = 16 << 20;

    private final ByteWindow w;
    private final Notes notes;
    private final boolean big;
    private final boolean nanos;
    private final int linkType;
    private final long snaplen;
    private long lastSeconds = -1;

    static boolean isMagic(long m) {
        return m == MICRO || m == NANO || m == Long.reverseBytes(MICRO) >>> 32 || m == Long.reverseBytes(NANO) >>> 32;
    }

    PcapReader(ByteWindow w, Notes notes) throws IOException, CaptureException {
        this.w = w;
        this.notes = notes;
        long m = w.u32(0, true);
        big = m == MICRO || m == NANO;
        nanos = m == NANO || m == Long.reverseBytes(NANO) >>> 32;
        if (!w.have(HEADER)) {
            throw new CaptureException(w.available(), "pcap.header.short", w.available());
        }
        int major = w.u16(4, big);
        if (major != 2) {
            notes.add("pcap version " + major + "." + w.u16(6, big) + " (expected 2.4); reading it as 2.4");
        }
        snaplen = w.u32(16, big);
        // The upper bits of the link type field carry FCS information (pcap-savefile(5)); the type is the low 16.
        linkType = (int) (w.u32(20, big) & 0xffff);
        if (!LinkLayer.supported(linkType)) {
            throw new CaptureException(20, "pcap.linkType", LinkLayer.detail(linkType), LinkLayer.supportedDetail());
        }
        w.skip(HEADER);
    }

    @Override
    public CaptureFrame next() throws IOException, CaptureException {
        while (true) {
            long at = w.position();
            if (!w.have(RECORD)) {
                if (w.available() == 0) {
                    return null;
                }
                throw new CaptureException(at, "pcap.record.header", w.available(), at);
            }
            if (!plausible(0)) {
                resync(at);
                continue;
            }
            int incl = (int) w.u32(8, big);
            if (!w.have(RECORD + incl)) {
                throw new CaptureException(at, "pcap.record.data", at, incl, w.available() - RECORD);
            }
            long sec = w.u32(0, big);
            long frac = w.u32(4, big);
            int orig = (int) Math.min(Integer.MAX_VALUE, w.u32(12, big));
            lastSeconds = sec;
            byte[] data = w.copy(RECORD, incl);
            w.skip(RECORD + incl);
            return new CaptureFrame(0, linkType, sec * 1_000_000_000L + (nanos ? frac : frac * 1000),
                    Math.max(orig, incl), data, at);
        }
    }

    /** Whether a plausible record header starts at {@code rel} bytes from the current position (buffered). */
    private boolean plausible(int rel) {
        long frac = w.u32(rel + 4, big);
        long incl = w.u32(rel + 8, big);
        long orig = w.u32(rel + 12, big);
        long sec = w.u32(rel, big);
        boolean timeOk = lastSeconds < 0 || Math.abs(sec - lastSeconds) < 86_400 * 30;
        return frac < (nanos ? 1_000_000_000L : 1_000_000L) && incl <= Math.max(snaplen, 65_535) && incl <= MAX_FRAME
                && orig >= incl && timeOk;
    }

    /** Skips a damaged record: scans for the next header that is plausible and followed by another (or the end). */
    private void resync(long at) throws IOException {
        for (int p = 1; p < MAX_RESYNC_SCAN; p++) {
            if (!w.have(p + RECORD)) {
                notes.add("damaged pcap record at byte offset " + at + "; no readable record follows; "
                        + (w.available()) + " bytes skipped to the end of the file");
                w.skip(w.available());
                return;
            }
            if (!plausible(p)) {
                continue;
            }
            int incl = (int) w.u32(p + 8, big);
            int next = p + RECORD + incl;
            boolean followed = w.have(next + RECORD) ? plausible(next) : w.available() == next;
            if (followed) {
                notes.add("damaged pcap record at byte offset " + at + " (implausible lengths or time); skipped "
                        + p + " bytes to the next plausible record at byte offset " + (at + p));
                w.skip(p);
                return;
            }
        }
        notes.add("damaged pcap record at byte offset " + at + "; no record found in the next "
                + MAX_RESYNC_SCAN + " bytes; reading stopped there");
        w.skip(w.available());
    }
}
