package io.mqscope.store;

import io.mqscope.payload.PayloadCodec;
import io.mqscope.payload.TextCharset;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The history's one writer thread. Producers (session I/O threads, Netty event loops) only {@link #offer}: a bounded
 * queue that never blocks them; what does not fit is counted as dropped. The thread takes everything queued, writes
 * it in one transaction and then evicts the oldest rows past the bounds, so a killed process loses at most what was
 * queued in the last moments (a transaction is committed as soon as the previous one ends).
 */
final class HistoryWriter {
    static final int MAX_QUEUED = 100_000;
    /** Payload bytes waiting at most: the queue holds references the sessions' own logs may already have dropped. */
    static final long MAX_QUEUED_BYTES = 64L << 20;
    private static final int MAX_BATCH = 10_000;
    /** Payloads are indexed up to here; a search reads longer ones whole. */
    static final int INDEXED_BYTES = 4096;
    /** After an eviction a bound is this full: evicting a little on every batch would cost a scan each time. */
    private static final double REFILL = 0.9;

    private final BlockingQueue<HistoryRow> queue = new ArrayBlockingQueue<>(MAX_QUEUED);
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Object progress = new Object();
    private long written;
    private final Connection db;
    private final Thread thread;
    private final Map<String, Long> bytesByConn = new HashMap<>();
    private volatile HistoryLimits limits;
    private volatile boolean closing;
    private volatile SQLException failure;
    private long total;
    private long nextId;
    private long evicted;

    HistoryWriter(Connection db, HistoryLimits limits) throws SQLException {
        this.db = db;
        this.limits = limits;
        db.setAutoCommit(false);
        loadTotals();
        thread = new Thread(this::run, "mqscope-history-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a row without waiting; false (and counted) when the writer is behind by the queue's bound. */
    boolean offer(HistoryRow row) {
        long w = row.payload().length;
        if (closing || queuedBytes.addAndGet(w) > MAX_QUEUED_BYTES) {
            queuedBytes.addAndGet(-w);
            dropped.incrementAndGet();
            return false;
        }
        if (!queue.offer(row)) {
            queuedBytes.addAndGet(-w);
            dropped.incrementAndGet();
            return false;
        }
        accepted.incrementAndGet();
        return true;
    }

    /** Waits until everything queued before this call is committed (tests, export, shutdown). */
    void flush(long timeoutMillis) throws InterruptedException {
        long target = accepted.get();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (progress) {
            while (written < target && thread.isAlive()) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return;
                }
                progress.wait(left);
            }
        }
    }

    private void run() {
        List<HistoryRow> batch = new ArrayList<>();
        while (!closing || !queue.isEmpty()) {
            try {
                HistoryRow first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException e) {
                // a full disk or a file taken away: the rows are lost, the app goes on without history
                failure = e;
                dropped.addAndGet(batch.size());
                rollback();
            } finally {
                long bytes = 0;
                for (HistoryRow r : batch) {
                    bytes += r.payload().length;
                }
                queuedBytes.addAndGet(-bytes);
                synchronized (progress) {
                    written += batch.size();
                    progress.notifyAll();
                }
                batch.clear();
            }
        }
    }

    /** Byte totals and the next id as the database holds them (at open, and after a batch was rolled back). */
    private void loadTotals() throws SQLException {
        bytesByConn.clear();
        total = 0;
        try (Statement s = db.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT conn, SUM(weight) FROM record GROUP BY conn")) {
                while (rs.next()) {
                    bytesByConn.put(rs.getString(1), rs.getLong(2));
                    total += rs.getLong(2);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM record")) {
                nextId = rs.next() ? rs.getLong(1) + 1 : 1;
            }
        }
        db.commit();
    }

    private void rollback() {
        try {
            db.rollback();
            // the batch counted its rows before it failed: count again from what is there
            loadTotals();
        } catch (SQLException ignored) {
            // the failure is already kept; the totals are corrected at the next open
        }
    }

    private void write(List<HistoryRow> batch) throws SQLException {
        try (PreparedStatement row = db.prepareStatement("INSERT INTO record(id, conn, kind, time_ms, outgoing,"
                + " topic, qos, retain, dup, payload, weight, props, scan) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)");
             PreparedStatement text = db.prepareStatement(
                     "INSERT INTO record_text(rowid, topic, body) VALUES(?,?,?)")) {
            for (HistoryRow r : batch) {
                long id = nextId++;
                long w = r.weight();
                row.setLong(1, id);
                row.setString(2, r.conn());
                row.setInt(3, r.kind());
                row.setLong(4, r.timeMs());
                row.setInt(5, r.outgoing() ? 1 : 0);
                row.setString(6, r.topic());
                row.setInt(7, r.qos());
                row.setInt(8, r.retain() ? 1 : 0);
                row.setInt(9, r.dup() ? 1 : 0);
                row.setBytes(10, r.payload());
                row.setLong(11, w);
                row.setBytes(12, r.properties());
                boolean scan = false;
                if (r.kind() == HistoryDatabase.KIND_MESSAGE) {
                    String body = indexedText(r.payload());
                    // text past the indexed part: every search reads the row (HistoryReader)
                    scan = r.payload().length > INDEXED_BYTES;
                    text.setLong(1, id);
                    text.setString(2, r.topic());
                    text.setString(3, body);
                    text.addBatch();
                }
                row.setInt(13, scan ? 1 : 0);
                row.addBatch();
                bytesByConn.merge(r.conn(), w, Long::sum);
                total += w;
            }
            row.executeBatch();
            text.executeBatch();
        }
        evict();
        db.commit();
    }

    /** The payload's beginning as text for the index (only there; the row keeps the bytes), or null for binary. */
    static String indexedText(byte[] payload) {
        byte[] head = payload.length > INDEXED_BYTES ? Arrays.copyOf(payload, INDEXED_BYTES) : payload;
        return PayloadCodec.isText(head, TextCharset.UTF_8) ? new String(head, StandardCharsets.UTF_8) : null;
    }

    private void evict() throws SQLException {
        HistoryLimits l = limits;
        for (Map.Entry<String, Long> e : List.copyOf(bytesByConn.entrySet())) {
            if (e.getValue() > l.perConnectionBytes()) {
                evict(e.getKey(), e.getValue() - (long) (l.perConnectionBytes() * REFILL));
            }
        }
        if (total > l.totalBytes()) {
            evict(null, total - (long) (l.totalBytes() * REFILL));
        }
    }

    /** Deletes the oldest rows (of {@code conn}, or of all when null) until at least {@code need} bytes are freed. */
    private void evict(String conn, long need) throws SQLException {
        long cutoff = -1;
        long freed = 0;
        Map<String, Long> freedByConn = new HashMap<>();
        String sql = conn == null ? "SELECT id, weight, conn FROM record ORDER BY id"
                : "SELECT id, weight, conn FROM record WHERE conn=? ORDER BY id";
        try (PreparedStatement q = db.prepareStatement(sql)) {
            if (conn != null) {
                q.setString(1, conn);
            }
            try (ResultSet rs = q.executeQuery()) {
                while (freed < need && rs.next()) {
                    cutoff = rs.getLong(1);
                    freed += rs.getLong(2);
                    freedByConn.merge(rs.getString(3), rs.getLong(2), Long::sum);
                    evicted++;
                }
            }
        }
        if (cutoff < 0) {
            return;
        }
        String where = conn == null ? "id<=?" : "conn=? AND id<=?";
        try (PreparedStatement t = db.prepareStatement("DELETE FROM record_text WHERE rowid IN (SELECT id FROM record"
                + " WHERE kind=0 AND " + where + ")");
             PreparedStatement r = db.prepareStatement("DELETE FROM record WHERE " + where)) {
            for (PreparedStatement p : new PreparedStatement[] {t, r}) {
                int i = 1;
                if (conn != null) {
                    p.setString(i++, conn);
                }
                p.setLong(i, cutoff);
                p.executeUpdate();
            }
        }
        for (Map.Entry<String, Long> e : freedByConn.entrySet()) {
            long left = bytesByConn.merge(e.getKey(), -e.getValue(), Long::sum);
            if (left <= 0) {
                bytesByConn.remove(e.getKey());
            }
            total -= e.getValue();
        }
    }

    void setLimits(HistoryLimits l) {
        limits = l;
    }

    long dropped() {
        return dropped.get();
    }

    SQLException failure() {
        return failure;
    }

    /** Stops taking rows, writes what is queued, ends the thread. */
    void close(long timeoutMillis) throws InterruptedException {
        closing = true;
        thread.join(timeoutMillis);
    }
}
