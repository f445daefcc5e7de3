package io.mqscope.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {
    private static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }

    @Test
    void accepts_well_formed_utf8() {
        assertThat(Utf8.isValid("héllo 温度 😀".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Utf8.isValid(new byte[0])).isTrue();
    }

    @Test
    void rejects_malformed_sequences() {
        assertThat(Utf8.isValid(b(0xde, 0xad, 0xbe, 0xef))).isFalse();
        assertThat(Utf8.isValid(b(0xc0, 0x80))).isFalse(); // overlong NUL
        assertThat(Utf8.isValid(b(0xe0, 0x80, 0x80))).isFalse(); // overlong
        assertThat(Utf8.isValid(b(0xed, 0xa0, 0x80))).isFalse(); // surrogate U+D800
        assertThat(Utf8.isValid(b(0xf4, 0x90, 0x80, 0x80))).isFalse(); // above U+10FFFF
        assertThat(Utf8.isValid(b(0xe6, 0xb8))).isFalse(); // truncated
        assertThat(Utf8.isValid(b(0x80))).isFalse(); // lone continuation
    }
}
