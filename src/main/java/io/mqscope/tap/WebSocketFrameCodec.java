package io.mqscope.tap;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;

/**
 * WebSocket framing (RFC 6455 §5) as one Netty handler, for either end of a connection. Bytes read become
 * {@link WebSocketFrame} messages, each placed in its direction's MQTT byte stream; {@link WebSocketFrame}s written
 * become bytes, and every frame written (by a handler or by the codec itself) is told to the handlers after it as a
 * {@link Written} user event. A ping is answered with a pong carrying the same payload (§5.5.2); a close is answered
 * with a close echoing its status code (§5.5.1), after which the channel closes and later bytes are ignored.
 *
 * <p>A frame that breaks the framing rules closes the connection with status 1002 (1009 for one over the size limit,
 * §7.4.1) and fires a {@link CorruptedWebSocketFrameException}; the messages are Netty's own, so failure texts read
 * the same as with Netty's decoder.
 */
final class WebSocketFrameCodec extends ChannelDuplexHandler {

    /** RFC 6455 §5.1: a client masks every frame it sends, a server none; each side rejects the other's mistake. */
    enum Role {
        CLIENT, SERVER;

        boolean masksWrites() {
            return this == CLIENT;
        }

        boolean expectsMaskedReads() {
            return this == SERVER;
        }
    }

    /** A frame this codec wrote (its payload already handed to the transport), as a user event. */
    record Written(WebSocketOpcode opcode, boolean fin, int payloadLength, long streamOffset, Integer closeCode,
                   String closeReason) {
    }

    /** RFC 6455 §5.5: control frames carry at most 125 payload bytes. */
    private static final int MAX_CONTROL_PAYLOAD = 125;

    private final Role role;
    private final int maxPayload;
    private final IntSupplier masks;
    private ByteBuf cumulation;
    private long readOffset;
    private long writtenOffset;
    private boolean inFragmentedMessage;
    private boolean closeReceived;
    private boolean closeSent;
    private boolean corrupt;

    /** @param maxPayload largest payload one frame may carry; a longer frame is refused with 1009 */
    WebSocketFrameCodec(Role role, int maxPayload) {
        this(role, maxPayload, () -> ThreadLocalRandom.current().nextInt());
    }

    /** @param masks source of the 32-bit masking keys (§5.3); only the client role uses it */
    WebSocketFrameCodec(Role role, int maxPayload, IntSupplier masks) {
        this.role = role;
        this.maxPayload = maxPayload;
        this.masks = masks;
    }

    Role role() {
        return role;
    }

    // ---------------------------------------------------------------- reading

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (closeReceived || corrupt) {
            in.release(); // §5.5.1: nothing after a close frame counts
            return;
        }
        cumulation = cumulation == null ? in
                : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), cumulation, in);
        try {
            while (cumulation != null && cumulation.isReadable() && !closeReceived && !corrupt && !ctx.isRemoved()) {
                WebSocketFrame frame = nextFrame(ctx);
                if (frame == null) {
                    break;
                }
                deliver(ctx, frame);
            }
        } finally {
            if (cumulation != null && (closeReceived || corrupt || !cumulation.isReadable())) {
                cumulation.release();
                cumulation = null;
            }
        }
    }

    /** The next whole frame from the cumulation, or null while it is incomplete (or broke the rules). */
    private WebSocketFrame nextFrame(ChannelHandlerContext ctx) {
        ByteBuf in = cumulation;
        int start = in.readerIndex();
        int available = in.readableBytes();
        if (available < 2) {
            return null;
        }
        int b0 = in.getUnsignedByte(start);
        int b1 = in.getUnsignedByte(start + 1);
        boolean fin = (b0 & 0x80) != 0;
        int code = b0 & 0x0F;
        boolean masked = (b1 & 0x80) != 0;
        int length7 = b1 & 0x7F;
        String broken = headerViolation(fin, (b0 & 0x70) >> 4, code, masked, length7);
        if (broken != null) {
            violate(ctx, WebSocketCloseStatus.PROTOCOL_ERROR, broken);
            return null;
        }
        int headerLength = 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0);
        if (available < headerLength) {
            return null;
        }
        long length = length7 == 126 ? in.getUnsignedShort(start + 2)
                : length7 == 127 ? in.getLong(start + 2) : length7;
        if (length < 0) {
            // §5.2: "the most significant bit MUST be 0"
            violate(ctx, WebSocketCloseStatus.PROTOCOL_ERROR, "invalid data frame length (negative length)");
            return null;
        }
        if (length7 == 126 && length < 126 || length7 == 127 && length < 65536) {
            // §5.2: "the minimal number of bytes MUST be used to encode the length"
            violate(ctx, WebSocketCloseStatus.PROTOCOL_ERROR,
                    "invalid data frame length (not using minimal length encoding)");
            return null;
        }
        if (length > maxPayload) {
            violate(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG,
                    "Max frame length of " + maxPayload + " has been exceeded.");
            return null;
        }
        int size = (int) length;
        if (available < headerLength + (masked ? 4 : 0) + (long) size) {
            return null;
        }
        in.skipBytes(headerLength);
        ByteBuf payload;
        if (masked) {
            int key = in.readInt();
            payload = ctx.alloc().buffer(size);
            xor(in, in.readerIndex(), size, key, payload);
            in.skipBytes(size);
        } else {
            payload = in.readRetainedSlice(size);
        }
        WebSocketOpcode opcode = WebSocketOpcode.of(code);
        long offset = readOffset;
        if (!opcode.isControl()) {
            readOffset += size;
            inFragmentedMessage = !fin;
        }
        return new WebSocketFrame(opcode, fin, payload, offset);
    }

    /** The framing rules a header can break (RFC 6455 §5.2, §5.4, §5.5), in Netty's words; null when none. */
    private String headerViolation(boolean fin, int rsv, int code, boolean masked, int length7) {
        if (rsv != 0) {
            return "RSV != 0 and no extension negotiated, RSV:" + rsv; // §5.2: no extension is negotiated
        }
        if (masked != role.expectsMaskedReads()) {
            return "received a frame that is not masked as expected";
        }
        WebSocketOpcode opcode = WebSocketOpcode.of(code);
        if ((code & 0x8) != 0) {
            if (!fin) {
                return "fragmented control frame";
            }
            if (length7 > MAX_CONTROL_PAYLOAD) {
                return "control frame with payload length > 125 octets";
            }
            if (opcode == null) {
                return "control frame using reserved opcode " + code;
            }
            if (opcode == WebSocketOpcode.CLOSE && length7 == 1) {
                return "received close control frame with payload len 1";
            }
            return null;
        }
        if (opcode == null) {
            return "data frame using reserved opcode " + code;
        }
        if (!inFragmentedMessage && opcode == WebSocketOpcode.CONTINUATION) {
            return "received continuation data frame outside fragmented message";
        }
        if (inFragmentedMessage && opcode != WebSocketOpcode.CONTINUATION) {
            return "received non-continuation data frame while inside fragmented message";
        }
        return null;
    }

    private void deliver(ChannelHandlerContext ctx, WebSocketFrame frame) {
        switch (frame.opcode()) {
            case PING -> {
                ByteBuf echo = frame.content().retainedDuplicate();
                ctx.fireChannelRead(frame);
                if (ctx.isRemoved() || closeSent || !ctx.channel().isActive()) {
                    echo.release();
                    return;
                }
                writeAndFlush(ctx, WebSocketFrame.pong(echo)); // §5.5.2: "Application data" echoed
            }
            case CLOSE -> {
                closeReceived = true;
                String broken = closeBodyViolation(frame.content());
                if (broken != null) {
                    frame.release();
                    violate(ctx, WebSocketCloseStatus.PROTOCOL_ERROR, broken);
                    return;
                }
                Integer code = frame.closeCode();
                ctx.fireChannelRead(frame);
                if (!ctx.isRemoved() && !closeSent && ctx.channel().isActive()) {
                    // §5.5.1: answer with a close, "typically echoing the status code it received"
                    writeAndFlush(ctx, WebSocketFrame.close(code == null ? -1 : code, null))
                            .addListener(ChannelFutureListener.CLOSE);
                }
            }
            default -> ctx.fireChannelRead(frame);
        }
    }

    /** §5.5.1 and §7.4: a close body is empty or a valid status code followed by UTF-8; null when it is. */
    private static String closeBodyViolation(ByteBuf body) {
        if (body.readableBytes() < 2) {
            return null;
        }
        int status = body.getUnsignedShort(body.readerIndex());
        if (!WebSocketCloseStatus.isValidStatusCode(status)) {
            return "Invalid close frame getStatus code: " + status;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(
                    ByteBufUtil.getBytes(body, body.readerIndex() + 2, body.readableBytes() - 2)));
        } catch (CharacterCodingException e) {
            return "bytes are not UTF-8";
        }
        return null;
    }

    /** Stops reading, closes the connection (with a close frame unless one was exchanged) and reports why. */
    private void violate(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason) {
        corrupt = true;
        if (ctx.channel().isActive()) {
            int room = MAX_CONTROL_PAYLOAD - 2; // the reason follows the 2-byte code; Netty's reasons are ASCII
            ChannelFuture sent = closeReceived || closeSent
                    ? ctx.writeAndFlush(Unpooled.EMPTY_BUFFER)
                    : writeAndFlush(ctx, WebSocketFrame.close(status.code(),
                            reason.length() > room ? reason.substring(0, room) : reason));
            sent.addListener(ChannelFutureListener.CLOSE);
        }
        ctx.fireExceptionCaught(new CorruptedWebSocketFrameException(status, reason));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        discard();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        discard();
    }

    private void discard() {
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
    }

    // ---------------------------------------------------------------- writing

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof WebSocketFrame frame) {
            encode(ctx, frame, promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    private ChannelFuture writeAndFlush(ChannelHandlerContext ctx, WebSocketFrame frame) {
        ChannelPromise promise = ctx.newPromise();
        encode(ctx, frame, promise);
        ctx.flush();
        return promise;
    }

    private void encode(ChannelHandlerContext ctx, WebSocketFrame frame, ChannelPromise promise) {
        WebSocketOpcode opcode = frame.opcode();
        int length = frame.payloadLength();
        if (closeSent) {
            frame.release(); // §5.5.1: after a close frame an endpoint sends nothing more
            promise.tryFailure(new IllegalStateException("WebSocket close frame already sent"));
            return;
        }
        if (opcode.isControl() && length > MAX_CONTROL_PAYLOAD) {
            frame.release();
            promise.tryFailure(new IllegalArgumentException(opcode.wireName() + " payload of " + length
                    + " bytes; control frames carry at most 125"));
            return;
        }
        Written written = new Written(opcode, frame.fin(), length, writtenOffset, frame.closeCode(),
                frame.closeReason());
        boolean mask = role.masksWrites();
        int headerLength = 2 + (length <= 125 ? 0 : length <= 0xFFFF ? 2 : 8) + (mask ? 4 : 0);
        ByteBuf out;
        if (mask) {
            out = ctx.alloc().buffer(headerLength + length);
            header(out, frame.fin(), opcode, true, length);
            int key = masks.getAsInt();
            out.writeInt(key);
            ByteBuf payload = frame.content();
            xor(payload, payload.readerIndex(), length, key, out);
            frame.release();
        } else {
            ByteBuf head = ctx.alloc().buffer(headerLength);
            header(head, frame.fin(), opcode, false, length);
            out = Unpooled.wrappedBuffer(head, frame.content()); // takes over the payload's reference
        }
        if (!opcode.isControl()) {
            writtenOffset += length;
        }
        if (opcode == WebSocketOpcode.CLOSE) {
            closeSent = true;
        }
        ctx.write(out, promise);
        ctx.fireUserEventTriggered(written);
    }

    /** §5.2: FIN, RSV 0, opcode; MASK bit and the shortest length encoding. */
    private static void header(ByteBuf out, boolean fin, WebSocketOpcode opcode, boolean masked, int length) {
        out.writeByte((fin ? 0x80 : 0) | opcode.code());
        int maskBit = masked ? 0x80 : 0;
        if (length <= 125) {
            out.writeByte(maskBit | length);
        } else if (length <= 0xFFFF) {
            out.writeByte(maskBit | 126);
            out.writeShort(length);
        } else {
            out.writeByte(maskBit | 127);
            out.writeLong(length);
        }
    }

    /** §5.3: byte i of the payload is XORed with byte (i mod 4) of the key (masking and unmasking alike). */
    private static void xor(ByteBuf from, int index, int length, int key, ByteBuf to) {
        int i = 0;
        for (; i + 3 < length; i += 4) {
            to.writeInt(from.getInt(index + i) ^ key);
        }
        for (; i < length; i++) {
            to.writeByte(from.getByte(index + i) ^ (key >>> (24 - 8 * (i & 3))));
        }
    }
}
