package io.mqscope.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Golden bytes from RFC 8949 appendix A ("Examples of Encoded CBOR Data Items"), both directions. */
class CborTest {
    private static final HexFormat HEX = HexFormat.of();

    /** Appendix A rows whose value JSON can write: JSON in, the RFC's bytes out, and the view is the same JSON. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "0|00", "1|01", "10|0a", "23|17", "24|1818", "25|1819", "100|1864", "1000|1903e8", "1000000|1a000f4240",
        "1000000000000|1b000000e8d4a51000", "18446744073709551615|1bffffffffffffffff",
        "18446744073709551616|c249010000000000000000", "-18446744073709551616|3bffffffffffffffff",
        "-18446744073709551617|c349010000000000000000", "-1|20", "-10|29", "-100|3863", "-1000|3903e7",
        "0.0|f90000", "-0.0|f98000", "1.0|f93c00", "1.1|fb3ff199999999999a", "1.5|f93e00", "65504.0|f97bff",
        "100000.0|fa47c35000", "3.4028234663852886e+38|fa7f7fffff", "1.0e+300|fb7e37e43c8800759c",
        "5.960464477539063e-8|f90001", "0.00006103515625|f90400", "-4.0|f9c400", "-4.1|fbc010666666666666",
        "false|f4", "true|f5", "null|f6",
        "`\"\"`|60", "`\"a\"`|6161", "`\"IETF\"`|6449455446", "`\"\\\"\\\\\"`|62225c", "`\"\\u00fc\"`|62c3bc",
        "`\"\\u6c34\"`|63e6b0b4", "`\"\\ud800\\udd51\"`|64f0908591",
        "[]|80", "`[1, 2, 3]`|83010203", "`[1, [2, 3], [4, 5]]`|8301820203820405",
        "`[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25]`"
                + "|98190102030405060708090a0b0c0d0e0f101112131415161718181819",
        "{}|a0", "`{\"a\": 1, \"b\": [2, 3]}`|a26161016162820203", "`[\"a\", {\"b\": \"c\"}]`|826161a161626163",
        "`{\"a\": \"A\", \"b\": \"B\", \"c\": \"C\", \"d\": \"D\", \"e\": \"E\"}`"
                + "|a56161614161626142616361436164614461656145",
    })
    void json_encodes_to_the_rfc_bytes_and_views_back(String json, String hex) {
        ParseResult<byte[]> bytes = PayloadCodec.parse(json, PayloadFormat.CBOR, TextCharset.UTF_8);
        assertThat(bytes.error()).isNull();
        assertThat(HEX.formatHex(bytes.value())).isEqualTo(hex);
        String view = PayloadCodec.decodeTree(HEX.parseHex(hex), PayloadFormat.CBOR).value();
        if (view.contains("bignum")) {
            // past 64 bits the RFC's bytes are a bignum tag, and the view says so
            assertThat(view).matches("/ (un)?signed bignum / 2\\(h'010000000000000000'\\)|"
                    + "/ negative bignum / 3\\(h'010000000000000000'\\)");
            return;
        }
        // the view is JSON again and encodes to the same bytes
        assertThat(HEX.formatHex(PayloadCodec.parse(view, PayloadFormat.CBOR, TextCharset.UTF_8).value()))
                .isEqualTo(hex);
    }

    /** Appendix A rows JSON cannot write: the view keeps the type in diagnostic notation (RFC 8949 section 8). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "f97c00|Infinity", "f97e00|NaN", "f9fc00|-Infinity", "fa7f800000|Infinity", "fb7ff0000000000000|Infinity",
        "f7|undefined", "f0|simple(16)", "f8ff|simple(255)",
        "c074323031332d30332d32315432303a30343a30305a|`/ date/time string / 0(\"2013-03-21T20:04:00Z\")`",
        "c11a514b67b0|/ epoch-based date/time / 1(1363896240)",
        "c1fb41d452d9ec200000|/ epoch-based date/time / 1(1.3638962405E9)",
        "d74401020304|/ expected base16 / 23(h'01020304')",
        "d818456449455446|/ encoded CBOR data item / 24(h'6449455446')",
        "d82076687474703a2f2f7777772e6578616d706c652e636f6d|`/ URI / 32(\"http://www.example.com\")`",
        "40|h''", "4401020304|h'01020304'",
        "a201020304|`{\n  1: 2,\n  3: 4\n}`",
        "5f42010243030405ff|h'0102030405'", "7f657374726561646d696e67ff|`\"streaming\"`", "9fff|[]",
        "9f018202039f0405ffff|`[\n  1,\n  [\n    2,\n    3\n  ],\n  [\n    4,\n    5\n  ]\n]`",
        "bf6346756ef563416d7421ff|`{\n  \"Fun\": true,\n  \"Amt\": -2\n}`",
    })
    void rfc_bytes_view_with_types_kept(String hex, String view) {
        ParseResult<String> r = PayloadCodec.decodeTree(HEX.parseHex(hex), PayloadFormat.CBOR);
        assertThat(r.error()).isNull();
        assertThat(r.value()).isEqualTo(view.replace("1.3638962405E9", "1.3638962405e9"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "|0|no bytes",
        "1a0001|0|cut short",
        "6261|0|runs past the end",
        "8301|2|cut short",
        "0102|1|1 bytes after the data item",
        "ff|0|break (0xff) outside",
        "1c|0|reserved additional information 28",
        "62c328|0|not valid UTF-8",
        "9f01|2|has no break",
        "f818|0|must use the one-byte form",
        "5b7fffffffffffffff00|0|runs past the end (1 bytes left)",
    })
    void bad_bytes_name_the_offset_and_fall_back_to_hex(String hex, int offset, String why) {
        byte[] bytes = hex == null ? new byte[0] : HEX.parseHex(hex);
        ParseResult<String> r = PayloadCodec.decodeTree(bytes, PayloadFormat.CBOR);
        assertThat(r.ok()).isFalse();
        assertThat(r.position()).isEqualTo(offset);
        assertThat(r.error()).startsWith("not valid CBOR at byte offset " + offset + ": ").contains(why);
        String shown = PayloadCodec.render(bytes, PayloadFormat.CBOR, TextCharset.UTF_8);
        assertThat(shown).startsWith(r.error()).endsWith(PayloadCodec.hex(bytes, 0, bytes.length));
    }

    @Test
    void bad_json_says_line_and_column() {
        ParseResult<byte[]> r = PayloadCodec.parse("{\"a\": 1,\n \"b\": }", PayloadFormat.CBOR, TextCharset.UTF_8);
        assertThat(r.ok()).isFalse();
        assertThat(r.line()).isEqualTo(2);
        assertThat(r.column()).isPositive();
        assertThat(r.error()).startsWith("expected a value").endsWith("found '}'");
    }

    @Test
    void every_half_float_round_trips() {
        for (int h = 0; h < 0x10000; h++) {
            double d = Cbor.halfToDouble(h);
            if (!Double.isNaN(d)) {
                assertThat(Cbor.doubleToHalf(d)).as("half %04x", h).isEqualTo(h);
            }
        }
        assertThat(Cbor.doubleToHalf(1.1)).isEqualTo(-1);
        assertThat(Cbor.doubleToHalf(100000.0)).isEqualTo(-1);
    }

    @Test
    void random_bytes_never_throw() {
        Random rnd = new Random(16);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[rnd.nextInt(12)];
            rnd.nextBytes(b);
            ParseResult<String> r = PayloadCodec.decodeTree(b, PayloadFormat.CBOR);
            assertThat(r.ok() || r.position() >= 0 && r.position() <= b.length).isTrue();
        }
    }
}
