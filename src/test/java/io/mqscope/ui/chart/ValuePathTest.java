package io.mqscope.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqscope.payload.ParseResult;
import org.junit.jupiter.api.Test;

class ValuePathTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ValuePath path(String s) {
        ParseResult<ValuePath> p = ValuePath.parse(s);
        assertThat(p.error()).isNull();
        return p.value();
    }

    /** Read from the tree and streamed from the bytes: both must agree. */
    private static ValuePath.Reading read(String path, String json) throws Exception {
        JsonNode n = JSON.readTree(json);
        ValuePath.Reading tree = path(path).read(n);
        ValuePath.Reading streamed = path(path).read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(streamed).as("streamed %s in %s", path, json).isEqualTo(tree);
        return tree;
    }

    @Test
    void members_indexes_and_quoted_names() throws Exception {
        String doc = "{\"temperature\":21.5,\"sensors\":[{\"value\":3},{\"value\":-4e2}],\"my key\":{\"it's\":7}}";
        assertThat(read("$.temperature", doc).value()).isEqualTo(21.5);
        assertThat(read("$.sensors[0].value", doc).value()).isEqualTo(3);
        assertThat(read("$.sensors[1].value", doc).value()).isEqualTo(-400);
        assertThat(read("$['my key']['it\\'s']", doc).value()).isEqualTo(7);
        assertThat(read("$[\"my key\"].it's", doc).value()).isEqualTo(7);
        assertThat(read("temperature", doc).value()).isEqualTo(21.5);
        assertThat(read("[0]", "[5,6]").value()).isEqualTo(5);
    }

    @Test
    void numbers_in_strings_and_booleans_count() throws Exception {
        assertThat(read("$.v", "{\"v\":\" 12.5 \"}").value()).isEqualTo(12.5);
        assertThat(read("$.on", "{\"on\":true}").value()).isEqualTo(1);
        assertThat(read("$", "42").value()).isEqualTo(42);
    }

    @Test
    void reading_errors_say_why() throws Exception {
        ValuePath.Reading missing = read("$.sensors[5].value", "{\"sensors\":[]}");
        assertThat(missing.ok()).isFalse();
        assertThat(missing.value()).isNaN();
        assertThat(missing.problem()).isEqualTo("$.sensors[5].value is not in the payload");
        assertThat(read("$.v", "{\"v\":{\"x\":1}}").problem()).isEqualTo("not a number: object");
        assertThat(read("$.v", "{\"v\":\"warm\"}").problem()).isEqualTo("not a number: warm");
        assertThat(read("$.v", "{\"v\":\"NaN\"}").ok()).isFalse();
        assertThat(read("$.v[0]", "{\"v\":{\"0\":1}}").ok()).isFalse(); // an index on an object is no member name
    }

    @Test
    void streamed_reading_of_what_is_not_json() {
        assertThat(path("$.a").read("not json".getBytes(java.nio.charset.StandardCharsets.UTF_8)).problem())
                .isEqualTo("the payload is not JSON");
        assertThat(path("$.a").read(new byte[0]).problem()).isEqualTo("the payload is not JSON");
        assertThat(path("$.b").read("{\"a\":[1,{\"x\":2}],\"b\":3}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .value()).isEqualTo(3);
    }

    @Test
    void the_payload_itself_as_a_number() {
        assertThat(path("$").root()).isTrue();
        assertThat(path("").root()).isTrue();
        assertThat(ValuePath.text("21.5\n").value()).isEqualTo(21.5);
        assertThat(ValuePath.text("1e3").value()).isEqualTo(1000);
        assertThat(ValuePath.text("12 C").ok()).isFalse();
        assertThat(ValuePath.text("Infinity").ok()).isFalse();
        assertThat(ValuePath.text("1d").ok()).isFalse();
    }

    @Test
    void syntax_errors_give_the_column() {
        ParseResult<ValuePath> dot = ValuePath.parse("$.a..b");
        assertThat(dot.ok()).isFalse();
        assertThat(dot.column()).isEqualTo(5);
        assertThat(dot.error()).isEqualTo("Column 5: a member name is expected after the dot.");
        ParseResult<ValuePath> index = ValuePath.parse("$.a[x]");
        assertThat(index.error()).startsWith("Column 5: an array index");
        ParseResult<ValuePath> quote = ValuePath.parse("$['a");
        assertThat(quote.error()).startsWith("Column 5: the quoted name");
        ParseResult<ValuePath> step = ValuePath.parse("$a");
        assertThat(step.error()).isEqualTo("Column 2: . or [ is expected.");
        assertThat(ValuePath.parse("a..b").column()).isEqualTo(3);
    }

    @Test
    void number_paths_lists_every_number_in_document_order() throws Exception {
        JsonNode n = JSON.readTree("{\"t\":1,\"name\":\"x\",\"s\":[{\"v\":2},{\"w\":\"3\"}],\"a b\":4}");
        assertThat(ValuePath.numberPaths(n, 50)).containsExactly("$.t", "$.s[0].v", "$['a b']");
        assertThat(ValuePath.numberPaths(n, 1)).containsExactly("$.t");
    }
}
