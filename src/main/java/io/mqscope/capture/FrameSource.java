package io.mqscope.capture;

import java.io.IOException;
import java.io.InputStream;

/** Frames of a capture file, read one at a time. */
interface FrameSource {

    /** The next frame, or null at the end of the file. */
    CaptureFrame next() throws IOException, CaptureException;

    /** Detects the format from the first four bytes (pcap-savefile(5) magic numbers, the pcapng SHB type). */
    static FrameSource open(InputStream in, Notes notes) throws IOException, CaptureException {
        ByteWindow w = new ByteWindow(in);
        if (!w.have(4)) {
            throw new CaptureException(w.available() == 0 ? "not a capture file: the file is empty"
                    : "not a capture file: only " + w.available() + " bytes", 0);
        }
        long magic = w.u32(0, true);
        if (magic == PcapngReader.SHB) {
            return new PcapngReader(w, notes);
        }
        if (PcapReader.isMagic(magic)) {
            return new PcapReader(w, notes);
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            hex.append(i == 0 ? "" : " ").append(String.format("%02x", w.u8(i)));
        }
        throw new CaptureException("not a capture file: bytes " + hex + " at byte offset 0 are neither a pcap magic"
                + " number (a1 b2 c3 d4, a1 b2 3c 4d, either byte order) nor a pcapng section header (0a 0d 0d 0a)"
                + describeText(w), 0);
    }

    private static String describeText(ByteWindow w) {
        int c = w.u8(0);
        if (c == '{' || c == '[') {
            return "; it looks like JSON";
        }
        if (c >= 0x20 && c < 0x7f && w.u8(1) >= 0x20 && w.u8(1) < 0x7f) {
            return "; it looks like text";
        }
        return "";
    }
}
