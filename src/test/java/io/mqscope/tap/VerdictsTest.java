package io.mqscope.tap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The tap's words exist in English and Chinese, key for key, and format. */
class VerdictsTest {

    private static Properties load(String name) throws Exception {
        Properties p = new Properties();
        try (InputStream in = Verdicts.class.getResourceAsStream(name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void chinese_has_every_key_in_chinese() throws Exception {
        Properties en = load("verdicts.properties");
        Properties zh = load("verdicts_zh_CN.properties");
        assertThat(zh.keySet()).isEqualTo(en.keySet());
        for (String key : zh.stringPropertyNames()) {
            assertThat(zh.getProperty(key).codePoints().anyMatch(c -> Character.UnicodeScript.of(c)
                    == Character.UnicodeScript.HAN)).as(key).isTrue();
        }
    }

    @Test
    void numbers_are_not_grouped_and_the_diagnosis_is_inserted_as_is() {
        Verdicts en = new Verdicts(Locale.ENGLISH);
        assertThat(en.text("verdict.malformed_then_closed", 1234L, "CONNECT", 0, "D"))
                .isEqualTo("the broker closed the connection 1234 ms after the client's CONNECT #0, which is"
                        + " malformed: D");
        assertThat(new Verdicts(Locale.SIMPLIFIED_CHINESE).text("verdict.ws_close", "客户端", 4000, ""))
                .isEqualTo("客户端以关闭码 4000 关闭了 WebSocket");
        assertThat(en.text("note.repaired", 2)).startsWith("repaired 2 packets");
        assertThat(en.text("note.repaired", 1)).startsWith("repaired 1 packet:");
    }
}
