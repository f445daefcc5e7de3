package io.mqscope.payload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Base64TextTest {

    @Test
    void decodes_standard_url_safe_and_unpadded() {
        assertThat(Base64Text.parse("3q2+7w==").value()).containsExactly(0xde, 0xad, 0xbe, 0xef);
        assertThat(Base64Text.parse("3q2-7w").value()).containsExactly(0xde, 0xad, 0xbe, 0xef);
        assertThat(Base64Text.parse("3q2+\n7w==").value()).containsExactly(0xde, 0xad, 0xbe, 0xef);
        assertThat(Base64Text.format(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}))
                .isEqualTo("3q2+7w==");
    }

    @Test
    void bad_character_has_its_position() {
        ParseResult<byte[]> r = Base64Text.parse("3q2*7w==");
        assertThat(r.ok()).isFalse();
        assertThat(r.position()).isEqualTo(3);
        assertThat(r.error()).contains("'*'").contains("position 4");
    }

    @Test
    void impossible_length_and_mixed_alphabets_are_errors() {
        assertThat(Base64Text.parse("abcde").ok()).isFalse();
        assertThat(Base64Text.parse("ab+-").ok()).isFalse();
        assertThat(Base64Text.parse("ab==cd").position()).isEqualTo(4);
    }
}
