package io.mqscope.payload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void pretty_and_minify_keep_values_and_order() {
        String in = "{\"b\":1.50,\"a\":[1,2,{\"x\":null}]}";
        ParseResult<String> pretty = JsonText.pretty(in);
        assertThat(pretty.ok()).isTrue();
        assertThat(pretty.value()).contains("\n").contains("1.50").startsWith("{");
        assertThat(pretty.value().indexOf("\"b\"")).isLessThan(pretty.value().indexOf("\"a\""));
        assertThat(JsonText.minify(pretty.value()).value()).isEqualTo(in);
    }

    @Test
    void error_has_line_and_column() {
        String in = "{\n  \"a\": 1,\n  \"b\": tru\n}";
        ParseResult<String> r = JsonText.validate(in);
        assertThat(r.ok()).isFalse();
        assertThat(r.line()).isEqualTo(3);
        assertThat(r.column()).isBetween(8, 12);
        assertThat(r.error()).startsWith("line 3, column ");
    }

    @Test
    void missing_comma_points_at_the_next_key() {
        ParseResult<String> r = JsonText.validate("{\"a\":1 \"b\":2}");
        assertThat(r.ok()).isFalse();
        assertThat(r.line()).isEqualTo(1);
        assertThat(r.position()).isBetween(7, 8);
    }

    @Test
    void trailing_content_and_empty_input_are_errors() {
        assertThat(JsonText.validate("{} x").ok()).isFalse();
        assertThat(JsonText.validate("   ").ok()).isFalse();
        assertThat(JsonText.validate(" [1] ").ok()).isTrue();
    }
}
