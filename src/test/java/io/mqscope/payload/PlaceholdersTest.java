package io.mqscope.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05.678Z");

    @Test
    void every_placeholder_is_filled() {
        Placeholders p = Placeholders.compile("dev/{{seq}}/{\"t\": {{timestamp}}, \"at\": \"{{timestamp:iso}}\", "
                + "\"id\": \"{{uuid}}\", \"v\": {{random:5:5}}, \"w\": {{ random:-3:3 }}}").value();
        String s = p.render(42, NOW, new SplittableRandom(1));
        assertThat(s).startsWith("dev/42/{\"t\": 1767323045678, \"at\": \"2026-01-02T03:04:05.678Z\", \"id\": \"")
                .contains("\"v\": 5, \"w\": ").matches(".*\"id\": \"[0-9a-f-]{36}\".*");
        int w = Integer.parseInt(s.replaceAll(".*\"w\": (-?\\d+)}$", "$1"));
        assertThat(w).isBetween(-3, 3);
        assertThat(Placeholders.compile("plain {text}").value().render(1, NOW, new SplittableRandom()))
                .isEqualTo("plain {text}");
    }

    @Test
    void unknown_and_unclosed_placeholders_say_where() {
        ParseResult<Placeholders> r = Placeholders.compile("a\n{{sequence}}");
        assertThat(r.ok()).isFalse();
        assertThat(r.line()).isEqualTo(2);
        assertThat(r.error()).startsWith("unknown placeholder {{sequence}} at position 3: use {{seq}}");
        assertThat(Placeholders.compile("x {{random:9:1}}").ok()).isFalse();
        assertThat(Placeholders.compile("{{seq").error()).isEqualTo("{{ at position 1 is not closed by }}");
    }
}
