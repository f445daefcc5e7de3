package io.mqscope.tap;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Last handler of a tapped client's pipeline: its frames or bytes, its writability, and its end. */
final class TapClientHandler extends ChannelInboundHandlerAdapter {
    static final String NAME = "client";
    private final TappedConnection connection;

    TapClientHandler(TappedConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connection.opened();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        connection.clientRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        connection.clientReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        connection.updateReading();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.closeBoth("client");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connection.clientFailed(cause);
    }
}
