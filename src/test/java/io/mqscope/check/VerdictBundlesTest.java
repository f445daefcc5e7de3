package io.mqscope.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The check's words exist in English and Simplified Chinese alike, and every Chinese value is translated. */
class VerdictBundlesTest {
    static Properties load(String name) throws Exception {
        Properties p = new Properties();
        try (InputStream in = VerdictBundlesTest.class.getResourceAsStream("/io/mqscope/session/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void bothLanguagesHaveTheSameKeysAndChineseIsChinese() throws Exception {
        Properties en = load("verdicts.properties");
        Properties zh = load("verdicts_zh_CN.properties");
        assertEquals(new TreeSet<>(en.stringPropertyNames()), new TreeSet<>(zh.stringPropertyNames()));
        for (String key : zh.stringPropertyNames()) {
            if (key.equals("report.title") || key.equals("conn.detail.cause")) {
                continue;
            }
            assertTrue(zh.getProperty(key).codePoints().anyMatch(c -> Character.UnicodeScript.of(c)
                    == Character.UnicodeScript.HAN), key);
        }
    }
}
