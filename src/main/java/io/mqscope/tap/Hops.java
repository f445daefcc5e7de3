package io.mqscope.tap;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;

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

    /**
     * Shuts the hop's output down after what is queued is flushed, leaving its input open: its peer reads the end of
     * the stream (a WebSocket client: an abnormal closure, 1006) and closes, and what it sent before stays readable.
     * Only on a plain TCP hop: over TLS a bare FIN would cut the stream without its close_notify.
     *
     * @return false when the hop cannot be half-closed (TLS, not a TCP channel, already closed)
     */
    static boolean shutdownOutputAfterFlush(Channel ch) {
        if (!(ch instanceof DuplexChannel d) || !ch.isActive() || ch.pipeline().get(SslHandler.class) != null) {
            return false;
        }
        ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> d.shutdownOutput());
        return true;
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
