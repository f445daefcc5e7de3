package io.mqscope.payload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicNamesTest {

    @Test
    void topic_names_reject_wildcards_with_position() {
        assertThat(TopicNames.validateName("a/b/c").ok()).isTrue();
        ParseResult<String> r = TopicNames.validateName("a/+/c");
        assertThat(r.ok()).isFalse();
        assertThat(r.position()).isEqualTo(2);
        assertThat(r.error()).contains("'+'").contains("MQTT-3.3.2-2");
        assertThat(TopicNames.validateName("a/#").position()).isEqualTo(2);
        assertThat(TopicNames.validateName("").ok()).isFalse();
        assertThat(TopicNames.validateName("a\u0000b").position()).isEqualTo(1);
    }

    @Test
    void filters_follow_the_wildcard_rules() {
        assertThat(TopicNames.validateFilter("#").ok()).isTrue();
        assertThat(TopicNames.validateFilter("a/+/c/#").ok()).isTrue();
        assertThat(TopicNames.validateFilter("+").ok()).isTrue();
        assertThat(TopicNames.validateFilter("/+/").ok()).isTrue();
        ParseResult<String> notLast = TopicNames.validateFilter("a/#/c");
        assertThat(notLast.ok()).isFalse();
        assertThat(notLast.position()).isEqualTo(2);
        assertThat(notLast.error()).contains("last");
        ParseResult<String> plusInside = TopicNames.validateFilter("a/b+/c");
        assertThat(plusInside.ok()).isFalse();
        assertThat(plusInside.position()).isEqualTo(3);
        assertThat(plusInside.error()).contains("whole level");
        assertThat(TopicNames.validateFilter("a#").ok()).isFalse();
    }

    @Test
    void matching() {
        assertThat(TopicNames.matches("a/+/c", "a/b/c")).isTrue();
        assertThat(TopicNames.matches("a/+/c", "a/b/d")).isFalse();
        assertThat(TopicNames.matches("a/#", "a")).isTrue();
        assertThat(TopicNames.matches("a/#", "a/b/c")).isTrue();
        assertThat(TopicNames.matches("#", "x/y")).isTrue();
        assertThat(TopicNames.matches("#", "$SYS/x")).isFalse();
        assertThat(TopicNames.matches("+/x", "$SYS/x")).isFalse();
        assertThat(TopicNames.matches("+", "a/b")).isFalse();
        assertThat(TopicNames.matches("+/+", "/x")).isTrue();
        assertThat(TopicNames.matches("a/b", "a/b/c")).isFalse();
        assertThat(TopicNames.matches("a/b/c", "a/b")).isFalse();
        assertThat(TopicNames.matches("a/+", "a/")).isTrue();
    }
}
