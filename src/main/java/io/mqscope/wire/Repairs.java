package io.mqscope.wire;

/**
 * The repair hypotheses a malformed packet framed from a stream is tried against, in order: {@link
 * PaddedRemainingLength} (the length written in more bytes than it needs, mqtt.js on WeChat/Alipay mini programs),
 * then {@link ShortRemainingLength}. Each either explains the packet's errors and returns it repaired, or leaves it.
 */
final class Repairs {
    private Repairs() {
    }

    /**
     * The packet {@code p} framed at {@code f}, repaired when a hypothesis explains its errors; {@link
     * ShortRemainingLength#NEED_MORE} when the bytes that decide are still to come.
     */
    static DecodedPacket of(Frame f, DecodedPacket p, VersionLearner versions) {
        int pad = PaddedRemainingLength.padding(f.rlLen());
        if (pad > 0 && f.rl() > 0 && PaddedRemainingLength.couldRepair(p)) {
            int zeros = PaddedRemainingLength.zerosAt(f.b(), f.pos() + 1 + f.rlLen(), f.to(), pad);
            boolean allZeroSoFar = zeros == Math.min(pad, f.to() - f.pos() - 1 - f.rlLen());
            if (allZeroSoFar && f.following() < pad && !f.last()) {
                return ShortRemainingLength.NEED_MORE;
            }
            if (zeros == pad && f.following() >= pad) {
                DecodedPacket padded = PaddedRemainingLength.attempt(f, pad, versions);
                if (padded != null) {
                    return padded;
                }
            } else if (zeros == pad && f.last()) {
                // The stream ended before the padding's worth of bytes after the declared end: the packet takes them.
                DecodedPacket cut = PaddedRemainingLength.attemptCut(f.bytes(0, f.to() - f.pos()), f.rlLen(), f.rl(),
                        f.index(), f.offset(), versions);
                if (cut != null) {
                    return cut;
                }
            }
        }
        if (ShortRemainingLength.couldRepair(p)) {
            DecodedPacket longer = ShortRemainingLength.attempt(f, p, versions);
            if (longer != null) {
                return longer;
            }
        }
        return p;
    }
}
