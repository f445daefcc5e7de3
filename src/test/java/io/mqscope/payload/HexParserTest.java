package io.mqscope.payload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HexParserTest {

    @Test
    void accepts_the_forms_people_paste() {
        byte[] want = {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef};
        assertThat(HexParser.parse("de ad be ef").value()).isEqualTo(want);
        assertThat(HexParser.parse("DEADBEEF").value()).isEqualTo(want);
        assertThat(HexParser.parse("0xde,0xad, 0xbe,0xef").value()).isEqualTo(want);
        assertThat(HexParser.parse("de:ad:be:ef\n").value()).isEqualTo(want);
        assertThat(HexParser.parse("").value()).isEmpty();
    }

    @Test
    void names_the_bad_character_and_its_position() {
        ParseResult<byte[]> r = HexParser.parse("de ad\nbz ef");
        assertThat(r.ok()).isFalse();
        assertThat(r.position()).isEqualTo(7);
        assertThat(r.line()).isEqualTo(2);
        assertThat(r.column()).isEqualTo(2);
        assertThat(r.error()).contains("'z'").contains("position 8");
    }

    @Test
    void odd_digit_count_is_an_error_at_the_lone_digit() {
        ParseResult<byte[]> r = HexParser.parse("de a be");
        assertThat(r.ok()).isFalse();
        assertThat(r.position()).isEqualTo(3);
        assertThat(r.error()).contains("odd number");
    }
}
