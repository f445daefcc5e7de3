package io.mqscope.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The packets of a whole capture (one frame as a user pasted it) on their way from {@link StreamDecoder#decodeAll} to
 * its sink. A live stream cannot know what follows, so two hypotheses apply only here: the padding after a
 * zero-length packet joins that packet ({@link PaddedRemainingLength#join}, the packets after are renumbered), and a
 * short tail that cannot start a packet becomes extra bytes of the packet before it ({@link ZeroTail}). The last
 * {@link #HELD} packets wait for the end, since only they can still change; the others go out at once, so memory
 * does not grow with the number of packets.
 */
final class WholeCapture implements Consumer<DecodedPacket> {
    /** Enough for {@link ZeroTail}: up to {@link ZeroTail#MAX_TAIL} zero packets, the packet before, a tail. */
    static final int HELD = ZeroTail.MAX_TAIL + 2;

    private final Direction direction;
    private final Consumer<DecodedPacket> sink;
    private final List<DecodedPacket> held = new ArrayList<>();
    /** Padding packets joined so far: the packets after them move down by as many. */
    private int joined;

    WholeCapture(Direction direction, Consumer<DecodedPacket> sink) {
        this.direction = direction;
        this.sink = sink;
    }

    @Override
    public void accept(DecodedPacket p) {
        if (!held.isEmpty() && PaddedRemainingLength.isPadding(p)) {
            DecodedPacket one = PaddedRemainingLength.join(held.get(held.size() - 1), p, direction);
            if (one != null) {
                held.set(held.size() - 1, one);
                joined++;
                return;
            }
        }
        held.add(joined > 0 ? p.withIndex(p.index() - joined) : p);
        if (held.size() > HELD) {
            sink.accept(held.remove(0));
        }
    }

    /**
     * The capture has ended: applies {@link ZeroTail} to the packets held and hands them on. {@code truncatedTail}
     * is true when the stream ended inside the last packet, reported as the last of {@code streamFindings}.
     */
    void end(List<Finding> streamFindings, boolean truncatedTail) {
        ZeroTail.apply(held, streamFindings, truncatedTail, direction);
        held.forEach(sink);
        held.clear();
    }
}
