package io.mqscope.tap;

import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.Finding;
import io.mqscope.wire.Rule;
import io.mqscope.wire.StreamDecoder;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * One direction of a relayed connection, looked at and never changed: its MQTT bytes go to a {@link StreamDecoder}
 * whose packets and stream findings reach the listener, and to a {@link MqttSniffer} that reads the first packet's
 * key byte on its own, so stage reporting works even when decoding fails. A decoder that throws stops decoding
 * for this direction (said once, as a finding); the bytes are still forwarded by the caller.
 */
final class PacketTap {

    /** The first packet of this direction as the sniffer read it: type nibble and key byte (-1 when unknown). */
    interface FirstPacket {
        void seen(int type, int value);
    }

    private final String connectionId;
    private final Direction direction;
    private final RelayListener listener;
    private final FirstPacket firstPacket;
    private final StreamDecoder decoder;
    private final MqttSniffer sniffer = new MqttSniffer();
    private PacketTap peer;
    private boolean decoderBroken;
    private int findingsReported;
    private long offset;
    private DecodedPacket lastPacket;
    /** Where the bytes of a direct (off-heap) read are copied for the decoder, reused: the decoder keeps none. */
    private byte[] scratch = new byte[0];

    PacketTap(String connectionId, Direction direction, RelayListener listener, FirstPacket firstPacket) {
        this.connectionId = connectionId;
        this.direction = direction;
        this.listener = listener;
        this.firstPacket = firstPacket;
        this.decoder = new StreamDecoder(direction, 0);
    }

    /** Pairs the two directions: the broker's side learns the protocol level from the client's CONNECT. */
    static void pair(PacketTap toBroker, PacketTap toClient) {
        toBroker.peer = toClient;
        toClient.peer = toBroker;
    }

    /** Bytes of this direction seen so far. */
    long offset() {
        return offset;
    }

    /** The last packet decoded in this direction, or null. */
    DecodedPacket lastPacket() {
        return lastPacket;
    }

    /** Whether this direction began with a CONNECT. */
    boolean sniffedConnect() {
        return sniffer.firstType() == 1;
    }

    /** Looks at the readable bytes of {@code buf} without moving its reader index. */
    void observe(ByteBuf buf) {
        int len = buf.readableBytes();
        if (len == 0) {
            return;
        }
        // Netty reads into pooled direct buffers: their bytes are copied once into a reused array (a fresh array
        // per read was the tap's largest allocation); a heap buffer is read in place.
        byte[] bytes;
        int off;
        if (buf.hasArray()) {
            bytes = buf.array();
            off = buf.arrayOffset() + buf.readerIndex();
        } else {
            if (scratch.length < len) {
                scratch = new byte[Math.max(len, Math.min(scratch.length * 2, 1 << 20))];
            }
            buf.getBytes(buf.readerIndex(), scratch, 0, len);
            bytes = scratch;
            off = 0;
        }
        if (!sniffer.done()) {
            sniff(bytes, off, len);
        }
        if (!decoderBroken) {
            try {
                decoder.feed(bytes, off, len, this::packet);
                if (direction == Direction.CLIENT_TO_BROKER && decoder.protocolVersion() != 0 && peer != null
                        && peer.decoder.protocolVersion() == 0) {
                    peer.decoder.setProtocolVersion(decoder.protocolVersion());
                }
                reportStreamFindings();
            } catch (RuntimeException | LinkageError | AssertionError e) {
                decoderBroken = true;
                listener.onStreamFinding(connectionId, direction, Finding.of(Rule.RELAY_DECODING_STOPPED,
                        decoder.protocolVersion(), "stream", (int) Math.min(offset, Integer.MAX_VALUE), 0,
                        FailureText.messages(e)));
            }
        }
        offset += len;
    }

    private void sniff(byte[] bytes, int off, int len) {
        boolean connectSide = direction == Direction.CLIENT_TO_BROKER;
        if (!sniffer.feed(bytes, off, len, connectSide)) {
            return;
        }
        int level = sniffer.value();
        if (connectSide && sniffer.firstType() == 1 && level >= 3 && level <= 5 && peer != null
                && peer.decoder.protocolVersion() == 0 && (decoderBroken || decoder.protocolVersion() == 0)) {
            try {
                peer.decoder.setProtocolVersion(level);
            } catch (RuntimeException e) {
                // the decoder learns it on its own
            }
        }
        firstPacket.seen(sniffer.firstType(), sniffer.value());
    }

    private void packet(DecodedPacket p) {
        lastPacket = p;
        long now = System.nanoTime();
        listener.onPacket(new PacketEvent(connectionId, now, EventClock.wallTime(now), direction, p));
    }

    private void reportStreamFindings() {
        if (decoder.streamFindingCount() == findingsReported) {
            return; // the usual case, checked per read without copying the list
        }
        List<Finding> all = decoder.streamFindings();
        for (int i = findingsReported; i < all.size(); i++) {
            listener.onStreamFinding(connectionId, direction, all.get(i));
        }
        findingsReported = all.size();
    }

    /** The protocol version this direction's decoder learned, 0 while unknown. */
    int protocolVersion() {
        return decoder.protocolVersion();
    }

    /**
     * The stream ended: packets the decoder still held (waiting for the bytes that decide a repair) are reported,
     * then what was left incomplete.
     */
    void finish() {
        if (decoderBroken) {
            return;
        }
        try {
            decoder.finish(this::packet);
            reportStreamFindings();
        } catch (RuntimeException | LinkageError | AssertionError e) {
            decoderBroken = true;
        }
    }
}
