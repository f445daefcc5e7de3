package io.mqscope.ui.packets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HexDumpModelTest {

    @Test
    void maps_bytes_and_characters_both_ways() {
        byte[] b = new byte[40];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (0x41 + i % 26);
        }
        HexDumpModel d = HexDumpModel.of(b);
        String t = d.text();
        assertThat(t).startsWith("0000  41 42 43 44 45 46 47 48  49 4a 4b 4c 4d 4e 4f 50  ABCDEFGHIJKLMNOP\n0010  ");
        for (int i = 0; i < b.length; i++) {
            String pair = String.format("%02x", b[i] & 0xff);
            assertThat(t.substring(d.hexStart(i), d.hexStart(i) + 2)).isEqualTo(pair);
            assertThat(t.charAt(d.asciiStart(i))).isEqualTo((char) b[i]);
            assertThat(d.byteAt(d.hexStart(i))).isEqualTo(i);
            assertThat(d.byteAt(d.hexStart(i) + 1)).isEqualTo(i);
            assertThat(d.byteAt(d.asciiStart(i))).isEqualTo(i);
        }
        assertThat(d.byteAt(0)).isEqualTo(-1);
        assertThat(d.byteAt(d.hexStart(7) + 2)).isEqualTo(-1);
    }
}
