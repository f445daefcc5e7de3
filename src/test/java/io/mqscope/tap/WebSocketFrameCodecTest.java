package io.mqscope.tap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link WebSocketFrameCodec} on an {@link EmbeddedChannel}: RFC 6455 §5 frames written out byte by byte, read in
 * both roles, answered (ping, close) and written (masking, 7-, 16- and 64-bit lengths). No broker involved.
 */
class WebSocketFrameCodecTest {
    /** Masking key for frames the client role writes: bytes 0x01 0x02 0x03 0x04. */
    private static final int KEY = 0x01020304;
    private static final int MAX = 1 << 20;

    private final List<WebSocketFrameCodec.Written> written = new ArrayList<>();

    private EmbeddedChannel channel(WebSocketFrameCodec.Role role) {
        return new EmbeddedChannel(new WebSocketFrameCodec(role, MAX, () -> KEY), new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                if (event instanceof WebSocketFrameCodec.Written w) {
                    written.add(w);
                }
            }
        });
    }

    // ---------------------------------------------------------------- reading

    @Test
    void client_reads_an_unmasked_binary_frame() {
        EmbeddedChannel ch = channel(WebSocketFrameCodec.Role.CLIENT);
        ch.writeInbound(bytes(
                0x82,                   // FIN, opcode 0x2 binary
                0x04,                   // MASK 0, payload length 4
                0x20, 0x02, 0x00, 0x00  // payload: a CONNACK
        ));
        WebSocketFrame f = ch.readInbound();
        assertThat(f.opcode()).isEqualTo(WebSocketOpcode.BINARY);
        assertThat(f.fin()).isTrue();
        assertThat(f.streamOffset()).isZero();
        assertThat(payload(f)).containsExactly(0x20, 0x02, 0x00, 0x00);
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void server_reads_a_masked_frame_and_unmasks_it() {
        EmbeddedChannel ch = channel(WebSocketFrameCodec.Role.SERVER);
        ch.writeInbound(bytes(
                0x82,                   // FIN, binary
                0x85,                   // MASK 1, payload length 5
                0x37, 0xFA, 0x21, 0x3D, // masking key
                0x7F, 0x9F, 0x4D, 0x51, 0x58 // "Hello" masked (the example of RFC 6455 §5.7)
        ));
        WebSocketFrame f = ch.readInbound();
        assertThat(f.content().toString(StandardCharsets.US_ASCII)).isEqualTo("Hello");
        f.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void client_refuses_a_masked_frame_with_close_1002() {
        EmbeddedChannel ch = channel(WebSocketFrameCodec.Role.CLIENT);
        assertThatThrownBy(() -> ch.writeInbound(bytes(
                0x82, 0x81,             // binary, MASK 1, length 1: a server must not mask (§5.1)
                0x00, 0x00, 0x00, 0x00, // masking key
                0x20)))
                .isInstanceOf(CorruptedWebSocketFrameException.class)
                .hasMessage("received a frame that is not masked as expected");
        assertThat(closeCode(ch.readOutbound(), true)).isEqualTo(1002);
        assertThat(ch.isOpen()).as("closed after the close frame").isFalse();
        assertThat(written).singleElement().satisfies(w -> assertThat(w.closeCode()).isEqualTo(1002));
        ch.finishAndReleaseAll();
    }

    @Test
    void server_refuses_an_unmasked_frame() {
        EmbeddedChannel ch = channel(WebSocketFrameCodec.Role.SERVER);
        assertThatThrownBy(() -> ch.writeInbound(bytes(0x82, 0x01, 0x20)))  // binary, MASK 0: a client must mask
                .hasMessage("received a frame that is not masked as expected");
        assertThat(closeCode(ch.readOutbound(), false)).as("a server's close is unmasked").isEqualTo(1002);
        ch.finishAndReleaseAll();
    }

    @Test
    void fragmented_message_with_a_ping_between_keeps_stream_offsets() {
        EmbeddedChannel ch = channel(WebSocketFrameCodec.Role.CLIENT);
        ByteBuf in = bytes(
                0x02, 0x02, 0x20, 0x02, // FIN 0, binary: first fragment, 2 bytes at offset 0
                0x89, 0x00,             // FIN, ping, empty: control frames may come between fragments (§5.4)
                0x80, 0x02, 0x00, 0x00, // FIN, continuation: 2 bytes at offset 2
                0x82, 0x00              // FIN, binary, empty message
        );
        ch.writeInbound(in);
        List<String> frames = new ArrayList<>();
        for (WebSocketFrame f; (f = ch.readInbound()) != null; f.release()) {
            frames.add(f.opcode().wireName() + (f.fin() ? "" : "+") + ":" + f.payloadLength() + "@" + f.streamOffset());
        }
        assertThat(frames).containsExactly("binary+:2@0", "ping:0@2", "continuation:2@2", "binary:0@4");
        ch.finishAndReleaseAll();
        assertThat(in.refCnt()).as("payloads are slices of the bytes read; all released").isZero();
    }

    @Test
    void continuation_outside_a_fragmented_message_is_refused() {
        EmbeddedChannel ch = channel(WebSocketFrameCodec.Role.CLIENT);
        assertThatThrownBy(() -> ch.writeInbound(bytes(0x80, 0x01, 0x20)))  // FIN, continuation with no message
                .hasMessage("received continuation data frame outside fragmented message");
        ch.finishAndReleaseAll();
    }

    @Test
    void new_message_inside_a_fragmented_one_is_refused() {
        EmbeddedChannel ch = channel(WebSocketFrameCodec.Role.CLIENT);
        assertThatThrownBy(() -> ch.writeInbound(bytes(
                0x02, 0x01, 0x20,       // FIN 0, binary: first fragment
                0x82, 0x01, 0x20)))     // FIN, binary: a new message before the first ended
                .hasMessage("received non-continuation data frame while inside fragmented message");
        ch.finishAndReleaseAll();
    }

    @Test
    void ping_is_answered_with_a_pong_carrying_its_payload() {
        EmbeddedChannel ch = channel(WebSocketFrameCodec.Role.CLIENT);
        ch.writeInbound(bytes(0x89, 0x02, 'h', 'i'));  // FIN, ping, "hi"
        WebSocketFrame ping = ch.readInbound();
        assertThat(ping.opcode()).isEqualTo(WebSocketOpcode.PING);
        ping.release();
        assertThat(drain(ch.readOutbound())).containsExactly(
                0x8A,                   // FIN, pong
                0x82,                   // MASK 1 (client role), length 2
                0x01, 0x02, 0x03, 0x04, // masking key
                'h' ^ 0x01, 'i' ^ 0x02  // "hi" masked
        );
        assertThat(written).singleElement().satisfies(w -> {
            assertThat(w.opcode()).isEqualTo(WebSocketOpcode.PONG);
            assertThat(w.payloadLength()).isEqualTo(2);
        });
        ch.finishAndReleaseAll();
    }

    @Test
    void close_keeps_code_and_reason_is_echoed_and_ends_reading() {
        EmbeddedChannel ch = channel(WebSocketFrameCodec.Role.CLIENT);
        byte[] reason = "going away".getBytes(StandardCharsets.UTF_8);
        ByteBuf in = bytes(
                0x88,                   // FIN, close
                2 + reason.length,      // length 12
                0x03, 0xE9              // status code 1001 "going away" (§7.4.1)
        ).writeBytes(reason).writeBytes(bytes(0x82, 0x01, 0x20));  // a data frame after the close: ignored
        ch.writeInbound(in);
        WebSocketFrame close = ch.readInbound();
        assertThat(close.closeCode()).isEqualTo(1001);
        assertThat(close.closeReason()).isEqualTo("going away");
        assertThat(close.payloadLength()).isEqualTo(12);
        close.release();
        assertThat((Object) ch.readInbound()).as("nothing after a close frame").isNull();
        assertThat(drain(ch.readOutbound())).containsExactly(
                0x88, 0x82,             // FIN, close; MASK 1, length 2
                0x01, 0x02, 0x03, 0x04, // masking key
                0x03 ^ 0x01, 0xE9 ^ 0x02 // 1001 echoed, masked
        );
        assertThat(written).singleElement().satisfies(w -> {
            assertThat(w.closeCode()).isEqualTo(1001);
            assertThat(w.payloadLength()).isEqualTo(2);
        });
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void empty_close_is_answered_with_an_empty_close() {
        EmbeddedChannel ch = channel(WebSocketFrameCodec.Role.SERVER);
        ch.writeInbound(bytes(0x88, 0x80, 0x00, 0x00, 0x00, 0x00));  // FIN, close, masked, no status code
        WebSocketFrame close = ch.readInbound();
        assertThat(close.closeCode()).isNull();
        assertThat(close.closeReason()).isEmpty();
        close.release();
        assertThat(drain(ch.readOutbound())).containsExactly(0x88, 0x00);  // server role: unmasked, empty
        ch.finishAndReleaseAll();
    }

    @Test
    void invalid_close_code_is_refused() {
        EmbeddedChannel ch = channel(WebSocketFrameCodec.Role.CLIENT);
        assertThatThrownBy(() -> ch.writeInbound(bytes(0x88, 0x02, 0x03, 0xED)))  // 1005 must not be sent (§7.4.1)
                .hasMessage("Invalid close frame getStatus code: 1005");
        ch.finishAndReleaseAll();
    }

    @Test
    void sixteen_bit_length() {
        EmbeddedChannel ch = channel(WebSocketFrameCodec.Role.CLIENT);
        byte[] body = filled(300);
        ch.writeInbound(bytes(
                0x82,                   // FIN, binary
                0x7E,                   // MASK 0, length 126: a 16-bit length follows
                0x01, 0x2C              // 300
        ).writeBytes(body));
        WebSocketFrame f = ch.readInbound();
        assertThat(payload(f)).isEqualTo(body);
        ch.finishAndReleaseAll();
    }

    @Test
    void sixty_four_bit_length_fed_in_pieces() {
        EmbeddedChannel ch = channel(WebSocketFrameCodec.Role.CLIENT);
        byte[] body = filled(65_536);
        ByteBuf frame = bytes(
                0x82,                   // FIN, binary
                0x7F,                   // MASK 0, length 127: a 64-bit length follows
                0, 0, 0, 0, 0, 1, 0, 0  // 65536
        ).writeBytes(body);
        while (frame.isReadable()) {
            ch.writeInbound(frame.readRetainedSlice(Math.min(7_001, frame.readableBytes())));
        }
        frame.release();
        WebSocketFrame f = ch.readInbound();
        assertThat(payload(f)).isEqualTo(body);
        ch.finishAndReleaseAll();
    }

    @Test
    void a_length_not_in_its_shortest_form_is_refused() {
        EmbeddedChannel ch = channel(WebSocketFrameCodec.Role.CLIENT);
        assertThatThrownBy(() -> ch.writeInbound(bytes(0x82, 0x7E, 0x00, 0x05, 1, 2, 3, 4, 5)))  // 5 in 16 bits
                .hasMessage("invalid data frame length (not using minimal length encoding)");
        ch.finishAndReleaseAll();
    }

    @Test
    void a_frame_over_the_limit_is_refused_with_1009() {
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocketFrameCodec(WebSocketFrameCodec.Role.SERVER, 100));
        assertThatThrownBy(() -> ch.writeInbound(bytes(0x82, 0xFE, 0x00, 0xC8)))  // masked, length 200
                .hasMessage("Max frame length of 100 has been exceeded.");
        assertThat(closeCode(ch.readOutbound(), false)).isEqualTo(1009);
        ch.finishAndReleaseAll();
    }

    @Test
    void reserved_opcode_and_rsv_bits_are_refused() {
        EmbeddedChannel reserved = channel(WebSocketFrameCodec.Role.CLIENT);
        assertThatThrownBy(() -> reserved.writeInbound(bytes(0x83, 0x00)))  // FIN, opcode 0x3: reserved
                .hasMessage("data frame using reserved opcode 3");
        reserved.finishAndReleaseAll();
        EmbeddedChannel rsv = channel(WebSocketFrameCodec.Role.CLIENT);
        assertThatThrownBy(() -> rsv.writeInbound(bytes(0xC2, 0x00)))  // FIN, RSV1, binary: no extension agreed
                .hasMessage("RSV != 0 and no extension negotiated, RSV:4");
        rsv.finishAndReleaseAll();
    }

    // ---------------------------------------------------------------- writing

    @Test
    void client_masks_what_it_writes() {
        EmbeddedChannel ch = channel(WebSocketFrameCodec.Role.CLIENT);
        ByteBuf mqtt = bytes(0x20, 0x02, 0x00, 0x00);
        ch.writeOutbound(WebSocketFrame.binary(mqtt));
        assertThat(mqtt.refCnt()).as("masked into a new buffer and released").isZero();
        assertThat(drain(ch.readOutbound())).containsExactly(
                0x82,                   // FIN, binary
                0x84,                   // MASK 1, length 4
                0x01, 0x02, 0x03, 0x04, // masking key
                0x21, 0x00, 0x03, 0x04  // 20 02 00 00 XOR 01 02 03 04
        );
        ch.finishAndReleaseAll();
    }

    @Test
    void server_writes_unmasked_frames_with_16_and_64_bit_lengths() {
        EmbeddedChannel ch = channel(WebSocketFrameCodec.Role.SERVER);
        ch.writeOutbound(WebSocketFrame.binary(Unpooled.wrappedBuffer(filled(300))));
        byte[] medium = drain(ch.readOutbound());
        assertThat(Arrays.copyOf(medium, 4)).containsExactly(0x82, 0x7E, 0x01, 0x2C);  // binary, 16-bit length 300
        assertThat(medium).hasSize(4 + 300);
        ch.writeOutbound(WebSocketFrame.binary(Unpooled.wrappedBuffer(filled(70_000))));
        byte[] large = drain(ch.readOutbound());
        assertThat(Arrays.copyOf(large, 10)).containsExactly(
                0x82, 0x7F,             // binary, 64-bit length
                0, 0, 0, 0, 0, 1, 0x11, 0x70);  // 70000
        assertThat(large).hasSize(10 + 70_000);
        assertThat(written).extracting(WebSocketFrameCodec.Written::streamOffset).containsExactly(0L, 300L);
        ch.finishAndReleaseAll();
    }

    @Test
    void empty_binary_message_is_written_with_a_mask_key() {
        EmbeddedChannel ch = channel(WebSocketFrameCodec.Role.CLIENT);
        ch.writeOutbound(WebSocketFrame.binary(Unpooled.EMPTY_BUFFER));
        assertThat(drain(ch.readOutbound())).containsExactly(0x82, 0x80, 0x01, 0x02, 0x03, 0x04);
        ch.finishAndReleaseAll();
    }

    @Test
    void nothing_is_written_after_a_close() {
        EmbeddedChannel ch = channel(WebSocketFrameCodec.Role.SERVER);
        ch.writeOutbound(WebSocketFrame.close(1000, "bye"));
        assertThat(drain(ch.readOutbound())).containsExactly(0x88, 0x05, 0x03, 0xE8, 'b', 'y', 'e');
        ch.writeOneOutbound(WebSocketFrame.binary(bytes(0x20)));
        ch.flushOutbound();
        assertThat((Object) ch.readOutbound()).as("§5.5.1: no data after a close frame").isNull();
        assertThat(written).extracting(WebSocketFrameCodec.Written::closeReason).containsExactly("bye");
        ch.finishAndReleaseAll();
    }

    // ---------------------------------------------------------------- helpers

    private static ByteBuf bytes(int... values) {
        ByteBuf b = Unpooled.buffer(values.length);
        for (int v : values) {
            b.writeByte(v);
        }
        return b;
    }

    private static byte[] filled(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    private static byte[] payload(WebSocketFrame f) {
        try {
            return ByteBufUtil.getBytes(f.content());
        } finally {
            f.release();
        }
    }

    private static byte[] drain(ByteBuf b) {
        try {
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    /** The status code of a written close frame, unmasking it when {@code masked}. */
    private static int closeCode(ByteBuf b, boolean masked) {
        byte[] f = drain(b);
        assertThat(f[0] & 0xFF).as("FIN, close").isEqualTo(0x88);
        assertThat((f[1] & 0x80) != 0).as("mask bit").isEqualTo(masked);
        int at = masked ? 6 : 2;
        int hi = f[at] & 0xFF;
        int lo = f[at + 1] & 0xFF;
        if (masked) {
            hi ^= f[2] & 0xFF;
            lo ^= f[3] & 0xFF;
        }
        return hi << 8 | lo;
    }
}
