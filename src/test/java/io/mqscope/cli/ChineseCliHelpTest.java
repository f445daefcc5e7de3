package io.mqscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.ui.ChineseUiTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Issue 14 item 6: `mqscope <command> --help` speaks Chinese under {@code --lang zh-CN} or a Chinese LANG/LC_ALL.
 * Every command's description and footer and every option's and parameter's description, in Chinese, may contain
 * Latin-script words only by the rules of the UI's bundle walk (ChineseUiTest: spec names, code, URLs, quoted
 * values, option names).
 */
class ChineseCliHelpTest {

    @AfterEach
    void forget() {
        Language.choose(null);
    }

    /** Every command of the tree, by its qualified name ("mqscope sign aliyun-iot"). */
    private static Map<String, CommandLine> commands(CommandLine cl, Map<String, CommandLine> into) {
        into.put(cl.getCommandSpec().qualifiedName(), cl);
        cl.getSubcommands().values().forEach(sub -> commands(sub, into));
        return into;
    }

    /** The texts a command's usage help shows, each with where it comes from. */
    private static Map<String, String> texts(CommandSpec spec) {
        Map<String, String> t = new LinkedHashMap<>();
        String q = spec.qualifiedName(".");
        t.put(q + ".description", String.join("\n", spec.usageMessage().description()));
        t.put(q + ".footer", String.join("\n", spec.usageMessage().footer()));
        for (OptionSpec o : spec.options()) {
            t.put(q + "." + o.longestName(), String.join("\n", o.description()));
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            t.put(q + "." + p.paramLabel(), String.join("\n", p.description()));
        }
        return t;
    }

    @Test
    void every_commands_help_is_chinese_under_lang_zh_cn() {
        Map<String, CommandLine> all = commands(Main.commandLine(), new LinkedHashMap<>());
        assertThat(all).containsKeys("mqscope", "mqscope decode", "mqscope sign aliyun-iot", "mqscope pub",
                "mqscope sub", "mqscope broker", "mqscope tap", "mqscope check", "mqscope snippet");
        List<String> english = new ArrayList<>();
        int described = 0;
        for (String command : all.keySet()) {
            String[] args = (command.replaceFirst("^mqscope ?", "") + " --help --lang zh-CN").trim().split(" ");
            CommandLine root = Main.commandLine();
            StringWriter out = new StringWriter();
            root.setOut(new PrintWriter(out));
            assertThat(root.execute(args)).as(command).isZero();
            assertThat(out.toString()).as(command).startsWith("用法：");

            CommandLine shown = commands(root, new LinkedHashMap<>()).get(command);
            for (Map.Entry<String, String> e : texts(shown.getCommandSpec()).entrySet()) {
                described += e.getValue().isBlank() ? 0 : 1;
                List<String> words = ChineseUiTest.foreignWords(e.getValue());
                if (!words.isEmpty()) {
                    english.add(e.getKey() + " " + words + ": " + e.getValue());
                }
            }
        }
        assertThat(described).isGreaterThan(200);
        assertThat(english).isEmpty();
    }

    @Test
    void decode_help_in_chinese_and_in_english() {
        assertThat(help("decode", "--help", "--lang", "zh-CN")).contains("解码 MQTT 字节", "以十六进制文本给出的字节")
                .doesNotContain("the bytes as hex text");
        // English stays English, whatever the JVM's default locale
        assertThat(help("decode", "--lang", "en", "--help")).contains("the bytes as hex text", "Usage: ")
                .doesNotContain("解码");
    }

    private static String help(String... args) {
        CommandLine root = Main.commandLine();
        StringWriter out = new StringWriter();
        root.setOut(new PrintWriter(out));
        assertThat(root.execute(args)).isZero();
        return out.toString();
    }

    @Test
    void a_chinese_lang_variable_chooses_chinese_help() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "decode", "--help").redirectErrorStream(true);
        pb.environment().remove("LC_ALL");
        pb.environment().remove("LC_MESSAGES");
        pb.environment().put("LANG", "zh_CN.UTF-8");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("用法：", "以十六进制文本给出的字节");
    }
}
