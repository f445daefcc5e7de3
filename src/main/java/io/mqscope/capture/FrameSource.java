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
            throw w.available() == 0 ? new CaptureException(0, "file.empty")
                    : new CaptureException(0, "file.short", w.available());
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
        throw new CaptureException(0, "file.magic" + looksLike(w), hex.toString());
    }

    /** What the first bytes look like, as the suffix of the message key: JSON, text, or nothing known. */
    private static String looksLike(ByteWindow w) {
        int c = w.u8(0);
        if (c == '{' || c == '[') {
            return ".json";
        }
        if (c >= 0x20 && c < 0x7f && w.u8(1) >= 0x20 && w.u8(1) < 0x7f) {
            return ".text";
        }
        return "";
    }
}
