package io.mqscope.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.payload.ParseResult;
import org.junit.jupiter.api.Test;

class PayloadsTest {

    @Test
    void text_and_json_are_utf8_hex_and_base64_are_decoded() {
        assertThat(Payloads.parse("温度", "text").value()).containsExactly(0xe6, 0xb8, 0xa9, 0xe5, 0xba, 0xa6);
        assertThat(Payloads.parse("{\"a\":1}", "json").value()).hasSize(7);
        assertThat(Payloads.parse("0xde,0xad", "hex").value()).containsExactly(0xde, 0xad);
        assertThat(Payloads.parse("3q2+7w==", "base64").value()).containsExactly(0xde, 0xad, 0xbe, 0xef);
        assertThat(Payloads.parse("3q2-7w", "base64").value()).containsExactly(0xde, 0xad, 0xbe, 0xef);
        assertThat(Payloads.parse("", "hex").value()).isEmpty();
    }

    @Test
    void bad_input_says_where() {
        ParseResult<byte[]> hex = Payloads.parse("de ad zz", "hex");
        assertThat(hex.ok()).isFalse();
        assertThat(hex.position()).isEqualTo(6);
        ParseResult<byte[]> b64 = Payloads.parse("3q2+\n7w*=", "base64");
        assertThat(b64.ok()).isFalse();
        assertThat(b64.line()).isEqualTo(2);
        assertThat(b64.column()).isEqualTo(3);
        assertThat(b64.error()).contains("'*'");
        assertThat(Payloads.parse("x", "yaml").error())
                .contains("text, json, hex, base64, cbor, msgpack, protobuf or sparkplug");
        // cbor and msgpack take JSON (RFC 8949 appendix A: [1, 2, 3] is 83010203)
        assertThat(Payloads.parse("[1, 2, 3]", "cbor").value()).containsExactly(0x83, 1, 2, 3);
        // the position is beside the text (line, column), not in it
        var bad = Payloads.parse("[1, 2,", "msgpack");
        assertThat(bad.error()).isEqualTo("the text ends before every object and array is closed");
        assertThat(bad.line()).isEqualTo(1);
    }
}
