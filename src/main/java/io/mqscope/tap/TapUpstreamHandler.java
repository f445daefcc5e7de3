package io.mqscope.tap;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Tail of a tapped connection's upstream pipeline: the broker's frames or bytes, its writability, and its end. */
final class TapUpstreamHandler extends ChannelInboundHandlerAdapter {
    private final TappedConnection connection;

    TapUpstreamHandler(TappedConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        connection.brokerRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        connection.brokerReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        connection.updateReading();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.brokerGone(null);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connection.brokerGone(cause);
    }
}
