package io.mqscope.tap;

import io.mqscope.wire.DecodedPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code --repair padded-length} for one client stream: holds the client's bytes until the decoder has framed the
 * packet they belong to, then hands each packet on as it was, or repaired when its Remaining Length was padded
 * ({@link PaddedLength}). Bytes between packets pass untouched. At most {@link #MAX_HELD} bytes wait: beyond that
 * they go on as they are (a packet that large is not repaired). What goes on is copied out ({@code readBytes}): a
 * slice would share components that {@code discardReadComponents} releases while the write is still queued.
 */
final class PaddedLengthRepair {
    /** Most client bytes held back while waiting for a packet to be framed. */
    private static final int MAX_HELD = 1 << 20;

    private final CompositeByteBuf pending;
    private final Consumer<ByteBuf> out;
    private final List<DecodedPacket> framed = new ArrayList<>();
    /** Stream offset of the first byte in {@link #pending}. */
    private long pendingBase;
    private int repaired;

    PaddedLengthRepair(ByteBufAllocator alloc, Consumer<ByteBuf> out) {
        this.pending = alloc.compositeBuffer(Integer.MAX_VALUE);
        this.out = out;
    }

    /** A packet the decoder framed from bytes already {@link #add added} or about to be. */
    void framed(DecodedPacket p) {
        framed.add(p);
    }

    /** Bytes the decoder has just seen; the packets it framed from them go on. Takes ownership of {@code bytes}. */
    void add(ByteBuf bytes) {
        pending.addComponent(true, bytes);
        for (DecodedPacket p : framed) {
            long end = p.offset() + p.length();
            if (p.offset() >= pendingBase) {
                int before = (int) (p.offset() - pendingBase);
                if (before > 0) {
                    out.accept(pending.readBytes(before));
                }
                if (PaddedLength.repairable(p)) {
                    pending.skipBytes(p.length());
                    out.accept(Unpooled.wrappedBuffer(p.repaired()));
                    repaired++;
                } else {
                    out.accept(pending.readBytes(p.length()));
                }
            } else if (end > pendingBase) {
                out.accept(pending.readBytes((int) (end - pendingBase))); // its start went on already
            }
            pendingBase = Math.max(pendingBase, end);
        }
        framed.clear();
        if (pending.readableBytes() > MAX_HELD) {
            pendingBase += pending.readableBytes();
            out.accept(pending.readBytes(pending.readableBytes()));
        }
        pending.discardReadComponents();
    }

    /** Packets sent on repaired so far. */
    int repaired() {
        return repaired;
    }

    /** The stream ends: what is still held goes on untouched ({@code forward}) or is dropped, and is released. */
    void finish(boolean forward) {
        if (forward && pending.isReadable()) {
            out.accept(pending.readBytes(pending.readableBytes()));
        }
        pending.release();
    }
}
