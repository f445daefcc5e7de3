package io.mqscope.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HexDumpTest {

    @Test
    void renders_offset_hex_and_ascii_16_bytes_a_line() {
        String dump = HexDump.render(StreamDecoderTest.CONNECT, 0);
        String[] lines = dump.split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0])
                .isEqualTo("00000000  10 16 00 04 4d 51 54 54  04 02 00 3c 00 0a 63 6e  |....MQTT...<..cn|");
        assertThat(lines[1]).startsWith("00000010  2e 6c 6f 6b 65 69 2d 31 ").endsWith("|.lokei-1|");
    }

    @Test
    void offsets_start_at_the_base() {
        assertThat(HexDump.render(new byte[] {1}, 0x20)).startsWith("00000020  01 ");
    }

    @Test
    void every_byte_is_attributed_to_its_innermost_field() {
        DecodedPacket p = PacketDecoder.decode(StreamDecoderTest.CONNECT, 4, Direction.CLIENT_TO_BROKER);
        Field[] owner = HexDump.attribute(p);
        assertThat(owner).hasSize(24);
        assertThat(owner[1].name()).isEqualTo("remaining_length");
        assertThat(owner[2].name()).isEqualTo("protocol_name");
        assertThat(owner[7].name()).isEqualTo("protocol_name");
        assertThat(owner[8].name()).isEqualTo("protocol_level");
        // connect flags: its bit fields span the same byte, the byte stays with connect_flags
        assertThat(owner[9].name()).isEqualTo("connect_flags");
        assertThat(owner[0].name()).isEqualTo("packet_type");
        assertThat(owner[10].name()).isEqualTo("keepalive");
        assertThat(owner[23].name()).isEqualTo("client_id");
        for (Field f : owner) {
            assertThat(f).isNotNull();
        }
    }

    @Test
    void properties_bytes_belong_to_the_property() {
        DecodedPacket p = PacketDecoder.decode(Wire.bytes(0x20, 0x06, 0x00, 0x00, 0x03, 0x22, 0x00, 0x0a), 5,
                Direction.BROKER_TO_CLIENT);
        Field[] owner = HexDump.attribute(p);
        assertThat(owner[4].name()).isEqualTo("properties_length");
        assertThat(owner[5].name()).isEqualTo("topic_alias_maximum");
        assertThat(owner[7].name()).isEqualTo("topic_alias_maximum");
    }

    @Test
    void attributed_dump_names_the_fields_of_each_line() {
        DecodedPacket p = PacketDecoder.decode(StreamDecoderTest.CONNECT, 4, Direction.CLIENT_TO_BROKER);
        assertThat(HexDump.renderAttributed(p).split("\n")[1]).endsWith("client_id");
    }

    @Test
    void hex_helpers() {
        assertThat(HexDump.hex(new byte[] {0x0a, (byte) 0xff}, " ")).isEqualTo("0a ff");
        assertThat(HexDump.hex(new byte[] {0x0a, (byte) 0xff}, 0, 2)).isEqualTo("0aff");
    }
}
