package io.mqscope.tap;

import io.mqscope.wire.DecodedPacket;

/**
 * Recognises the decoder's padded Remaining Length repair by its bytes: the repaired packet is the raw one with
 * one to three zero bytes dropped right after the Remaining Length (mqtt.js wx.js/ali.js, MQTT.js PR #1506).
 * Only that repair is applied on the wire by {@code --repair padded-length}; other repairs are only shown.
 */
final class PaddedLength {
    private PaddedLength() {
    }

    static boolean repairable(DecodedPacket p) {
        byte[] raw = p.raw();
        byte[] fixed = p.repaired();
        if (fixed == null || fixed.length < 2 || raw.length <= fixed.length || raw.length - fixed.length > 3) {
            return false;
        }
        int rl = 1;
        while (rl < fixed.length && (fixed[rl] & 0x80) != 0) {
            rl++;
        }
        int head = rl + 1; // type byte and the length's bytes
        int pad = raw.length - fixed.length;
        if (head > fixed.length) {
            return false;
        }
        for (int i = 0; i < head; i++) {
            if (raw[i] != fixed[i]) {
                return false;
            }
        }
        for (int i = 0; i < pad; i++) {
            if (raw[head + i] != 0) {
                return false;
            }
        }
        for (int i = head; i < fixed.length; i++) {
            if (raw[i + pad] != fixed[i]) {
                return false;
            }
        }
        return true;
    }
}
