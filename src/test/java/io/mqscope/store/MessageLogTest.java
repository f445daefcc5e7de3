package io.mqscope.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.Profile.UserProperty;
import io.mqscope.session.MessageEvent;
import io.mqscope.session.MessageProperties;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageLogTest {

    static MessageEvent in(String topic, byte[] payload, long nanos) {
        return new MessageEvent("c1", nanos, Instant.parse("2026-01-01T00:00:00Z"), false, topic, 1, false, false,
                payload, MessageProperties.NONE);
    }

    @Test
    void message_log_is_bounded_by_payload_bytes_plus_overhead() {
        MessageLog log = new MessageLog(1 << 20);
        for (int i = 0; i < 10_000; i++) {
            log.append(in("t/" + (i % 10), new byte[1000], i));
        }
        assertThat(log.entries().bytes()).isLessThanOrEqualTo(1 << 20);
        // about 1 MiB / (1000 + overhead) messages stay
        assertThat(log.entries().size()).isBetween(800, 1000);
        // counters cover every message, not only those still held
        assertThat(log.counters().snapshot().messagesIn()).isEqualTo(10_000);
        assertThat(log.counters().snapshot().bytesIn()).isEqualTo(10_000_000);
        assertThat(log.counters().snapshot().perTopicIn()).containsEntry("t/3", 1000L);
    }

    @Test
    void weight_includes_properties() {
        MessageEvent plain = in("a", new byte[10], 0);
        MessageEvent withProps = new MessageEvent("c1", 0, Instant.EPOCH, false, "a", 0, false, false, new byte[10],
                new MessageProperties(true, 10L, null, "resp", new byte[100], "text/plain",
                        List.of(new UserProperty("k", "v")), List.of(3)));
        assertThat(MessageLog.weigh(withProps)).isGreaterThan(MessageLog.weigh(plain) + 100);
    }

    @Test
    void counters_count_in_and_out_per_topic_and_per_filter_and_rate() {
        MessageCounters c = new MessageCounters();
        long base = 100_000_000_000L;
        for (int i = 0; i < 50; i++) {
            c.record(in("kit/a", new byte[2], base + i * 10_000_000L)); // 50 within the first second
        }
        c.record(in("kit/b/c", new byte[2], base + 1_500_000_000L));
        c.record(new MessageEvent("c1", base, Instant.EPOCH, true, "kit/a", 0, false, false, new byte[7],
                MessageProperties.NONE));
        MessageStats s = c.snapshot();
        assertThat(s.messagesIn()).isEqualTo(51);
        assertThat(s.messagesOut()).isEqualTo(1);
        assertThat(s.bytesOut()).isEqualTo(7);
        assertThat(s.perTopicIn()).containsEntry("kit/a", 50L).containsEntry("kit/b/c", 1L);
        assertThat(c.perFilter(List.of("kit/#", "kit/+", "kit/b/+", "other")))
                .containsEntry("kit/#", 51L).containsEntry("kit/+", 50L).containsEntry("kit/b/+", 1L)
                .containsEntry("other", 0L);
        // at base + 2 s, the complete seconds hold 51 messages over a 5 s window
        assertThat(c.ratePerSecond(base + 2_000_000_000L)).isEqualTo(51 / 5.0);
    }

    @Test
    void per_topic_counts_are_capped() {
        MessageCounters c = new MessageCounters();
        for (int i = 0; i < MessageCounters.MAX_TOPICS + 5; i++) {
            c.record(in("t/" + i, new byte[0], i));
        }
        MessageStats s = c.snapshot();
        assertThat(s.perTopicIn()).hasSize(MessageCounters.MAX_TOPICS);
        assertThat(s.otherTopicsIn()).isEqualTo(5);
    }

    @Test
    void exports_json_lines_with_hex_and_text_only_when_utf8() throws Exception {
        MessageLog log = new MessageLog();
        log.append(in("a", "hi".getBytes(StandardCharsets.UTF_8), 0));
        log.append(in("b", new byte[] {(byte) 0xff, (byte) 0xad, 0x00}, 1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonLines.export(log, out);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("{\"seq\":0,").contains("\"direction\":\"in\"")
                .contains("\"payload_hex\":\"6869\"").contains("\"payload_text\":\"hi\"");
        assertThat(lines[1]).contains("\"payload_hex\":\"ffad00\"").doesNotContain("payload_text");
    }

    @Test
    void json_properties_are_written_with_mqtt_names() throws Exception {
        MessageEvent m = new MessageEvent("c1", 0, Instant.EPOCH, false, "a", 1, true, false, new byte[0],
                new MessageProperties(true, 60L, null, "r/t", new byte[] {1, 2}, "application/json",
                        List.of(new UserProperty("k", "v1"), new UserProperty("k", "v2")), List.of(7)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonLines w = new JsonLines(out, false)) {
            w.writeMessage(-1, m);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"topic\":\"a\",\"qos\":1,\"retain\":true,"
                + "\"dup\":false,\"payload_hex\":\"\",\"payload_text\":\"\",\"properties\":{"
                + "\"payload_format_indicator\":1,\"message_expiry_interval\":60,\"response_topic\":\"r/t\","
                + "\"correlation_data_hex\":\"0102\",\"content_type\":\"application/json\","
                + "\"user_properties\":[[\"k\",\"v1\"],[\"k\",\"v2\"]],\"subscription_identifiers\":[7]}}\n");
    }
}
