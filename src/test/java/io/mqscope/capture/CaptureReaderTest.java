package io.mqscope.capture;

import static io.mqscope.capture.TestCaptures.CLIENT_V4;
import static io.mqscope.capture.TestCaptures.SERVER_V4;
import static io.mqscope.capture.TestCaptures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqscope.capture.TestCaptures.Conv;
import io.mqscope.capture.TestCaptures.Frame;
import io.mqscope.wire.Direction;
import io.mqscope.wire.PacketType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-built captures: every format variant, link type and TCP irregularity the reader must survive. */
class CaptureReaderTest {
    // CONNECT 3.1.1, clean session, keepalive 60, client id "a"
    static final byte[] CONNECT = hex("10 0d" // fixed header, remaining length 13
            + "00 04 4d 51 54 54" // protocol name "MQTT"
            + "04 02 00 3c" // level 4, flags clean session, keepalive 60
            + "00 01 61"); // client id "a"
    static final byte[] CONNACK = hex("20 02 00 00");
    // PUBLISH QoS 0, topic "t", payload "hello"
    static final byte[] PUBLISH = hex("30 08 00 01 74 68 65 6c 6c 6f");
    static final byte[] PINGREQ = hex("c0 00");

    static Capture read(byte[] file) throws Exception {
        return CaptureReader.read(new ByteArrayInputStream(file), CaptureReader.Options.defaults());
    }

    static Conv basic() {
        return new Conv(CLIENT_V4, 50_000, SERVER_V4, 1883).handshake().send(true, CONNECT).send(false, CONNACK)
                .send(true, PUBLISH);
    }

    static List<String> types(Conversation c) {
        return c.packets().stream().map(p -> p.from().peer() + ":" + p.packet().type()).toList();
    }

    @Test
    void little_endian_microsecond_pcap_over_ethernet_with_vlan() throws Exception {
        Conv conv = basic().fin(false);
        Capture cap = read(TestCaptures.pcap(false, false, 1, 65535, conv.frames(ip -> TestCaptures.ethernet(ip,
                true))));
        assertThat(cap.conversations()).hasSize(1);
        Conversation c = cap.conversations().get(0);
        assertThat(c.transport()).isEqualTo(Transport.TCP);
        assertThat(c.client()).hasToString("192.0.2.10:50000");
        assertThat(c.server()).hasToString("192.0.2.1:1883");
        assertThat(types(c)).containsExactly("client:CONNECT", "broker:CONNACK", "client:PUBLISH");
        assertThat(c.packets().get(0).time().getNano() % 1000).isZero();
        assertThat(c.closes()).singleElement().satisfies(cl -> {
            assertThat(cl.by()).isEqualTo(Direction.BROKER_TO_CLIENT);
            assertThat(cl.description()).isEqualTo("the broker sent FIN 0.1 ms after the client's PUBLISH #1");
        });
    }

    @Test
    void big_endian_nanosecond_pcap_over_raw_ip_keeps_nanoseconds() throws Exception {
        Conv conv = basic();
        List<Frame> frames = new ArrayList<>();
        for (Frame f : conv.frames(ip -> ip)) {
            frames.add(new Frame(f.timeNanos() + 123, f.data()));
        }
        Capture cap = read(TestCaptures.pcap(true, true, 101, 65535, frames));
        Conversation c = cap.conversations().get(0);
        assertThat(types(c)).containsExactly("client:CONNECT", "broker:CONNACK", "client:PUBLISH");
        assertThat(c.packets().get(0).time().getNano() % 1000).isEqualTo(123);
    }

    @Test
    void ipv6_with_extension_header_over_bsd_loopback() throws Exception {
        byte[] c6 = hex("20010db8000000000000000000000010");
        byte[] s6 = hex("20010db8000000000000000000000001");
        Conv conv = new Conv(c6, 50_001, s6, 1883).handshake().send(true, CONNECT).send(false, CONNACK);
        Conversation c = read(TestCaptures.pcap(false, false, 0, 65535, conv.frames(TestCaptures::bsdNull)))
                .conversations().get(0);
        assertThat(c.client()).hasToString("[2001:db8::10]:50001");
        assertThat(types(c)).containsExactly("client:CONNECT", "broker:CONNACK");
    }

    @Test
    void ipv6_addresses_are_written_as_rfc_5952_recommends() {
        assertThat(Dissector.ipv6Text(hex("20010db8000000000001000000000001"), 0)).isEqualTo("2001:db8::1:0:0:1");
        assertThat(Dissector.ipv6Text(hex("00000000000000000000000000000001"), 0)).isEqualTo("::1");
        assertThat(Dissector.ipv6Text(hex("fe800000000000000000000000000000"), 0)).isEqualTo("fe80::");
        assertThat(Dissector.ipv6Text(hex("20010db8000100010001000100010001"), 0))
                .isEqualTo("2001:db8:1:1:1:1:1:1");
    }

    @Test
    void pcapng_with_linux_cooked_v2_and_v1_interfaces_and_their_own_resolution() throws Exception {
        Conv one = basic();
        Conv two = new Conv(CLIENT_V4, 50_002, SERVER_V4, 1883).handshake().send(true, CONNECT);
        List<Frame> frames = new ArrayList<>(one.frames(TestCaptures::sll2));
        List<Integer> ifaces = new ArrayList<>(Collections.nCopies(frames.size(), 0));
        for (Frame f : two.frames(TestCaptures::sll)) {
            frames.add(new Frame(f.timeNanos() + 7, f.data()));
            ifaces.add(1);
        }
        Capture cap = read(TestCaptures.pcapng(false, new int[] {276, 113}, frames, ifaces, List.of()));
        assertThat(cap.conversations()).hasSize(2);
        assertThat(cap.conversations()).allSatisfy(c -> assertThat(c.packets()).isNotEmpty());
        Conversation second = cap.conversations().stream().filter(c -> c.client().port() == 50_002).findFirst()
                .orElseThrow();
        assertThat(second.packets().get(0).time().getNano() % 1000).isEqualTo(7);
    }

    @Test
    void big_endian_pcapng_and_an_unknown_block_is_skipped_with_a_note() throws Exception {
        ByteBuffer custom = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN);
        custom.putInt(0x00000BAD).putInt(16).putInt(0x12345678).putInt(16);
        Conv conv = basic();
        List<Frame> frames = conv.frames(ip -> TestCaptures.ethernet(ip, false));
        Capture cap = read(TestCaptures.pcapng(true, new int[] {1}, frames,
                Collections.nCopies(frames.size(), 0), List.of(custom.array())));
        assertThat(types(cap.conversations().get(0))).hasSize(3);
        assertThat(cap.notes()).anyMatch(n -> n.contains("unknown pcapng blocks of type 0x00000bad skipped: 1"));
    }

    @Test
    void simple_packet_blocks_have_no_time_but_are_decoded() throws Exception {
        List<Frame> frames = basic().frames(ip -> ip);
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        byte[] header = TestCaptures.pcapng(false, new int[] {101}, List.of(), List.of(), List.of());
        file.writeBytes(header);
        for (Frame f : frames) {
            int padded = f.data().length + 3 & ~3;
            ByteBuffer spb = ByteBuffer.allocate(16 + padded).order(ByteOrder.LITTLE_ENDIAN);
            spb.putInt(3).putInt(spb.capacity()).putInt(f.data().length).put(f.data())
                    .put(new byte[padded - f.data().length]).putInt(spb.capacity());
            file.writeBytes(spb.array());
        }
        Capture cap = read(file.toByteArray());
        assertThat(types(cap.conversations().get(0))).containsExactly("client:CONNECT", "broker:CONNACK",
                "client:PUBLISH");
        assertThat(cap.notes()).contains("simple packet blocks (no timestamps): 6");
    }

    @Test
    void out_of_order_and_retransmitted_segments_are_put_back_once() throws Exception {
        Conv conv = new Conv(CLIENT_V4, 50_003, SERVER_V4, 1883).handshake().send(true, CONNECT);
        long s = conv.clientSeq;
        byte[] p = PUBLISH;
        conv.at(true, s + 6, java.util.Arrays.copyOfRange(p, 6, 10));
        conv.at(true, s, java.util.Arrays.copyOfRange(p, 0, 3));
        conv.at(true, s, java.util.Arrays.copyOfRange(p, 0, 3));
        // overlapping: bytes 2..7 while 0..3 and 6..10 are known
        conv.at(true, s + 2, java.util.Arrays.copyOfRange(p, 2, 7));
        conv.clientSeq += p.length;
        conv.send(true, PINGREQ);
        Conversation c = read(TestCaptures.pcap(false, false, 101, 65535, conv.frames(ip -> ip)))
                .conversations().get(0);
        assertThat(types(c)).containsExactly("client:CONNECT", "client:PUBLISH", "client:PINGREQ");
        assertThat(c.packets().get(1).packet().raw()).isEqualTo(PUBLISH);
        assertThat(c.packets().get(1).packet().malformed()).isFalse();
        assertThat(c.retransmissions()).isEqualTo(1);
        assertThat(c.gaps()).isEmpty();
    }

    @Test
    void a_gap_is_reported_and_decoding_resynchronises_after_it() throws Exception {
        Conv conv = new Conv(CLIENT_V4, 50_004, SERVER_V4, 1883).handshake().send(true, CONNECT);
        conv.clientSeq += PUBLISH.length; // this PUBLISH was never captured
        conv.send(true, PUBLISH).send(true, PINGREQ);
        Conversation c = read(TestCaptures.pcap(false, false, 101, 65535, conv.frames(ip -> ip)))
                .conversations().get(0);
        assertThat(c.gaps()).singleElement().satisfies(g -> assertThat(g.describe())
                .startsWith("10 bytes missing at stream offset 15"));
        assertThat(types(c)).containsExactly("client:CONNECT", "client:PUBLISH", "client:PINGREQ");
        assertThat(c.packets().get(1).streamOffset()).isEqualTo(25);
        assertThat(c.packets().get(1).index()).isEqualTo(1);
        assertThat(c.packets().get(1).packet().malformed()).isFalse();
    }

    @Test
    void a_stream_already_open_when_the_capture_started_is_decoded_from_the_port() throws Exception {
        Conv conv = new Conv(CLIENT_V4, 50_005, SERVER_V4, 1883).send(true, PUBLISH).send(false, hex("d0 00"))
                .send(true, PINGREQ);
        Conversation c = read(TestCaptures.pcap(false, false, 101, 65535, conv.frames(ip -> ip)))
                .conversations().get(0);
        assertThat(types(c)).containsExactly("client:PUBLISH", "broker:PINGRESP", "client:PINGREQ");
        assertThat(c.packets()).allSatisfy(p -> assertThat(p.packet().findings()).isEmpty());
        assertThat(c.notes()).contains("the connection was already open when the capture started (no SYN)");
    }

    @Test
    void a_frame_cut_by_the_snaplen_is_a_gap() throws Exception {
        Conv conv = new Conv(CLIENT_V4, 50_006, SERVER_V4, 1883).handshake().send(true, CONNECT)
                .send(true, PUBLISH).send(true, PINGREQ);
        List<Frame> frames = new ArrayList<>(conv.frames(ip -> ip));
        Frame cut = frames.get(4);
        frames.set(4, new Frame(cut.timeNanos(), java.util.Arrays.copyOf(cut.data(), cut.data().length - 4),
                cut.data().length));
        Conversation c = read(TestCaptures.pcap(false, false, 101, 60, frames)).conversations().get(0);
        assertThat(c.gaps()).singleElement().satisfies(g -> {
            assertThat(g.offset()).isEqualTo(21);
            assertThat(g.length()).isEqualTo(4);
        });
        assertThat(types(c)).containsExactly("client:CONNECT", "client:PUBLISH", "client:PINGREQ");
        assertThat(c.packets().get(1).packet().malformed()).isTrue();
    }

    @Test
    void a_damaged_pcapng_block_is_skipped_and_reading_goes_on() throws Exception {
        Conv conv = basic().send(true, PINGREQ);
        List<Frame> frames = conv.frames(ip -> ip);
        byte[] file = TestCaptures.pcapng(false, new int[] {101}, frames, Collections.nCopies(frames.size(), 0),
                List.of());
        // The fourth EPB (the CONNECT) gets a wrong trailing length.
        int pos = 28 + 20;
        for (int i = 0; i < 3; i++) {
            pos += ByteBuffer.wrap(file, pos + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        }
        int at = pos;
        int len = ByteBuffer.wrap(file, at + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        file[at + len - 4] ^= 0x40;
        Capture cap = read(file);
        assertThat(cap.notes()).anyMatch(n -> n.startsWith("damaged block at byte offset " + at));
        Conversation c = cap.conversations().get(0);
        assertThat(types(c)).containsExactly("broker:CONNACK", "client:PUBLISH", "client:PINGREQ");
        assertThat(c.gaps()).singleElement().satisfies(g -> assertThat(g.describe())
                .startsWith("15 bytes missing at stream offset 0"));
    }

    @Test
    void a_damaged_pcap_record_is_skipped_and_reading_goes_on() throws Exception {
        List<Frame> frames = basic().send(true, PINGREQ).frames(ip -> ip);
        byte[] file = TestCaptures.pcap(false, false, 101, 65535, frames);
        int at = 24;
        for (int i = 0; i < 4; i++) {
            at += 16 + frames.get(i).data().length;
        }
        file[at + 8 + 3] = 0x7f; // the CONNACK record claims 2 GB
        Capture cap = read(file);
        int damaged = at;
        assertThat(cap.notes()).anyMatch(n -> n.startsWith("damaged pcap record at byte offset " + damaged));
        assertThat(types(cap.conversations().get(0))).containsExactly("client:CONNECT", "client:PUBLISH",
                "client:PINGREQ");
    }

    @Test
    void a_truncated_file_names_the_offset_and_keeps_what_was_read() throws Exception {
        byte[] file = TestCaptures.pcap(false, false, 101, 65535, basic().frames(ip -> ip));
        byte[] cut = java.util.Arrays.copyOf(file, file.length - 5);
        assertThatThrownBy(() -> read(cut)).isInstanceOfSatisfying(CaptureException.class, e -> {
            assertThat(e.getMessage()).startsWith("truncated pcap file: the record at byte offset")
                    .contains("declares 50 captured bytes but the file ends after 45");
            assertThat(e.offset()).isEqualTo(file.length - 16 - 50);
            assertThat(types(e.partial().conversations().get(0))).containsExactly("client:CONNECT",
                    "broker:CONNACK");
        });
    }

    @Test
    void not_a_capture_file_and_an_unsupported_link_type_say_what_was_found_where() {
        assertThatThrownBy(() -> read("{\"hex\":\"10\"}".getBytes())).isInstanceOf(CaptureException.class)
                .hasMessage("not a capture file: bytes 7b 22 68 65 at byte offset 0 are neither a pcap magic number "
                        + "(a1 b2 c3 d4, a1 b2 3c 4d, either byte order) nor a pcapng section header (0a 0d 0d 0a);"
                        + " it looks like JSON");
        assertThatThrownBy(() -> read(TestCaptures.pcap(false, false, 105, 65535, List.of())))
                .isInstanceOf(CaptureException.class)
                .hasMessageStartingWith("unsupported link type 105 (IEEE 802.11) in the pcap file header at byte "
                        + "offset 20");
        assertThatThrownBy(() -> read(new byte[0])).hasMessage("not a capture file: the file is empty");
    }

    @Test
    void tls_is_listed_with_its_server_name_and_marked_encrypted() throws Exception {
        byte[] name = "broker.example.com".getBytes();
        ByteBuffer ext = ByteBuffer.allocate(9 + name.length);
        ext.putShort((short) 0).putShort((short) (5 + name.length)).putShort((short) (3 + name.length))
                .put((byte) 0).putShort((short) name.length).put(name);
        ByteBuffer hello = ByteBuffer.allocate(4 + 2 + 32 + 1 + 4 + 2 + 2 + ext.capacity());
        hello.put((byte) 1).put((byte) 0).putShort((short) (hello.capacity() - 4)).putShort((short) 0x0303)
                .put(new byte[32]).put((byte) 0).putShort((short) 2).putShort((short) 0x1301).put((byte) 1)
                .put((byte) 0).putShort((short) ext.capacity()).put(ext.array());
        ByteBuffer record = ByteBuffer.allocate(5 + hello.capacity());
        record.put((byte) 0x16).putShort((short) 0x0301).putShort((short) hello.capacity()).put(hello.array());
        Conv conv = new Conv(CLIENT_V4, 50_007, SERVER_V4, 8883).handshake().send(true, record.array());
        Conversation c = read(TestCaptures.pcap(false, false, 101, 65535, conv.frames(ip -> ip)))
                .conversations().get(0);
        assertThat(c.transport()).isEqualTo(Transport.TLS);
        assertThat(c.sni()).isEqualTo("broker.example.com");
        assertThat(c.notes()).anyMatch(n -> n.startsWith("encrypted"));
    }

    @Test
    void http_that_is_not_mqtt_is_counted_not_listed() throws Exception {
        Conv conv = new Conv(CLIENT_V4, 50_008, SERVER_V4, 8080).handshake()
                .send(true, "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
        Capture cap = read(TestCaptures.pcap(false, false, 101, 65535, conv.frames(ip -> ip)));
        assertThat(cap.conversations()).isEmpty();
        assertThat(cap.notes()).contains("1 TCP connection not MQTT (HTTP that is not a WebSocket upgrade to MQTT)");
    }

    @Test
    void mqtt_on_an_unusual_port_is_found_by_its_connect() throws Exception {
        Conv conv = new Conv(CLIENT_V4, 50_009, SERVER_V4, 12_345).handshake().send(true, CONNECT)
                .send(false, CONNACK);
        Capture cap = read(TestCaptures.pcap(false, false, 101, 65535, conv.frames(ip -> ip)));
        assertThat(types(cap.conversations().get(0))).containsExactly("client:CONNECT", "broker:CONNACK");
        assertThat(cap.conversations().get(0).packets().get(0).packet().type()).isEqualTo(PacketType.CONNECT);
    }
}
