package io.mqscope.capture;

import static io.mqscope.capture.TestCaptures.CLIENT_V4;
import static io.mqscope.capture.TestCaptures.SERVER_V4;
import static io.mqscope.capture.TestCaptures.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.capture.TestCaptures.Conv;
import io.mqscope.wire.Direction;
import io.mqscope.wire.PacketType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MQTT over WebSocket in a capture, and the WeChat padded CONNECT (the seed bug) as it is seen on the wire. */
class WebSocketCaptureTest {
    /** The padded CONNECT of mqtt.js on WeChat: Remaining Length "1a 00 00 00" instead of "1a". */
    static final byte[] WECHAT = hex("10 1a 00 00 00 00 04 4d 51 54 54 04 c2 00 3c 00 0a 63 6e 2e 6c 6f 6b 65 69 2d"
            + "31 00 00 00 00");
    /** How mqtt.js writes it: one WebSocket message per field (corpus bad-wechat-connect-rl-padded-1a ws_frames). */
    static final int[] WECHAT_MESSAGES = {1, 4, 2, 4, 1, 1, 2, 2, 10, 2, 0, 2, 0};

    static final String UPGRADE = "GET /mqtt HTTP/1.1\r\nHost: broker\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: mqtt\r\n"
            + "Sec-WebSocket-Version: 13\r\n\r\n";
    static final String SWITCHING = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: mqtt\r\n\r\n";

    static Conversation only(Conv conv) throws Exception {
        Capture cap = CaptureReader.read(new ByteArrayInputStream(TestCaptures.pcap(false, false, 101, 65535,
                conv.frames(ip -> ip))), CaptureReader.Options.defaults());
        assertThat(cap.conversations()).hasSize(1);
        return cap.conversations().get(0);
    }

    @Test
    void wechat_connect_in_thirteen_masked_messages_gets_its_diagnosis_and_the_broker_close_is_explained()
            throws Exception {
        Conv conv = new Conv(CLIENT_V4, 50_100, SERVER_V4, 8083).handshake()
                .send(true, UPGRADE.getBytes(StandardCharsets.US_ASCII))
                .send(false, SWITCHING.getBytes(StandardCharsets.US_ASCII));
        int at = 0;
        for (int i = 0; i < WECHAT_MESSAGES.length; i++) {
            byte[] part = Arrays.copyOfRange(WECHAT, at, at + WECHAT_MESSAGES[i]);
            conv.send(true, PcapngExport.wsFrame(part, true, i));
            at += WECHAT_MESSAGES[i];
        }
        conv.fin(false);
        Conversation c = only(conv);
        assertThat(c.transport()).isEqualTo(Transport.WS);
        assertThat(c.ws()).hasSize(13).allSatisfy(f -> {
            assertThat(f.masked()).isTrue();
            assertThat(f.fin()).isTrue();
            assertThat(f.from()).isEqualTo(Direction.CLIENT_TO_BROKER);
        });
        assertThat(c.ws().stream().mapToInt(WsFrame::length).toArray()).containsExactly(WECHAT_MESSAGES);
        assertThat(c.ws().get(2).mqttOffset()).isEqualTo(5);
        assertThat(c.packets()).singleElement().satisfies(p -> {
            assertThat(p.packet().type()).isEqualTo(PacketType.CONNECT);
            assertThat(p.packet().raw()).isEqualTo(WECHAT);
            assertThat(p.packet().diagnosis()).startsWith("Remaining Length written as 4 bytes \"1a 00 00 00\"");
        });
        assertThat(c.closes()).singleElement().satisfies(cl -> assertThat(cl.description())
                .isEqualTo("the broker sent FIN 0.2 ms after the client's CONNECT #0, which is malformed"));
    }

    @Test
    void a_refused_upgrade_is_noted() throws Exception {
        Conv conv = new Conv(CLIENT_V4, 50_101, SERVER_V4, 8083).handshake()
                .send(true, UPGRADE.getBytes(StandardCharsets.US_ASCII))
                .send(false, "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII)).fin(false);
        Conversation c = only(conv);
        assertThat(c.notes()).contains("the broker refused the WebSocket upgrade: HTTP/1.1 400 Bad Request");
        assertThat(c.packets()).isEmpty();
    }

    /** A broker that hangs up after reading the 28 bytes the padded length declares (2 + 26). */
    static Conversation cutShort(int bytes) throws Exception {
        Conv conv = new Conv(CLIENT_V4, 50_102, SERVER_V4, 1883).handshake()
                .send(true, Arrays.copyOf(WECHAT, bytes)).fin(false);
        return only(conv);
    }

    @Test
    void a_connect_cut_short_by_the_broker_is_a_malformed_connect_and_the_close_names_the_last_client_packet()
            throws Exception {
        Conversation c28 = cutShort(28);
        assertThat(c28.packets()).singleElement().satisfies(p -> {
            assertThat(p.packet().type()).isEqualTo(PacketType.CONNECT);
            assertThat(p.packet().malformed()).isTrue();
        });
        assertThat(c28.closes().get(0).description())
                .isEqualTo("the broker sent FIN 0.1 ms after the client's CONNECT #0, which is malformed");
        // 29 bytes: the 29th byte belongs to the (padded) CONNECT, not to a packet of its own.
        Conversation c29 = cutShort(29);
        assertThat(c29.packets()).singleElement().satisfies(p -> {
            assertThat(p.packet().type()).isEqualTo(PacketType.CONNECT);
            assertThat(p.packet().length()).isEqualTo(29);
            assertThat(p.packet().malformed()).isTrue();
        });
        assertThat(c29.closes().get(0).description()).endsWith(", which is malformed");
    }

    /**
     * The padded-length diagnosis for a CONNECT cut at 28 or 29 of its 31 bytes. The capture side hands the
     * StreamDecoder exactly the bytes on the wire; read literally, bytes 0-27 are a complete CONNECT of Remaining
     * Length 26, so the decoder recognises the padding by the body's start ("00 00 00 00 04 M Q T T") once the
     * stream has ended.
     */
    @Test
    void a_connect_cut_short_still_gets_the_padded_length_diagnosis() throws Exception {
        for (int n : new int[] {28, 29}) {
            List<CapturedPacket> packets = cutShort(n).packets();
            assertThat(packets.get(0).packet().diagnosis()).as("%d bytes", n)
                    .startsWith("Remaining Length written as 4 bytes \"1a 00 00 00\"");
        }
    }
}
