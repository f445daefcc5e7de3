package io.mqscope.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PayloadCodecTest {

    @Test
    void text_round_trips_in_utf8_and_gbk() {
        String s = "温度 25℃";
        for (TextCharset cs : java.util.List.of(TextCharset.UTF_8, TextCharset.GBK, TextCharset.GB18030)) {
            byte[] b = PayloadCodec.parse(s, PayloadFormat.TEXT, cs).value();
            assertThat(PayloadCodec.render(b, PayloadFormat.TEXT, cs)).isEqualTo(s);
        }
        assertThat(PayloadCodec.parse("中", PayloadFormat.TEXT, TextCharset.GBK).value())
                .containsExactly(0xd6, 0xd0);
    }

    @Test
    void binary_survives_hex_and_base64_byte_exact() {
        byte[] b = new byte[256];
        new Random(7).nextBytes(b);
        for (PayloadFormat f : new PayloadFormat[] {PayloadFormat.HEX, PayloadFormat.BASE64}) {
            String shown = PayloadCodec.render(b, f, TextCharset.UTF_8);
            assertThat(PayloadCodec.parse(shown, f, TextCharset.UTF_8).value()).isEqualTo(b);
        }
    }

    @Test
    void json_is_sent_as_written_and_invalid_json_sends_nothing() {
        assertThat(PayloadCodec.parse("{ \"a\" : 1 }", PayloadFormat.JSON, TextCharset.UTF_8).value())
                .isEqualTo("{ \"a\" : 1 }".getBytes());
        ParseResult<byte[]> bad = PayloadCodec.parse("{\"a\":}", PayloadFormat.JSON, TextCharset.UTF_8);
        assertThat(bad.ok()).isFalse();
        assertThat(bad.value()).isNull();
        assertThat(bad.column()).isPositive();
    }

    @Test
    void guesses_a_readable_view() {
        assertThat(PayloadCodec.guess("{\"t\":1}".getBytes(), TextCharset.UTF_8)).isEqualTo(PayloadFormat.JSON);
        assertThat(PayloadCodec.guess("hello".getBytes(), TextCharset.UTF_8)).isEqualTo(PayloadFormat.TEXT);
        assertThat(PayloadCodec.guess(new byte[] {0, 1, (byte) 0xff}, TextCharset.UTF_8))
                .isEqualTo(PayloadFormat.HEX);
        assertThat(PayloadCodec.render(new byte[] {0x0a, (byte) 0xff}, PayloadFormat.HEX, TextCharset.UTF_8))
                .isEqualTo("0a ff");
    }
}
