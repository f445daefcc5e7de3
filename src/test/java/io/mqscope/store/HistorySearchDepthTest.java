package io.mqscope.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.session.MessageEvent;
import io.mqscope.session.MessageProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A search finds text and bytes anywhere in a stored payload, not only in its indexed beginning (issue 15). */
class HistorySearchDepthTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private static MessageEvent msg(int i, String topic, byte[] payload) {
        return new MessageEvent("s1", i, T0.plusMillis(i), false, topic, 0, false, false, payload,
                MessageProperties.NONE);
    }

    /** {@code size} bytes of JSON-like text with {@code word} written at {@code at}. */
    private static byte[] text(int size, String word, int at) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) 'x');
        if (word != null) {
            byte[] w = word.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(w, 0, b, at, w.length);
        }
        return b;
    }

    @Test
    void text_and_hex_deep_in_a_large_payload_are_found_and_counted() throws Exception {
        try (HistoryStore h = HistoryStore.openIn(dir, HistoryLimits.DEFAULT)) {
            h.record("c1", msg(1, "big/hit", text(200_000, "Needle-Deep", 150_000)));
            // across the indexed part's end: half of it indexed, half not
            h.record("c1", msg(2, "big/edge", text(8_000, "needle-deep", HistoryWriter.INDEXED_BYTES - 5)));
            h.record("c1", msg(3, "big/miss", text(200_000, null, 0)));
            byte[] bin = new byte[100_000];
            bin[60_000] = (byte) 0xde;
            bin[60_001] = (byte) 0xad;
            bin[60_002] = (byte) 0xbe;
            bin[60_003] = (byte) 0xef;
            h.record("c1", msg(4, "big/bytes", bin));
            for (int i = 0; i < 50; i++) {
                h.record("c1", msg(10 + i, "small/" + i, text(100, null, 0)));
            }
            h.flush(10_000);
            HistoryQuery all = HistoryQuery.all("c1");
            HistoryStore.SearchResult r = h.search(all.withTerm(SearchTerm.parse("NEEDLE-deep")), 10);
            assertThat(r.count()).isEqualTo(2);
            assertThat(r.newest()).extracting(MessageEvent::topic).containsExactly("big/hit", "big/edge");
            assertThat(h.count(all.withTerm(SearchTerm.parse("de ad be ef")))).isEqualTo(1);
            // the list's text filter follows the same rule
            assertThat(h.count(new HistoryQuery("c1", "big/#", "needle-deep", SearchTerm.NONE, null, null, null,
                    null, null))).isEqualTo(2);
            assertThat(h.count(all.withTerm(SearchTerm.parse("not-there")))).isZero();
        }
    }

    @Test
    void long_payloads_of_a_schema_1_file_are_read_whole_after_the_upgrade() throws Exception {
        try (HistoryStore h = HistoryStore.openIn(dir, HistoryLimits.DEFAULT)) {
            h.record("c1", msg(1, "old/big", text(50_000, "deep-word", 40_000)));
            h.record("c1", msg(2, "old/small", text(100, "deep-word", 10)));
            h.flush(10_000);
        }
        // what schema 1 left: no scan column
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("history.db"));
             Statement s = c.createStatement()) {
            s.execute("DROP INDEX record_scan");
            s.execute("ALTER TABLE record DROP COLUMN scan");
            s.execute("UPDATE meta SET value='1' WHERE key='schema'");
        }
        try (HistoryStore h = HistoryStore.openIn(dir, HistoryLimits.DEFAULT)) {
            assertThat(h.setAside()).isNull();
            h.record("c1", msg(3, "new/big", text(50_000, "deep-word", 45_000)));
            h.flush(10_000);
            assertThat(h.search(HistoryQuery.all("c1").withTerm(SearchTerm.parse("deep-word")), 10).newest())
                    .extracting(MessageEvent::topic).containsExactly("old/big", "old/small", "new/big");
        }
    }
}
