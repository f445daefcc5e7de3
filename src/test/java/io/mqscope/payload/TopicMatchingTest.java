package io.mqscope.payload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicMatchingTest {

    @ParameterizedTest
    @CsvSource({
        "a/b, a/b, true", "a/b, a/c, false", "a/b, a/b/c, false", "a/b/c, a/b, false",
        "a/+, a/b, true", "a/+, a/b/c, false", "a/+, a/, true", "+/+, /x, true", "+, a, true", "+, /a, false",
        "a/#, a, true", "a/#, a/b/c, true", "#, a/b, true", "#, $SYS/x, false", "+/x, $SYS/x, false",
        "$SYS/#, $SYS/x, true", "a/+/c, a/b/c, true", "a/+/c, a/b/d, false", "$share/g/a/#, a/b, true",
        "ab, a, false", "a, ab, false"})
    void matches_as_in_the_spec(String filter, String topic, boolean expected) {
        assertThat(TopicNames.matches(filter, topic)).isEqualTo(expected);
    }
}
