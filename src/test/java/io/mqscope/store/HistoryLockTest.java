package io.mqscope.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.session.MessageEvent;
import io.mqscope.session.MessageProperties;
import io.mqscope.session.SessionListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two stores on one {@code history.db} (two app instances on one config directory): the first writes, the second
 * reads what the first keeps and writes nothing, instead of both writing and the second dropping its batches once
 * SQLite's busy timeout runs out (issue 15).
 */
class HistoryLockTest {
    @TempDir
    Path dir;

    private static MessageEvent msg(int i, String topic) {
        return new MessageEvent("s1", i, Instant.now(), false, topic, 0, false, false,
                ("v" + i).getBytes(StandardCharsets.UTF_8), MessageProperties.NONE);
    }

    @Test
    void the_second_store_on_a_file_reads_it_and_writes_nothing() throws Exception {
        try (HistoryStore first = HistoryStore.openIn(dir, HistoryLimits.DEFAULT)) {
            assertThat(first.readOnly()).isFalse();
            first.record("c1", msg(1, "a/1"));
            first.flush(10_000);
            try (HistoryStore second = HistoryStore.openIn(dir, HistoryLimits.DEFAULT)) {
                assertThat(second.readOnly()).isTrue();
                assertThat(second.last("c1", 10)).extracting(MessageEvent::topic).containsExactly("a/1");
                // recording is refused without a drop to count; a session's listener is passed through untouched
                assertThat(second.record("c1", msg(2, "b/2"))).isFalse();
                assertThat(second.dropped()).isZero();
                SessionListener next = new SessionListener() { };
                assertThat(second.recorder("c1", next)).isSameAs(next);
                // what the writer commits later is seen by the reader
                first.record("c1", msg(3, "a/3"));
                first.flush(10_000);
                assertThat(second.count(HistoryQuery.all("c1").withTerm(SearchTerm.parse("v3")))).isEqualTo(1);
                assertThat(second.last("c1", 10)).extracting(MessageEvent::topic).containsExactly("a/1", "a/3");
            }
            // the reader's close takes nothing from the writer
            first.record("c1", msg(4, "a/4"));
            first.flush(10_000);
            assertThat(first.dropped()).isZero();
            assertThat(first.last("c1", 10)).hasSize(3);
        }
        // the writer gone, the next store writes
        try (HistoryStore next = HistoryStore.openIn(dir, HistoryLimits.DEFAULT)) {
            assertThat(next.readOnly()).isFalse();
            assertThat(next.record("c1", msg(5, "a/5"))).isTrue();
            next.flush(10_000);
            assertThat(next.last("c1", 10)).hasSize(4);
        }
    }

    private static long rows(Path db) {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
             var s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM record")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (Exception e) {
            return 0; // the schema may not be there yet
        }
    }

    @Test
    void a_store_in_another_process_keeps_the_file_until_it_ends_even_when_killed() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), HistoryCrashTest.class.getName(), dir.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            Path db = dir.resolve("history.db");
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(db) && rows(db) > 0);
            try (HistoryStore reader = HistoryStore.openIn(dir, HistoryLimits.DEFAULT)) {
                assertThat(reader.readOnly()).isTrue();
                // the child's flood shows up here as it commits
                long seen = reader.count(HistoryQuery.all("c1"));
                await().atMost(Duration.ofSeconds(30)).until(() -> reader.count(HistoryQuery.all("c1")) > seen);
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (HistoryStore after = HistoryStore.openIn(dir, HistoryLimits.DEFAULT)) {
            assertThat(after.readOnly()).isFalse();
            assertThat(after.setAside()).isNull();
        }
    }
}
