package io.mqscope.wire;

import static io.mqscope.wire.Wire.BROKER;
import static io.mqscope.wire.Wire.CLIENT;
import static io.mqscope.wire.Wire.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Root causes beyond the spec: the padded Remaining Length, and bytes that are not MQTT at all. */
class DiagnosisTest {

    private static List<DecodedPacket> all(Direction dir, byte[] b) {
        return new StreamDecoder(dir, 0).expectConnectionStart(false).decodeAll(b);
    }

    @Test
    void padded_one_byte_length_in_connect() {
        byte[] seed = bytes(0x10, 0x1a, 0x00, 0x00, 0x00, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0xc2, 0x00, 0x3c,
                0x00, 0x0a, 'c', 'n', '.', 'l', 'o', 'k', 'e', 'i', '-', '1', 0x00, 0x00, 0x00, 0x00);
        List<DecodedPacket> ps = all(CLIENT, seed);
        assertThat(ps).hasSize(1);
        DecodedPacket p = ps.get(0);
        Finding f = Wire.error(p, "remaining_length", Rule.REMAINING_LENGTH_PADDED_LITERAL_THEN, 1, 1, "3.1.1 §2.2.3");
        assertThat(f.message()).startsWith("remaining_length declares 26 but 29 bytes present (3 extra bytes)")
                .contains("protocol name length 0");
        assertThat(p.findings().get(1).field()).isEqualTo("protocol_name");
        assertThat(p.diagnosis()).contains("\"1a 00 00 00\" instead of \"1a\"").contains("PR #1506")
                .contains("clientId \"cn.lokei-1\"").contains("empty username and password");
        // the same advice as the WeChat snippet of "copy as code" (profile.Snippet.MQTTJS_WX_ADVICE)
        assertThat(p.diagnosis()).contains("mqtt.js 3.x and 4.x", "mqtt-packet 6.6.0", "closed unmerged",
                "use MQTT.js 5");
        assertThat(io.mqscope.profile.Snippet.MQTTJS_WX_ADVICE).contains("MQTT.js 3.x and 4.x", "mqtt-packet >= 6.6.0",
                "closed unmerged", "Use MQTT.js 5");
        assertThat(p.repaired()).hasSize(28);
    }

    /** The seed bug as mosquitto leaves it: it hangs up after the 26 body bytes the padded length declares. */
    static final byte[] SEED = bytes(0x10, 0x1a, 0x00, 0x00, 0x00, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0xc2, 0x00,
            0x3c, 0x00, 0x0a, 'c', 'n', '.', 'l', 'o', 'k', 'e', 'i', '-', '1', 0x00, 0x00, 0x00, 0x00);

    @Test
    void padded_connect_cut_at_28_or_29_bytes_is_one_packet_with_the_diagnosis() {
        for (int n : new int[] {28, 29}) {
            byte[] cut = java.util.Arrays.copyOf(SEED, n);
            StreamDecoder whole = new StreamDecoder(CLIENT, 0);
            List<DecodedPacket> ps = whole.decodeAll(cut);
            assertThat(ps).as("%d bytes", n).hasSize(1);
            DecodedPacket p = ps.get(0);
            assertThat(p.type()).isEqualTo(PacketType.CONNECT);
            assertThat(p.length()).isEqualTo(n);
            assertThat(p.malformed()).isTrue();
            assertThat(p.cause().rule()).isEqualTo(Rule.DIAGNOSIS_PADDED_REMAINING_LENGTH_CUT);
            assertThat(p.diagnosis())
                    .startsWith("Remaining Length written as 4 bytes \"1a 00 00 00\" instead of \"1a\"")
                    .contains("The stream ends " + (31 - n) + " bytes short of the padded packet")
                    .contains("reads the 26 bytes the length declares")
                    .contains("start of a CONNECT: protocol MQTT 3.1.1, clientId \"cn.lokei-1\", clean session");
            assertThat(p.repaired()).as("no repair of a packet whose end is missing").isNull();
            assertThat(whole.protocolVersion()).isEqualTo(4);
            // Live: the decoder waits for the padding's worth of bytes, and the end of the stream decides.
            StreamDecoder live = new StreamDecoder(CLIENT, 0);
            assertThat(live.feed(cut)).isEmpty();
            List<DecodedPacket> out = new ArrayList<>();
            live.finish(out::add);
            assertThat(out).singleElement().satisfies(q -> assertThat(q.diagnosis()).isEqualTo(p.diagnosis()));
        }
        assertThat(all(CLIENT, java.util.Arrays.copyOf(SEED, 29)).get(0).findings().get(0).message())
                .startsWith("remaining_length declares 26 but 27 bytes present (1 extra byte); read literally");
    }

    @Test
    void padded_connect_cut_inside_the_declared_length_keeps_the_truncation_and_gets_the_diagnosis() {
        StreamDecoder d = new StreamDecoder(CLIENT, 0);
        List<DecodedPacket> ps = d.decodeAll(java.util.Arrays.copyOf(SEED, 20));
        assertThat(ps).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo(PacketType.CONNECT);
            assertThat(p.length()).isEqualTo(20);
            assertThat(p.findings().get(0).rule()).isEqualTo(Rule.REMAINING_LENGTH_PADDED_LITERAL_THEN);
            assertThat(p.diagnosis()).contains("The stream ends 11 bytes short of the padded packet");
        });
        assertThat(d.streamFindings()).singleElement()
                .satisfies(f -> assertThat(f.rule()).isEqualTo(Rule.STREAM_TRUNCATED_DECLARED));
    }

    @Test
    void a_cut_connect_whose_zeros_are_not_followed_by_a_protocol_name_is_not_blamed_on_padding() {
        byte[] b = java.util.Arrays.copyOf(SEED, 28);
        b[8] = 'X'; // "MXTT"
        assertThat(all(CLIENT, b)).singleElement().satisfies(p -> assertThat(p.diagnosis()).isNull());
        byte[] publish = java.util.Arrays.copyOf(SEED, 28);
        publish[0] = 0x30;
        assertThat(all(CLIENT, publish)).singleElement().satisfies(p -> assertThat(p.diagnosis()).isNull());
    }

    @Test
    void padded_length_in_publish_with_two_byte_length() {
        // PUBLISH with remaining length 200 (c8 01) padded to c8 01 00 00
        byte[] b = new byte[1 + 4 + 200];
        b[0] = 0x30;
        b[1] = (byte) 0xc8;
        b[2] = 0x01;
        b[5] = 0x00;
        b[6] = 0x03;
        b[7] = 'a';
        b[8] = '/';
        b[9] = 'b';
        DecodedPacket p = all(CLIENT, b).get(0);
        Wire.error(p, "remaining_length", Rule.REMAINING_LENGTH_PADDED_LITERAL_THEN, 1, 2, "3.1.1 §2.2.3");
        assertThat(p.diagnosis()).contains("\"c8 01 00 00\" instead of \"c8 01\"").contains("PUBLISH");
        assertThat(p.repaired()).hasSize(203);
    }

    @Test
    void padded_pingreq() {
        List<DecodedPacket> ps = all(CLIENT, bytes(0xc0, 0x00, 0x00, 0x00, 0x00));
        assertThat(ps).hasSize(1);
        Wire.error(ps.get(0), "remaining_length", Rule.REMAINING_LENGTH_PADDED_LITERAL, 1, 1, "3.1.1 §2.2.3");
        assertThat(ps.get(0).diagnosis()).contains("PR #1506");
    }

    @Test
    void padded_length_arriving_in_websocket_messages_still_diagnosed() {
        StreamDecoder d = new StreamDecoder(CLIENT, 4).expectConnectionStart(false);
        List<DecodedPacket> out = new ArrayList<>();
        String[] frames = {"10", "1a000000", "0004", "4d515454", "04", "c2", "003c", "000a", "636e2e6c6f6b65692d31",
            "0000", "", "0000", ""};
        for (String f : frames) {
            byte[] b = io.mqscope.payload.HexParser.parse(f).value();
            d.feed(b, 0, b.length, out::add);
        }
        d.finish(out::add);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).diagnosis()).contains("PR #1506");
    }

    @Test
    void zeros_that_do_not_repair_are_not_blamed_on_padding() {
        // PUBACK with packet id 0: padding removal would leave too few bytes
        DecodedPacket p = all(CLIENT, bytes(0x40, 0x02, 0x00, 0x00)).get(0);
        Wire.error(p, "packet_id", Rule.PACKET_ID_ZERO, 2, 2, "3.1.1 §2.3.1 [MQTT-2.3.1-1]");
        assertThat(p.diagnosis()).isNull();
    }

    @Test
    void websocket_upgrade_request_on_a_tcp_port() {
        byte[] b = ("GET /mqtt HTTP/1.1\r\nHost: broker\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Protocol: mqtt\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        List<DecodedPacket> ps = all(CLIENT, b);
        assertThat(ps).hasSize(1);
        DecodedPacket p = ps.get(0);
        assertThat(p.type()).isEqualTo(PacketType.PUBACK);
        assertThat(Wire.error(p, "packet_type",
                Rule.NOT_MQTT_HTTP_REQUEST, 0, 107,
                "").message()).contains("HTTP request").contains("GET /mqtt HTTP/1.1");
        assertThat(p.diagnosis()).contains("WebSocket client").contains("plain MQTT TCP port");
        assertThat(p.length()).isEqualTo(b.length);
    }

    @Test
    void http_error_response_to_raw_mqtt() {
        byte[] b = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        DecodedPacket p = all(BROKER, b).get(0);
        assertThat(Wire.error(p, "packet_type",
                Rule.NOT_MQTT_HTTP_RESPONSE, 0, 47, "").message()).contains("HTTP response");
        assertThat(p.diagnosis()).contains("raw MQTT").contains("ws://");
    }

    @Test
    void http_101_switching_protocols() {
        byte[] b = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(all(BROKER, b).get(0).diagnosis()).contains("WebSocket handshake response");
    }

    @Test
    void http_prefix_split_over_feeds() {
        StreamDecoder d = new StreamDecoder(CLIENT, 0);
        List<DecodedPacket> out = new ArrayList<>();
        byte[] b = "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < b.length; i++) {
            d.feed(b, i, 1, out::add);
        }
        d.finish(out::add);
        assertThat(out.get(0).findings().get(0).message()).contains("HTTP request");
    }

    @Test
    void tls_client_hello_on_a_plain_port() {
        byte[] b = bytes(0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x03);
        DecodedPacket p = all(CLIENT, b).get(0);
        assertThat(p.type()).isEqualTo(PacketType.CONNECT);
        assertThat(Wire.error(p, "packet_type", Rule.NOT_MQTT_TLS, 0, 10, "").message()).contains("TLS ClientHello");
        assertThat(p.diagnosis()).contains("client speaks TLS");
    }

    @Test
    void tls_alert_from_a_tls_port() {
        DecodedPacket p = all(BROKER, bytes(0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x0a)).get(0);
        assertThat(p.findings().get(0).message()).contains("TLS alert");
        assertThat(p.diagnosis()).contains("plain MQTT to a TLS port");
    }

    @Test
    void masked_websocket_frame_in_a_tcp_stream() {
        byte[] pingreq = {(byte) 0xc0, 0x00};
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        byte[] frame = {(byte) 0x82, (byte) 0x82, mask[0], mask[1], mask[2], mask[3],
            (byte) (pingreq[0] ^ mask[0]), (byte) (pingreq[1] ^ mask[1])};
        DecodedPacket p = all(CLIENT, frame).get(0);
        assertThat(Wire.error(p, "packet_type",
                Rule.NOT_MQTT_WEBSOCKET_MASKED, 0, 8, "").message()).contains("WebSocket frame").contains("PINGREQ");
        assertThat(p.diagnosis()).contains("MQTT over WebSocket");
    }

    @Test
    void unmasked_websocket_frame_from_broker() {
        DecodedPacket p = all(BROKER, bytes(0x82, 0x04, 0x20, 0x02, 0x00, 0x00)).get(0);
        assertThat(p.findings().get(0).message()).contains("WebSocket frame").contains("CONNACK");
    }

    @Test
    void a_real_subscribe_is_not_mistaken_for_websocket() {
        DecodedPacket p = all(CLIENT, bytes(0x82, 0x08, 0x00, 0x01, 0x00, 0x03, 'a', '/', 'b', 0x00)).get(0);
        assertThat(p.malformed()).isFalse();
        assertThat(p.type()).isEqualTo(PacketType.SUBSCRIBE);
    }

    @Test
    void an_empty_subscribe_from_a_client_is_not_an_empty_websocket_message() {
        // 82 00: an unmasked frame cannot come from a WebSocket client (RFC 6455 §5.1), and an empty binary
        // message carries no MQTT; read as MQTT it is a SUBSCRIBE with remaining_length 0.
        DecodedPacket p = all(CLIENT, bytes(0x82, 0x00)).get(0);
        assertThat(p.type()).isEqualTo(PacketType.SUBSCRIBE);
        Wire.error(p, "remaining_length", Rule.REMAINING_LENGTH_TOO_SMALL, 1, 1, "3.1.1 §3.8.1");
    }

    @Test
    void an_unmasked_frame_from_a_client_is_not_websocket() {
        // 88 02 03 e8 would be an unmasked close frame (1000): WebSocket clients always mask.
        DecodedPacket p = all(CLIENT, bytes(0x88, 0x02, 0x03, 0xe8)).get(0);
        assertThat(p.type()).isEqualTo(PacketType.SUBSCRIBE);
        Wire.error(p, "header_flags", Rule.HEADER_FLAGS_0010, 0, 1, "3.1.1 §3.8.1 [MQTT-3.8.1-1]");
    }

    @Test
    void zero_bytes_after_a_complete_packet_are_its_extra_bytes() {
        // 20 02 00 00 | 00 00: the zeros frame as a RESERVED0 packet of length 0, which nobody sends
        List<DecodedPacket> ps = all(BROKER, bytes(0x20, 0x02, 0x00, 0x00, 0x00, 0x00));
        assertThat(ps).hasSize(1);
        assertThat(Wire.error(ps.get(0), "remaining_length",
                Rule.REMAINING_LENGTH_EXTRA_BYTES, 1, 1, "3.1.1 §2.2.3").message()).contains("2 extra bytes");
    }

    @Test
    void a_connect_starting_with_p_is_not_http() {
        // PUBREC 0x50 is also 'P': a well-formed PUBREC must stay one
        DecodedPacket p = all(BROKER, bytes(0x50, 0x02, 0x00, 0x01)).get(0);
        assertThat(p.malformed()).isFalse();
    }

    @Test
    void remaining_length_too_small_in_connect() {
        // CONNECT whose fields take 22 bytes, declared 20
        byte[] b = bytes(0x10, 0x14, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3c,
                0x00, 0x0a, 'c', 'n', '.', 'l', 'o', 'k', 'e', 'i', '-', '1');
        List<DecodedPacket> ps = all(CLIENT, b);
        assertThat(ps).hasSize(1);
        Finding f = Wire.error(ps.get(0), "remaining_length", Rule.REMAINING_LENGTH_TOO_SHORT, 1, 1, "3.1.1 §2.2.3");
        assertThat(f.message()).contains("declares 20 but the packet's fields take 22 bytes");
        assertThat(ps.get(0).repaired()[1]).isEqualTo((byte) 0x16);
        assertThat(ps.get(0).diagnosis()).contains("2 bytes too small");
    }

    @Test
    void remaining_length_too_small_in_puback() {
        List<DecodedPacket> ps = all(BROKER, bytes(0x40, 0x01, 0x00, 0x01));
        assertThat(ps).hasSize(1);
        Wire.error(ps.get(0), "remaining_length", Rule.REMAINING_LENGTH_TOO_SHORT, 1, 1, "3.1.1 §2.2.3");
        assertThat(Wire.value(ps.get(0), "packet_id")).isEqualTo(1);
    }

    @Test
    void a_bad_packet_followed_by_good_ones_keeps_its_own_framing() {
        // PUBACK with packet id 0 and a PINGRESP: the PUBACK is not stretched
        List<DecodedPacket> ps = all(BROKER, bytes(0x40, 0x02, 0x00, 0x00, 0xd0, 0x00));
        assertThat(ps).hasSize(2);
        Wire.error(ps.get(0), "packet_id", Rule.PACKET_ID_ZERO, 2, 2, "3.1.1 §2.3.1 [MQTT-2.3.1-1]");
        assertThat(ps.get(1).malformed()).isFalse();
    }

    @Test
    void refused_connack_explains_the_likely_cause() {
        DecodedPacket p = all(BROKER, bytes(0x20, 0x02, 0x00, 0x04)).get(0);
        assertThat(p.malformed()).isFalse();
        assertThat(p.diagnosis()).contains("Bad user name or password").contains("signing");
        assertThat(all(BROKER, bytes(0x20, 0x02, 0x00, 0x01)).get(0).diagnosis()).contains("protocol version");
        assertThat(all(BROKER, bytes(0x20, 0x02, 0x00, 0x00)).get(0).diagnosis()).isNull();
    }

    @Test
    void mqtt_311_subscribe_on_a_50_connection() {
        DecodedPacket p = new StreamDecoder(CLIENT, 5).expectConnectionStart(false)
                .decodeAll(bytes(0x82, 0x08, 0x00, 0x01, 0x00, 0x03, 'a', '/', 'b', 0x00)).get(0);
        Wire.error(p, "properties", Rule.PROPERTIES_MISSING_LENGTH, 2, 0, "5.0 §2.2.2");
        assertThat(p.diagnosis()).contains("well-formed MQTT 3.1.1 SUBSCRIBE").contains("connection uses MQTT 5.0");
    }

    @Test
    void mqtt_50_connack_on_a_311_connection() {
        DecodedPacket p = new StreamDecoder(BROKER, 4).expectConnectionStart(false)
                .decodeAll(bytes(0x20, 0x03, 0x00, 0x00, 0x00)).get(0);
        Wire.error(p, "remaining_length", Rule.REMAINING_LENGTH_FIXED, 1, 1, "3.1.1 §3.2.1");
        assertThat(p.diagnosis()).contains("well-formed MQTT 5.0 CONNACK");
    }

    @Test
    void junk_tail_of_a_capture_counts_as_extra_bytes() {
        List<DecodedPacket> ps = all(CLIENT, bytes(0x30, 0x05, 0x00, 0x01, 'a', 'b', 'c', 'd', 'e'));
        assertThat(ps).hasSize(1);
        assertThat(Wire.error(ps.get(0), "remaining_length",
                Rule.REMAINING_LENGTH_EXTRA_BYTES, 1, 1,
                "3.1.1 §2.2.3").message()).contains("declares 5 but 7 bytes present");
    }

    @Test
    void a_truncated_real_packet_after_a_good_one_stays_separate() {
        List<DecodedPacket> ps = all(CLIENT, bytes(0xc0, 0x00, 0x30, 0x05, 0x00));
        assertThat(ps).hasSize(2);
        assertThat(ps.get(0).malformed()).isFalse();
        Wire.error(ps.get(1), "remaining_length", Rule.REMAINING_LENGTH_TRUNCATED, 1, 1, "3.1.1 §2.2.3");
    }
}
