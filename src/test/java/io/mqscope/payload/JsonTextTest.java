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
        // the position is beside the text, not in it: whoever shows the error says it once
        assertThat(r.error()).isEqualTo("unknown word 'tru': expected a string in double quotes, a number, true, "
                + "false or null");
    }

    @Test
    void errors_are_in_our_words_and_in_chinese() {
        ParseResult<String> r = JsonText.validate("{\"temp\": 21.5,}");
        assertThat(r.error()).isEqualTo("expected a field name in double quotes, found '}'");
        assertThat(r.column()).isEqualTo(15);
        assertThat(JsonText.validate("{\"a\" 1}").error()).isEqualTo("expected ':' after the field name, found '1'");
        assertThat(JsonText.validate("[1 2]").error()).isEqualTo("expected ',' or the closing bracket, found '2'");
        assertThat(JsonText.validate("{\"a\": [1}").error()).isEqualTo("found '}' where ']' should close the open "
                + "bracket");
        assertThat(JsonText.validate("{\"a\": \"x").error())
                .isEqualTo("the text ends inside a string: its closing double quote is missing");
        assertThat(JsonText.validate("{\"a\": 1").error())
                .isEqualTo("the text ends before every object and array is closed");
        PayloadText.setLocale(java.util.Locale.SIMPLIFIED_CHINESE);
        try {
            assertThat(JsonText.validate("{\"temp\": 21.5,}").error()).isEqualTo("应为双引号括起的字段名，实际为 '}'");
        } finally {
            PayloadText.setLocale(java.util.Locale.ENGLISH);
        }
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
