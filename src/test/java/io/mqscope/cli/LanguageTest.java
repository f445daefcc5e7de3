package io.mqscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Issue 14 item 6: the command line speaks the user's language; {@code --lang} on every command overrides it. */
class LanguageTest {
    private static final String SEED = "10 1a 00 00 00 00 04 4d 51 54 54 04 c2 00 3c 00 0a"
            + " 63 6e 2e 6c 6f 6b 65 69 2d 31 00 00 00 00";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void the_posix_variables_choose_in_their_order_and_english_is_the_default() {
        assertThat(Language.fromEnvironment(null, Map.of())).isEqualTo(Locale.ENGLISH);
        assertThat(Language.fromEnvironment(null, Map.of("LANG", "C"))).isEqualTo(Locale.ENGLISH);
        assertThat(Language.fromEnvironment(null, Map.of("LANG", "en_US.UTF-8"))).isEqualTo(Locale.ENGLISH);
        assertThat(Language.fromEnvironment(null, Map.of("LANG", "zh_CN.UTF-8"))).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(Language.fromEnvironment(null, Map.of("LANG", "zh_CN.UTF-8", "LC_ALL", "C")))
                .isEqualTo(Locale.ENGLISH);
        assertThat(Language.fromEnvironment(null, Map.of("LANG", "C", "LC_MESSAGES", "zh_CN.UTF-8")))
                .isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(Language.fromEnvironment(null, Map.of("LANG", "zh_CN.UTF-8", "LC_ALL", "")))
                .isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(Language.fromEnvironment("en", Map.of("LANG", "zh_CN.UTF-8"))).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void decode_with_lang_zh_cn_prints_findings_and_the_diagnosis_in_chinese() {
        assertThat(run("decode", "--lang", "zh-CN", "--hex", SEED)).isEqualTo(1);
        String report = out.toString();
        assertThat(report).contains("diagnosis: Remaining Length 被写成了 4 字节")
                .contains("remaining_length")            // field names stay
                .contains("§2.2.3")                       // spec references stay
                .doesNotContain("declares 26 but 29 bytes present");
        assertThat(report.lines().filter(l -> l.startsWith("ERROR"))).singleElement()
                .satisfies(l -> assertThat(l).contains("remaining_length").containsPattern("\\p{IsHan}"));
    }

    @Test
    void without_lang_the_report_stays_english_and_the_choice_does_not_carry_over() {
        assertThat(run("decode", "--lang", "zh-CN", "--hex", SEED)).isEqualTo(1);
        out.getBuffer().setLength(0);
        assertThat(run("decode", "--hex", SEED)).isEqualTo(1);
        assertThat(out.toString()).contains("diagnosis: Remaining Length written as 4 bytes")
                .doesNotContainPattern("\\p{IsHan}");
        out.getBuffer().setLength(0);
        assertThat(run("decode", "--lang", "en", "--hex", SEED)).isEqualTo(1);
        assertThat(out.toString()).doesNotContainPattern("\\p{IsHan}");
    }

    @Test
    void every_command_takes_lang_and_an_unknown_language_is_a_usage_error() {
        for (String command : new String[] {"decode", "sign", "pub", "sub", "broker"}) {
            assertThat(Main.commandLine().getSubcommands().get(command).getCommandSpec().findOption("--lang"))
                    .as(command).isNotNull();
        }
        assertThat(run("decode", "--lang", "fr", "--hex", SEED)).isEqualTo(2);
        assertThat(err.toString()).contains("unknown language 'fr'");
    }
}
