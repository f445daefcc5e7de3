package io.mqscope.store;

import io.mqscope.payload.TopicNames;
import io.mqscope.session.MessageEvent;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.sqlite.Function;

/**
 * Reads the history on its own connection (WAL lets it read while the writer writes): the newest messages of a
 * connection, searches with a count, and every match in order for an export. Serialised: one query at a time.
 */
final class HistoryReader {
    private static final String COLUMNS = "SELECT id, time_ms, outgoing, topic, qos, retain, dup, payload, props"
            + " FROM record";
    /** The trigram tokenizer needs three characters to use its index; shorter text is scanned. */
    private static final int TRIGRAM = 3;
    /** A long text asks the index for this many of its trigrams; the exact check does the rest. */
    private static final int MAX_GRAMS = 12;

    private final Connection db;

    HistoryReader(Connection db) throws SQLException {
        this.db = db;
        // topic filters with wildcards are matched by the same function the live list uses
        Function.create(db, "mqtt_match", new Function() {
            @Override
            protected void xFunc() throws SQLException {
                String filter = value_text(0);
                String topic = value_text(1);
                result(filter != null && topic != null && TopicNames.matches(filter, topic) ? 1 : 0);
            }
        }, 2, Function.FLAG_DETERMINISTIC);
        // the exact text rule of SearchTerm: topic or payload (read as UTF-8 here only) contains it, any case
        Function.create(db, "text_hit", new Function() {
            @Override
            protected void xFunc() throws SQLException {
                String topic = value_text(0);
                byte[] payload = value_blob(1);
                String q = value_text(2);
                boolean hit = q != null && (topic != null && topic.toLowerCase(Locale.ROOT).contains(q)
                        || payload != null && new String(payload, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT)
                        .contains(q));
                result(hit ? 1 : 0);
            }
        }, 3, Function.FLAG_DETERMINISTIC);
    }

    /** The newest {@code n} messages of {@code conn}, oldest first. */
    synchronized List<MessageEvent> last(String conn, int n) throws SQLException {
        return page(HistoryQuery.all(conn), n);
    }

    /**
     * The newest {@code n} packets of {@code conn}, oldest first, as stored (a CONNECT's password masked), and the
     * newest CONNECT the client sent at or before the first of them (null when none is kept): its protocol level
     * says how the packets after it are read.
     */
    synchronized StoredPackets lastPackets(String conn, int n) throws SQLException {
        List<StoredPackets.Row> rows = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement("SELECT id, time_ms, outgoing, payload FROM record"
                + " WHERE conn=? AND kind=1 ORDER BY id DESC LIMIT ?")) {
            p.setString(1, conn);
            p.setInt(2, n);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rows.add(new StoredPackets.Row(rs.getLong(1), rs.getLong(2), rs.getInt(3) != 0,
                            rs.getBytes(4)));
                }
            }
        }
        Collections.reverse(rows);
        byte[] connect = null;
        if (!rows.isEmpty()) {
            // CONNECT is packet type 1: a first byte of 0x10 (MQTT 3.1.1 section 2.2, 5.0 section 2.1.2)
            try (PreparedStatement p = db.prepareStatement("SELECT payload FROM record WHERE conn=? AND kind=1"
                    + " AND outgoing=1 AND id<=? AND substr(payload, 1, 1)=x'10' ORDER BY id DESC LIMIT 1")) {
                p.setString(1, conn);
                p.setLong(2, rows.get(0).id());
                try (ResultSet rs = p.executeQuery()) {
                    connect = rs.next() ? rs.getBytes(1) : null;
                }
            }
        }
        return new StoredPackets(rows, connect);
    }

    /** How many messages match. */
    synchronized long count(HistoryQuery q) throws SQLException {
        Where w = where(q);
        try (PreparedStatement p = db.prepareStatement("SELECT COUNT(*) FROM record WHERE " + w.sql)) {
            w.bind(p);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** The newest {@code limit} matches, oldest first. */
    synchronized List<MessageEvent> page(HistoryQuery q, int limit) throws SQLException {
        Where w = where(q);
        List<MessageEvent> out = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement(COLUMNS + " WHERE " + w.sql + " ORDER BY id DESC LIMIT ?")) {
            int i = w.bind(p);
            p.setInt(i, limit);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(event(q.connection(), rs));
                }
            }
        }
        Collections.reverse(out);
        return out;
    }

    /** Every match, oldest first, handed to {@code sink} one at a time (an export of any size in small memory). */
    synchronized void each(HistoryQuery q, Sink sink) throws Exception {
        Where w = where(q);
        try (PreparedStatement p = db.prepareStatement(COLUMNS + " WHERE " + w.sql + " ORDER BY id")) {
            w.bind(p);
            p.setFetchSize(500);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    if (!sink.accept(event(q.connection(), rs))) {
                        return;
                    }
                }
            }
        }
    }

    /** Receives exported messages; false stops the export (cancelled). */
    @FunctionalInterface
    interface Sink {
        boolean accept(MessageEvent m) throws Exception;
    }

    private static MessageEvent event(String conn, ResultSet rs) throws SQLException {
        Instant t = Instant.ofEpochMilli(rs.getLong(2));
        // a monotonic time for a message of an earlier run: as long ago as its wall-clock time says
        long nano = System.nanoTime() - Math.max(0, System.currentTimeMillis() - t.toEpochMilli()) * 1_000_000L;
        byte[] payload = rs.getBytes(8);
        return new MessageEvent(conn, nano, t, rs.getInt(3) != 0, rs.getString(4), rs.getInt(5), rs.getInt(6) != 0,
                rs.getInt(7) != 0, payload == null ? new byte[0] : payload, HistoryProperties.decode(rs.getBytes(9)));
    }

    /** The WHERE clause of a query and its parameters, in order. */
    private static final class Where {
        final StringBuilder sql = new StringBuilder("kind=0");
        final List<Object> args = new ArrayList<>();

        void and(String clause, Object... values) {
            sql.append(" AND ").append(clause);
            Collections.addAll(args, values);
        }

        int bind(PreparedStatement p) throws SQLException {
            int i = 1;
            for (Object a : args) {
                p.setObject(i++, a);
            }
            return i;
        }
    }

    private static Where where(HistoryQuery q) {
        Where w = new Where();
        if (q.connection() != null) {
            w.and("conn=?", q.connection());
        }
        if (!q.topicFilter().isEmpty() && TopicNames.validateFilter(q.topicFilter()).ok()) {
            w.and("mqtt_match(?, topic)=1", q.topicFilter());
        }
        if (!q.textFilter().isEmpty()) {
            text(w, q.textFilter(), null);
        }
        if (!q.term().isEmpty()) {
            text(w, q.term().text(), q.term().bytes());
        }
        if (q.outgoing() != null) {
            w.and("outgoing=?", q.outgoing() ? 1 : 0);
        }
        if (q.qos() != null) {
            w.and("qos=?", q.qos());
        }
        if (q.retain() != null) {
            w.and("retain=?", q.retain() ? 1 : 0);
        }
        if (q.from() != null) {
            w.and("time_ms>=?", q.from().toEpochMilli());
        }
        if (q.to() != null) {
            w.and("time_ms<?", q.to().toEpochMilli());
        }
        return w;
    }

    /**
     * Text in the topic or the payload, any case, or, for a hex term, its bytes anywhere in the payload. Text of three
     * characters or more first narrows to the candidate rows: those whose index holds all its trigrams, and those
     * whose payload is longer than the index holds ({@link HistoryWriter#INDEXED_BYTES}; column {@code scan},
     * found by the partial index {@code record_scan}). Every candidate is then checked exactly by
     * {@code text_hit}, the rule of {@link SearchTerm#matches}, so the count is the count of real hits.
     */
    private static void text(Where w, String text, byte[] bytes) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> grams = trigrams(lower);
        String exact = "text_hit(topic, payload, ?)=1" + (bytes == null ? "" : " OR instr(payload, ?)>0");
        Object[] exactArgs = bytes == null ? new Object[] {lower} : new Object[] {lower, bytes};
        if (grams.isEmpty()) {
            w.and("(" + exact + ")", exactArgs);
            return;
        }
        StringBuilder match = new StringBuilder();
        for (String g : grams) {
            match.append(match.length() == 0 ? "" : " ").append('"').append(g.replace("\"", "\"\"")).append('"');
        }
        String candidates = "id IN (SELECT rowid FROM record_text WHERE record_text MATCH ? UNION ALL"
                + " SELECT id FROM record WHERE kind=0 AND scan=1)";
        if (bytes == null) {
            // the candidates' rowids drive the lookup; the exact check (a call into Java) sees only them
            w.and(candidates + " AND text_hit(topic, payload, ?)=1", match.toString(), lower);
        } else {
            // inside OR every row is read anyway: CASE keeps the Java check to the candidates
            w.and("(instr(payload, ?)>0 OR CASE WHEN " + candidates + " THEN text_hit(topic, payload, ?) ELSE 0"
                    + " END=1)", bytes, match.toString(), lower);
        }
    }

    /**
     * The distinct trigrams of {@code s} (by code point), at most {@link #MAX_GRAMS} of them spread over it; none
     * when {@code s} holds a character the index leaves out ({@link SearchTerm#isText}), which a scan then finds.
     */
    static List<String> trigrams(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!SearchTerm.isText(s.charAt(i))) {
                return List.of();
            }
        }
        int[] cps = s.codePoints().toArray();
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        int n = cps.length - TRIGRAM + 1;
        int step = Math.max(1, n / MAX_GRAMS);
        for (int i = 0; i < n; i += step) {
            out.add(new String(cps, i, TRIGRAM));
        }
        if (n > 0) {
            out.add(new String(cps, n - 1, TRIGRAM));
        }
        return List.copyOf(out);
    }
}
