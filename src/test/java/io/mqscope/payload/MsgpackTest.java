package io.mqscope.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden bytes from the MessagePack specification (github.com/msgpack/msgpack/blob/master/spec.md, "Formats"):
 * each row is the smallest format the spec assigns to the value, and msgpack.org's own example
 * {"compact":true,"schema":0}.
 */
class MsgpackTest {
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`{\"compact\": true, \"schema\": 0}`|82a7636f6d70616374c3a6736368656d6100",
        "null|c0", "false|c2", "true|c3",
        "0|00", "127|7f", "128|cc80", "255|ccff", "256|cd0100", "65535|cdffff", "65536|ce00010000",
        "4294967296|cf0000000100000000", "18446744073709551615|cfffffffffffffffff",
        "-1|ff", "-32|e0", "-33|d0df", "-128|d080", "-129|d1ff7f", "-32768|d18000", "-32769|d2ffff7fff",
        "-2147483649|d3ffffffff7fffffff", "-9223372036854775808|d38000000000000000",
        "1.5|cb3ff8000000000000", "-0.0|cb8000000000000000",
        "`\"\"`|a0", "`\"a\"`|a161", "`\"\\u00fc\"`|a2c3bc",
        "`\"0123456789abcdef0123456789abcdef\"`|d9203031323334353637383961626364656630313233343536373839616263646566",
        "[]|90", "`[1, 2, 3]`|93010203",
        "`[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]`|dc0010000102030405060708090a0b0c0d0e0f",
        "{}|80", "`{\"a\": [1, {\"b\": null}]}`|81a161920181a162c0",
    })
    void json_encodes_to_the_spec_bytes_and_views_back(String json, String hex) {
        hex = hex.replace(" ", "");
        ParseResult<byte[]> bytes = PayloadCodec.parse(json, PayloadFormat.MSGPACK, TextCharset.UTF_8);
        assertThat(bytes.error()).isNull();
        assertThat(HEX.formatHex(bytes.value())).isEqualTo(hex);
        String view = PayloadCodec.decodeTree(bytes.value(), PayloadFormat.MSGPACK).value();
        assertThat(HEX.formatHex(PayloadCodec.parse(view, PayloadFormat.MSGPACK, TextCharset.UTF_8).value()))
                .isEqualTo(hex);
    }

    /** Formats JSON cannot write keep their type in the view. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "c403010203|h'010203'", "c400|h''", "ca3fc00000|1.5", "ca3dcccccd|0.10000000149011612",
        "d40501|ext(5, h'01')", "c7020a0102|ext(10, h'0102')",
        "d6ff00000000|/ timestamp 1970-01-01T00:00:00Z / ext(-1, h'00000000')",
        "d6ff5e0be100|/ timestamp 2020-01-01T00:00:00Z / ext(-1, h'5e0be100')",
        "810102|`{\n  1: 2\n}`",
    })
    void spec_bytes_view_with_types_kept(String hex, String view) {
        ParseResult<String> r = PayloadCodec.decodeTree(HEX.parseHex(hex), PayloadFormat.MSGPACK);
        assertThat(r.error()).isNull();
        assertThat(r.value()).isEqualTo(view);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "|0|no bytes",
        "c1|0|never used",
        "cd01|0|cut short",
        "a261|0|cut short",
        "9301|2|cut short",
        "0102|1|1 bytes after the value",
        "a2c328|0|not valid UTF-8",
        "c67fffffff00|0|length 2147483647, 1 bytes left",
        "dbffffffff|0|cut short",
    })
    void bad_bytes_name_the_offset_and_fall_back_to_hex(String hex, int offset, String why) {
        byte[] bytes = hex == null ? new byte[0] : HEX.parseHex(hex);
        ParseResult<String> r = PayloadCodec.decodeTree(bytes, PayloadFormat.MSGPACK);
        assertThat(r.ok()).isFalse();
        assertThat(r.position()).isEqualTo(offset);
        assertThat(r.error()).startsWith("not valid MessagePack at byte offset " + offset + ": ").contains(why);
        assertThat(PayloadCodec.render(bytes, PayloadFormat.MSGPACK, TextCharset.UTF_8)).startsWith(r.error())
                .endsWith(PayloadCodec.hex(bytes, 0, bytes.length));
    }

    @Test
    void json_too_big_for_64_bits_and_bad_json_are_errors() {
        assertThat(PayloadCodec.parse("18446744073709551616", PayloadFormat.MSGPACK, TextCharset.UTF_8).error())
                .contains("does not fit");
        ParseResult<byte[]> r = PayloadCodec.parse("[1,\n2,,]", PayloadFormat.MSGPACK, TextCharset.UTF_8);
        assertThat(r.line()).isEqualTo(2);
        assertThat(r.error()).startsWith("expected a value").endsWith("found ','");
    }

    @Test
    void random_bytes_never_throw() {
        Random rnd = new Random(16);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[rnd.nextInt(12)];
            rnd.nextBytes(b);
            ParseResult<String> r = PayloadCodec.decodeTree(b, PayloadFormat.MSGPACK);
            assertThat(r.ok() || r.position() >= 0 && r.position() <= b.length).isTrue();
        }
    }
}
