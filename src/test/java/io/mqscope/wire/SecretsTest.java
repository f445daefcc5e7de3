package io.mqscope.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The one masking rule (issue 13 item 8): where the password is, and how it reads hidden. */
class SecretsTest {
    /** CONNECT 3.1.1 body: client id "c", user "u", password "pw!" (21 bytes). */
    private static final String BODY = "00044d51545404c2003c00016300017500037077" + "21";

    private static DecodedPacket decode(String hex) {
        return DecodeResult.of(HexFormat.of().parseHex(hex), Direction.CLIENT_TO_BROKER, 4, false).packets().get(0);
    }

    @Test
    void the_password_span_is_its_value_after_the_two_byte_length() {
        DecodedPacket p = decode("1015" + BODY);
        Secrets.Span s = Secrets.password(p);
        assertThat(s).isEqualTo(new Secrets.Span(20, 23));
        assertThat(new String(p.raw(), s.from(), s.length(), StandardCharsets.UTF_8)).isEqualTo("pw!");
        assertThat(Secrets.hex(p.raw(), s, "")).endsWith("0003******").doesNotContain("707721");
        assertThat(Secrets.hex(p.raw(), null, "")).endsWith("0003707721");
        assertThat(new String(Secrets.maskedRaw(p), StandardCharsets.ISO_8859_1)).endsWith("***");
        assertThat(p.raw()).endsWith(0x70, 0x77, 0x21); // the packet itself is untouched
        assertThat(Secrets.hiddenValue(Field.find(p.fields(), FieldName.PASSWORD))).isEqualTo("*** (3 bytes)");
        assertThat(HexDump.renderAttributed(p, false)).contains("** ** **").contains("..***|")
                .doesNotContain("70 77 21").doesNotContain("pw!");
        assertThat(HexDump.renderAttributed(p, true)).contains("70 77 21").contains("pw!");
    }

    @Test
    void a_repair_hides_the_password_where_the_repair_moved_it() {
        // The remaining length written as "15 00 00 00" (mqtt.js on WeChat): framed by its first byte, the packet
        // ends before the password; the repair drops the zeros and the password is whole in it.
        DecodedPacket p = decode("1015000000" + BODY);
        assertThat(p.repaired()).isNotNull();
        Secrets.Span s = Secrets.passwordInRepair(p);
        assertThat(s).isNotNull();
        assertThat(Secrets.hex(p.repaired(), s, "")).endsWith("0003******").doesNotContain("707721");
    }

    @Test
    void packets_without_a_password_have_nothing_to_hide() {
        assertThat(Secrets.password(decode("c000"))).isNull();
        // Username only: flags 0x82.
        assertThat(Secrets.password(decode("1010" + "00044d5154540482003c" + "000163" + "000175")))
                .isNull();
    }
}
