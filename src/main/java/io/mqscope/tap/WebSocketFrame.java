package io.mqscope.tap;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * One WebSocket frame (RFC 6455 §5.2) with its payload, unmasked. {@link WebSocketFrameCodec} emits these for the
 * frames it reads and encodes the ones written to it. The holder owns the payload: whoever takes a frame releases
 * it (or hands the payload on).
 *
 * <p>{@link #streamOffset()} places the frame in the MQTT byte stream of its direction: for a data frame, the offset
 * of its first payload byte (the payload bytes of earlier data frames); for a control frame, the number of data bytes
 * that came before it. Frames built for writing carry -1 until the codec has placed them.
 */
final class WebSocketFrame extends DefaultByteBufHolder {
    private final WebSocketOpcode opcode;
    private final boolean fin;
    private final long streamOffset;

    WebSocketFrame(WebSocketOpcode opcode, boolean fin, ByteBuf payload, long streamOffset) {
        super(payload);
        this.opcode = opcode;
        this.fin = fin;
        this.streamOffset = streamOffset;
    }

    /** A final binary frame: one MQTT chunk as a whole message. */
    static WebSocketFrame binary(ByteBuf payload) {
        return new WebSocketFrame(WebSocketOpcode.BINARY, true, payload, -1);
    }

    static WebSocketFrame ping(ByteBuf payload) {
        return new WebSocketFrame(WebSocketOpcode.PING, true, payload, -1);
    }

    static WebSocketFrame pong(ByteBuf payload) {
        return new WebSocketFrame(WebSocketOpcode.PONG, true, payload, -1);
    }

    /**
     * A close frame (RFC 6455 §5.5.1): the status code in two bytes, then the reason in UTF-8; a negative code makes
     * an empty close frame (no status, §7.1.5 "1005").
     */
    static WebSocketFrame close(int code, String reason) {
        if (code < 0) {
            return new WebSocketFrame(WebSocketOpcode.CLOSE, true, Unpooled.EMPTY_BUFFER, -1);
        }
        byte[] text = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        ByteBuf payload = Unpooled.buffer(2 + text.length).writeShort(code).writeBytes(text);
        return new WebSocketFrame(WebSocketOpcode.CLOSE, true, payload, -1);
    }

    WebSocketOpcode opcode() {
        return opcode;
    }

    /** FIN: the last frame of a message; control frames always have it. */
    boolean fin() {
        return fin;
    }

    int payloadLength() {
        return content().readableBytes();
    }

    long streamOffset() {
        return streamOffset;
    }

    /** The status code of a close frame, or null when it has none (or this is not a close frame). */
    Integer closeCode() {
        ByteBuf b = content();
        return opcode != WebSocketOpcode.CLOSE || b.readableBytes() < 2 ? null : b.getUnsignedShort(b.readerIndex());
    }

    /** The reason of a close frame, "" when it has none; null when this is not a close frame. */
    String closeReason() {
        if (opcode != WebSocketOpcode.CLOSE) {
            return null;
        }
        ByteBuf b = content();
        return b.readableBytes() <= 2 ? ""
                : b.toString(b.readerIndex() + 2, b.readableBytes() - 2, StandardCharsets.UTF_8);
    }

    @Override
    public WebSocketFrame replace(ByteBuf content) {
        return new WebSocketFrame(opcode, fin, content, streamOffset);
    }

    @Override
    public WebSocketFrame retain() {
        super.retain();
        return this;
    }

    @Override
    public WebSocketFrame touch(Object hint) {
        super.touch(hint);
        return this;
    }

    @Override
    public String toString() {
        return "WebSocketFrame(" + opcode.wireName() + (fin ? "" : ", fin=0") + ", " + payloadLength() + " bytes at "
                + streamOffset + ")";
    }
}
