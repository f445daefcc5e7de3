package io.mqscope.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The doctor's words exist in English and Simplified Chinese alike; every key the code names exists. */
class InsightBundlesTest {
    static Properties load(String name) throws Exception {
        Properties p = new Properties();
        try (InputStream in = InsightBundlesTest.class.getResourceAsStream("/io/mqscope/doctor/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void both_languages_have_the_same_keys_and_chinese_is_chinese() throws Exception {
        Properties en = load("insights.properties");
        Properties zh = load("insights_zh_CN.properties");
        assertThat(new TreeSet<>(zh.stringPropertyNames())).isEqualTo(new TreeSet<>(en.stringPropertyNames()));
        for (String key : zh.stringPropertyNames()) {
            assertThat(zh.getProperty(key).codePoints().anyMatch(c -> Character.UnicodeScript.of(c)
                    == Character.UnicodeScript.HAN)).as(key).isTrue();
            // the same arguments in both languages
            assertThat(arguments(zh.getProperty(key))).as(key).isEqualTo(arguments(en.getProperty(key)));
        }
    }

    @Test
    void every_fixed_key_in_the_code_exists() throws Exception {
        Properties en = load("insights.properties");
        Pattern literal = Pattern.compile("Words\\.of\\(\"([a-z0-9_.A-Z]+)\"[,)]");
        try (Stream<Path> files = Files.list(Path.of("src/main/java/io/mqscope/doctor"))) {
            for (Path f : files.toList()) {
                Matcher m = literal.matcher(Files.readString(f));
                while (m.find()) {
                    assertThat(en.getProperty(m.group(1))).as(f.getFileName() + ": " + m.group(1)).isNotNull();
                }
            }
        }
    }

    private static TreeSet<String> arguments(String s) {
        TreeSet<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("\\{\\d+}").matcher(s);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
