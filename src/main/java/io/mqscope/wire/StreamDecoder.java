package io.mqscope.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Incremental decoder for one direction of one connection. Fed bytes in any split, it frames packets and hands
 * each decoded packet to the sink. Not thread-safe: one instance per direction, fed from one thread.
 *
 * <p>CONTRACT STUB: the framing here is minimal; the wire analyzer replaces the body, keeping these signatures.
 */
public final class StreamDecoder {
    private final Direction direction;
    private int protocolVersion;
    private final List<Finding> streamFindings = new ArrayList<>();

    /** @param protocolVersion 3, 4 or 5 when known in advance, 0 to learn it from CONNECT */
    public StreamDecoder(Direction direction, int protocolVersion) {
        this.direction = direction;
        this.protocolVersion = protocolVersion;
    }

    public Direction direction() {
        return direction;
    }

    /** The protocol version known so far (0 until learned). */
    public int protocolVersion() {
        return protocolVersion;
    }

    /** Lets the other direction's decoder share what it learned from CONNECT. */
    public void setProtocolVersion(int protocolVersion) {
        this.protocolVersion = protocolVersion;
    }

    /** Feeds bytes; every complete packet is passed to {@code sink} before this returns. Never throws on bad input. */
    public void feed(byte[] data, int off, int len, Consumer<DecodedPacket> sink) {
        throw new UnsupportedOperationException("wire analyzer not yet implemented");
    }

    public List<DecodedPacket> feed(byte[] data) {
        List<DecodedPacket> out = new ArrayList<>();
        feed(data, 0, data.length, out::add);
        return out;
    }

    /** Ends the stream: bytes of an incomplete packet still buffered are reported as a stream finding. */
    public void finish() {
    }

    /** Findings that belong to no single packet (sequence, truncation at end of stream, non-MQTT bytes). */
    public List<Finding> streamFindings() {
        return List.copyOf(streamFindings);
    }
}
