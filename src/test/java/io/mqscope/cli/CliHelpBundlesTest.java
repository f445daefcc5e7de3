package io.mqscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Issue 14 item 6: the command line's help comes from resource bundles in both languages. Help.properties (English)
 * and Help_zh_CN.properties hold the same keys, and the English help of every command is the one it printed when its
 * texts were still in the annotations (saved in help-en.txt, one "=== command path" section per command).
 */
class CliHelpBundlesTest {
    @AfterEach
    void forget() {
        Language.choose(null);
    }

    private static Set<String> keys(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = CliHelpBundlesTest.class.getResourceAsStream(resource)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p.stringPropertyNames();
    }

    @Test
    void english_and_chinese_help_bundles_hold_the_same_keys() throws IOException {
        Set<String> en = keys("Help.properties");
        Set<String> zh = keys("Help_zh_CN.properties");
        assertThat(en).hasSizeGreaterThan(200);
        assertThat(en).containsExactlyInAnyOrderElementsOf(zh);
    }

    @Test
    void every_commands_english_help_is_unchanged() throws IOException {
        Language.choose("en");
        CommandLine root = Main.commandLine();
        root.setResourceBundle(Main.helpBundle(Language.locale()));
        Map<String, String> now = new LinkedHashMap<>();
        collect(root, now);
        Map<String, String> saved = new LinkedHashMap<>();
        String text;
        try (InputStream in = getClass().getResourceAsStream("help-en.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String section : text.split("(?m)^=== ")) {
            if (!section.isEmpty()) {
                int nl = section.indexOf('\n');
                saved.put(section.substring(0, nl), section.substring(nl + 1));
            }
        }
        assertThat(now.keySet()).containsExactlyElementsOf(saved.keySet());
        now.forEach((command, help) -> assertThat(help).as(command).isEqualTo(saved.get(command)));
    }

    private static void collect(CommandLine cl, Map<String, String> into) {
        String name = cl.getCommandSpec().qualifiedName(" ");
        if (into.containsKey(name)) {
            return;
        }
        into.put(name, cl.getUsageMessage(CommandLine.Help.Ansi.OFF));
        cl.getSubcommands().values().forEach(sub -> collect(sub, into));
    }
}
