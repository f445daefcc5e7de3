package io.mqscope.tap;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

/**
 * Writing on and closing one hop (client side or upstream) of a relayed or tapped connection, shared by
 * {@link RelayConnection} and {@link TappedConnection} so that both forward and end the same way.
 */
final class Hops {
    private Hops() {
    }

    /**
     * Writes MQTT bytes on a hop: as one WebSocket message with the given opcode and FIN on a WebSocket hop (a binary
     * message when the bytes came from a stream, {@code opcode} null), as they are on a byte stream.
     */
    static void write(Channel out, boolean webSocket, ByteBuf payload, WebSocketOpcode opcode, boolean fin) {
        if (!webSocket) {
            out.write(payload);
        } else {
            out.write(opcode == null ? WebSocketFrame.binary(payload) : new WebSocketFrame(opcode, fin, payload, -1));
        }
    }

    /** Passes a close frame on with its code and reason (RFC 6455 §5.5.1; none when it had none). */
    static void passClose(Channel out, WebSocketFrame close) {
        Integer code = close.closeCode();
        out.writeAndFlush(WebSocketFrame.close(code == null ? -1 : code, close.closeReason()));
    }

    /** Closes a hop after what is already queued on it is flushed. */
    static void closeAfterFlush(Channel ch) {
        if (ch.isActive()) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
            ch.close();
        }
    }
}
