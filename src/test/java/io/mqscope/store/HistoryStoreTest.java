package io.mqscope.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.session.MessageEvent;
import io.mqscope.session.MessageProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryStoreTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    static MessageEvent msg(int i, boolean out, String topic, byte[] payload) {
        return new MessageEvent("s1", i, T0.plusMillis(i), out, topic, i % 3, i % 5 == 0, false, payload,
                MessageProperties.NONE);
    }

    static MessageEvent msg(int i, String topic, String text) {
        return msg(i, false, topic, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_batch_of_messages_is_written_and_read_back_in_order_after_reopening() throws Exception {
        try (HistoryStore h = HistoryStore.openIn(dir, HistoryLimits.DEFAULT)) {
            for (int i = 0; i < 5_000; i++) {
                assertThat(h.record("c1", msg(i, "t/" + i, "v" + i))).isTrue();
            }
            h.flush(10_000);
        }
        try (HistoryStore h = HistoryStore.openIn(dir, HistoryLimits.DEFAULT)) {
            List<MessageEvent> last = h.last("c1", 3);
            assertThat(last).extracting(MessageEvent::topic).containsExactly("t/4997", "t/4998", "t/4999");
            assertThat(last.get(2).time()).isEqualTo(T0.plusMillis(4999));
            assertThat(last.get(2).qos()).isEqualTo(4999 % 3);
            assertThat(h.last("c1", 10_000)).hasSize(5_000);
            assertThat(h.last("other", 10)).isEmpty();
            assertThat(h.dropped()).isZero();
        }
        // readable by its owner only, like the secrets
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve("history.db")))).isEqualTo("rw-------");
        }
        // WAL, as the crash rule needs
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("history.db"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void payload_bytes_come_back_byte_for_byte_including_invalid_utf8_and_zeros() throws Exception {
        byte[] invalid = {(byte) 0xc3, (byte) 0x28, 0, (byte) 0xff, (byte) 0xfe, (byte) 0xed, (byte) 0xa0,
            (byte) 0x80, 'x', 0};
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        try (HistoryStore h = HistoryStore.openIn(dir, HistoryLimits.DEFAULT)) {
            h.record("c1", msg(1, false, "bin/a", invalid));
            h.record("c1", msg(2, false, "bin/b", all));
            h.record("c1", msg(3, false, "bin/c", new byte[0]));
            h.flush(10_000);
            List<MessageEvent> back = h.last("c1", 3);
            assertThat(back.get(0).payload()).containsExactly(invalid);
            assertThat(back.get(1).payload()).containsExactly(all);
            assertThat(back.get(2).payload()).isEmpty();
        }
    }

    @Test
    void mqtt5_properties_come_back_with_the_message(@TempDir Path other) throws Exception {
        MessageProperties props = new MessageProperties(true, 60L, 3, "reply/here", new byte[] {0, (byte) 0xff, 7},
                "application/json", List.of(new io.mqscope.profile.Profile.UserProperty("k", "v ü"),
                new io.mqscope.profile.Profile.UserProperty("k", "second")), List.of(1, 268435455));
        try (HistoryStore h = HistoryStore.openIn(other, HistoryLimits.DEFAULT)) {
            h.record("c1", new MessageEvent("s1", 0, T0, false, "p", 1, false, false, new byte[] {1}, props));
            h.record("c1", msg(2, "q", "plain"));
            h.flush(10_000);
            List<MessageEvent> back = h.last("c1", 2);
            MessageProperties got = back.get(0).properties();
            assertThat(got.payloadIsUtf8()).isTrue();
            assertThat(got.messageExpirySeconds()).isEqualTo(60L);
            assertThat(got.topicAlias()).isEqualTo(3);
            assertThat(got.responseTopic()).isEqualTo("reply/here");
            assertThat(got.correlationData()).containsExactly(0, 0xff, 7);
            assertThat(got.contentType()).isEqualTo("application/json");
            assertThat(got.userProperties()).isEqualTo(props.userProperties());
            assertThat(got.subscriptionIdentifiers()).containsExactly(1, 268435455);
            assertThat(back.get(1).properties()).isEqualTo(MessageProperties.NONE);
        }
    }

    @Test
    void bounds_evict_the_oldest_rows_first_per_connection_and_in_total() throws Exception {
        byte[] kb = new byte[1000];
        HistoryLimits small = new HistoryLimits(300_000, 100_000);
        try (HistoryStore h = HistoryStore.openIn(dir, small)) {
            for (int i = 0; i < 1_000; i++) {
                h.record("a", msg(i, false, "a/" + i, kb));
            }
            h.flush(10_000);
            List<MessageEvent> a = h.last("a", 10_000);
            // about 100 kB of 1 kB rows, the newest ones, with no gap
            assertThat(a.size()).isBetween(80, 100);
            assertThat(a.get(a.size() - 1).topic()).isEqualTo("a/999");
            for (int i = 1; i < a.size(); i++) {
                assertThat(a.get(i).time()).isAfter(a.get(i - 1).time());
            }
            for (String c : List.of("b", "c", "d", "e")) {
                for (int i = 0; i < 90; i++) {
                    h.record(c, msg(1000 + i, false, c + "/" + i, kb));
                }
                h.flush(10_000);
            }
            long rows = 0;
            for (String c : List.of("a", "b", "c", "d", "e")) {
                rows += h.last(c, 10_000).size();
            }
            // 300 kB in all: the oldest connection's rows went first
            assertThat(rows * 1_070).isLessThanOrEqualTo(300_000);
            assertThat(h.last("a", 10_000)).isEmpty();
            assertThat(h.last("e", 10_000)).hasSize(90);
        }
    }

    @Test
    void search_finds_text_in_topic_and_payload_any_case_and_hex_bytes_with_a_count() throws Exception {
        try (HistoryStore h = HistoryStore.openIn(dir, HistoryLimits.DEFAULT)) {
            h.record("c1", msg(1, "plant/boiler", "{\"temp\": 71.5, \"state\": \"Overheat\"}"));
            h.record("c1", msg(2, "plant/pump", "all fine"));
            h.record("c1", msg(3, false, "raw/frame", new byte[] {1, (byte) 0xde, (byte) 0xad, (byte) 0xbe,
                (byte) 0xef, 2}));
            h.record("c1", msg(4, true, "cmd/overheat", "reset".getBytes(StandardCharsets.UTF_8)));
            h.record("c2", msg(5, "plant/boiler", "OVERHEAT elsewhere"));
            for (int i = 0; i < 100; i++) {
                h.record("c1", msg(10 + i, "noise/" + i, "nothing to see " + i));
            }
            h.flush(10_000);
            HistoryQuery all = HistoryQuery.all("c1");
            HistoryStore.SearchResult r = h.search(all.withTerm(SearchTerm.parse("overheat")), 100);
            assertThat(r.count()).isEqualTo(2);
            assertThat(r.newest()).extracting(MessageEvent::topic).containsExactly("plant/boiler", "cmd/overheat");
            assertThat(h.count(all.withTerm(SearchTerm.parse("de ad be ef")))).isEqualTo(1);
            assertThat(h.search(all.withTerm(SearchTerm.parse("DE AD BE EF")), 10).newest().get(0).topic())
                    .isEqualTo("raw/frame");
            assertThat(h.count(all.withTerm(SearchTerm.parse("ad be ef 03")))).isZero();
            // two characters: below the trigram index, still found
            assertThat(h.count(all.withTerm(SearchTerm.parse("5,")))).isEqualTo(1);
            // combined with the list's filters
            HistoryQuery out = new HistoryQuery("c1", "cmd/#", "", SearchTerm.parse("overheat"), true, null, null,
                    null, null);
            assertThat(h.count(out)).isEqualTo(1);
            HistoryQuery in = new HistoryQuery("c1", "", "", SearchTerm.parse("overheat"), false, null, null, null,
                    null);
            assertThat(h.count(in)).isEqualTo(1);
            HistoryQuery window = new HistoryQuery("c1", "noise/+", "see", SearchTerm.NONE, null, null, null,
                    T0.plusMillis(50), T0.plusMillis(60));
            assertThat(h.count(window)).isEqualTo(10);
            HistoryQuery qos = new HistoryQuery("c1", "noise/#", "", SearchTerm.NONE, null, 2, null, null, null);
            assertThat(h.count(qos)).isEqualTo(100 / 3 + (100 % 3 > 1 ? 1 : 0));
            // the Java rule agrees with the database for what the list highlights
            assertThat(SearchTerm.parse("de ad be ef").matches(r.newest().get(0))).isFalse();
            assertThat(SearchTerm.parse("OVERHEAT").matches(r.newest().get(0))).isTrue();
        }
    }

    @Test
    void export_walks_every_match_oldest_first_and_stops_when_asked() throws Exception {
        try (HistoryStore h = HistoryStore.openIn(dir, HistoryLimits.DEFAULT)) {
            for (int i = 0; i < 1_000; i++) {
                h.record("c1", msg(i, "t/" + i, "x"));
            }
            h.flush(10_000);
            List<String> seen = new ArrayList<>();
            h.each(HistoryQuery.all("c1"), m -> seen.add(m.topic()) && seen.size() < 600);
            assertThat(seen).hasSize(600).startsWith("t/0", "t/1");
        }
    }

    @Test
    void a_corrupt_database_is_set_aside_and_a_fresh_one_opens() throws Exception {
        Path db = dir.resolve("history.db");
        byte[] junk = "this is not a SQLite database, just words that fill the first pages of a file. "
                .repeat(100).getBytes(StandardCharsets.US_ASCII);
        Files.write(db, junk);
        try (HistoryStore h = HistoryStore.openIn(dir, HistoryLimits.DEFAULT)) {
            assertThat(h.setAside()).isNotNull();
            assertThat(h.setAside().getFileName().toString()).startsWith("history.db.corrupt-");
            assertThat(Files.readAllBytes(h.setAside())).isEqualTo(junk);
            h.record("c1", msg(1, "t", "after"));
            h.flush(10_000);
            assertThat(h.last("c1", 1)).hasSize(1);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().contains(".corrupt-")).count()).isEqualTo(1);
        }
        try (HistoryStore h = HistoryStore.openIn(dir, HistoryLimits.DEFAULT)) {
            assertThat(h.setAside()).isNull();
        }
    }

    @Test
    void a_database_damaged_inside_is_set_aside_too() throws Exception {
        try (HistoryStore h = HistoryStore.openIn(dir, HistoryLimits.DEFAULT)) {
            for (int i = 0; i < 2_000; i++) {
                h.record("c1", msg(i, "t/" + i, "payload " + i));
            }
            h.flush(10_000);
        }
        Path db = dir.resolve("history.db");
        byte[] b = Files.readAllBytes(db);
        // keep the header (page 1), scribble over the pages behind it
        for (int i = 4096 * 2; i < b.length; i++) {
            b[i] = (byte) (i * 31);
        }
        Files.write(db, b);
        try (HistoryStore h = HistoryStore.openIn(dir, HistoryLimits.DEFAULT)) {
            assertThat(h.setAside()).isNotNull();
            assertThat(h.last("c1", 10)).isEmpty();
        }
    }

    @Test
    void packets_are_kept_with_a_connect_password_masked(@TempDir Path other) throws Exception {
        // CONNECT, MQTT 3.1.1, user "u", password "pw!" (as in wire.SecretsTest)
        byte[] connect = java.util.HexFormat.of().parseHex("1015" + "00044d51545404c2003c0001630001750003707721");
        io.mqscope.wire.DecodedPacket p = io.mqscope.wire.DecodeResult.of(connect,
                io.mqscope.wire.Direction.CLIENT_TO_BROKER, 4, false).packets().get(0);
        try (HistoryStore h = HistoryStore.openIn(other, HistoryLimits.DEFAULT)) {
            h.record("c1", new io.mqscope.tap.PacketEvent("s1", 0, T0, io.mqscope.wire.Direction.CLIENT_TO_BROKER,
                    p));
            h.flush(10_000);
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + other.resolve("history.db"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT payload, outgoing FROM record WHERE kind=1")) {
            assertThat(rs.next()).isTrue();
            byte[] stored = rs.getBytes(1);
            assertThat(stored).hasSize(connect.length).endsWith('*', '*', '*');
            assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("pw!");
            assertThat(rs.getInt(2)).isEqualTo(1);
        }
    }

    @Test
    void a_full_queue_drops_and_counts_instead_of_blocking() throws Exception {
        try (HistoryStore h = HistoryStore.openIn(dir, HistoryLimits.DEFAULT)) {
            byte[] big = new byte[1 << 20];
            long start = System.nanoTime();
            int refused = 0;
            for (int i = 0; i < 200; i++) {
                if (!h.record("c1", msg(i, false, "big", big))) {
                    refused++;
                }
            }
            // 200 MiB offered at once, at most 64 MiB may wait: the rest is dropped at once and counted
            assertThat(refused).isGreaterThan(0);
            assertThat(h.dropped()).isEqualTo(refused);
            assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
        }
    }
}
