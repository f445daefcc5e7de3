package io.mqscope.store;

import io.mqscope.session.MessageEvent;
import io.mqscope.session.SessionListener;
import io.mqscope.tap.PacketEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Messages and packets of every connection, kept across restarts in {@code history.db} (SQLite, WAL) in the config
 * directory, bounded by {@link HistoryLimits}. Sessions record through {@link #recorder}, which never blocks them:
 * one writer thread commits in batches. Reads (restore, search, export) block: call them off the FX thread.
 * A file that cannot be opened is set aside and a fresh one started ({@link #setAside()} says where). One store at
 * a time writes a file ({@link WriterLock}): a second one, e.g. of a second app instance on the same config
 * directory, is {@link #readOnly()}: it searches and restores what the first one keeps and records nothing.
 */
public final class HistoryStore implements AutoCloseable {
    private final Path file;
    private final Path setAside;
    /** Null when read-only. */
    private final Connection writeDb;
    private final Connection readDb;
    /** Null when read-only. */
    private final HistoryWriter writer;
    private final HistoryReader reader;
    /** Held while open; null when read-only. */
    private WriterLock lock;

    private HistoryStore(Path file, Path setAside, Connection writeDb, Connection readDb, HistoryLimits limits)
            throws SQLException {
        this.file = file;
        this.setAside = setAside;
        this.writeDb = writeDb;
        this.readDb = readDb;
        this.writer = writeDb == null ? null : new HistoryWriter(writeDb, limits);
        this.reader = new HistoryReader(readDb);
    }

    /** Opens {@code history.db} in {@code directory} (created if needed); see {@link #open(Path, HistoryLimits)}. */
    public static HistoryStore openIn(Path directory, HistoryLimits limits) throws IOException {
        Files.createDirectories(directory);
        return open(directory.resolve(HistoryDatabase.FILE_NAME), limits);
    }

    /**
     * Opens the database; one that is not a database or fails its quick check is renamed
     * {@code <name>.corrupt-<UTC time>} and a new one created. Only a second failure (the new file cannot be made
     * either) throws.
     */
    public static HistoryStore open(Path file, HistoryLimits limits) throws IOException {
        WriterLock lock = WriterLock.tryTake(file.resolveSibling(file.getFileName() + ".lock"));
        if (lock == null) {
            return openReadOnly(file);
        }
        try {
            HistoryStore store = openWriting(file, limits);
            store.lock = lock;
            return store;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static HistoryStore openWriting(Path file, HistoryLimits limits) throws IOException {
        Path aside = null;
        try {
            return create(file, null, limits);
        } catch (SQLException first) {
            aside = HistoryDatabase.setAside(file);
        }
        try {
            return create(file, aside, limits);
        } catch (SQLException second) {
            throw new IOException("cannot create " + file + ": " + second.getMessage(), second);
        }
    }

    /** Another store writes the file: this one only reads it (never sets it aside: it is the other's). */
    private static HistoryStore openReadOnly(Path file) throws IOException {
        try {
            Connection r = HistoryDatabase.openReadOnly(file);
            try {
                return new HistoryStore(file, null, null, r, HistoryLimits.DEFAULT);
            } catch (SQLException e) {
                r.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** True when another store (another app instance) writes the file: this one records nothing. */
    public boolean readOnly() {
        return writer == null;
    }

    private static HistoryStore create(Path file, Path aside, HistoryLimits limits) throws SQLException {
        Connection w = HistoryDatabase.open(file);
        Connection r;
        try {
            r = HistoryDatabase.open(file);
            return new HistoryStore(file, aside, w, r, limits);
        } catch (SQLException e) {
            w.close();
            throw e;
        }
    }

    /** Where an unreadable database was moved at open, or null when the file opened as it was. */
    public Path setAside() {
        return setAside;
    }

    public Path file() {
        return file;
    }

    /**
     * A listener that passes every event to {@code next} and queues messages and packets for the history under
     * {@code key} (the connection's profile id, which outlives the session). Never blocks.
     */
    public SessionListener recorder(String key, SessionListener next) {
        if (writer == null) {
            return next;
        }
        return new io.mqscope.session.ForwardingListener(next) {
            @Override
            public void onMessage(MessageEvent message) {
                super.onMessage(message);
                writer.offer(HistoryRow.of(key, message));
            }

            @Override
            public void onPacket(PacketEvent packet) {
                super.onPacket(packet);
                writer.offer(HistoryRow.of(key, packet));
            }
        };
    }

    /** Queues one message; false when the writer is behind and it was dropped (counted in {@link #dropped()}). */
    public boolean record(String key, MessageEvent m) {
        return writer != null && writer.offer(HistoryRow.of(key, m));
    }

    public boolean record(String key, PacketEvent p) {
        return writer != null && writer.offer(HistoryRow.of(key, p));
    }

    /** Messages and packets not stored because the writer was behind (or the disk failed); 0 when read-only. */
    public long dropped() {
        return writer == null ? 0 : writer.dropped();
    }

    /** The last write failure (disk full, file removed), or null. */
    public SQLException failure() {
        return writer == null ? null : writer.failure();
    }

    /** Waits up to {@code millis} for what is queued to be committed. */
    public void flush(long millis) throws InterruptedException {
        if (writer != null) {
            writer.flush(millis);
        }
    }

    /** New bounds (ignored when read-only: the writing instance applies its own). */
    public void setLimits(HistoryLimits limits) {
        if (writer != null) {
            writer.setLimits(limits);
        }
    }

    /** The newest {@code n} messages of a connection, oldest first (restored on start). Blocking. */
    public List<MessageEvent> last(String key, int n) {
        try {
            return reader.last(key, n);
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        }
    }

    /**
     * The newest {@code n} packets of a connection, oldest first, decoded again (restored on start); packets before
     * any stored CONNECT are read as {@code fallbackVersion} (3, 4 or 5). Blocking.
     */
    public List<PacketEvent> lastPackets(String key, int n, int fallbackVersion) {
        try {
            return reader.lastPackets(key, n).decode(key, fallbackVersion);
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        }
    }

    /** How many stored messages match, and the newest {@code limit} of them, oldest first. Blocking. */
    public SearchResult search(HistoryQuery q, int limit) {
        try {
            return new SearchResult(reader.count(q), reader.page(q, limit));
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        }
    }

    /** How many stored messages match. Blocking. */
    public long count(HistoryQuery q) {
        try {
            return reader.count(q);
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        }
    }

    /** Every match, oldest first, one at a time; the sink returns false to stop. Blocking. */
    public void each(HistoryQuery q, MessageSink sink) throws IOException {
        try {
            reader.each(q, sink::accept);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Receives one stored message; false stops. */
    @FunctionalInterface
    public interface MessageSink {
        boolean accept(MessageEvent m) throws IOException;
    }

    /**
     * The matches of a search.
     *
     * @param count  every match in the stored history
     * @param newest the newest of them, oldest first
     */
    public record SearchResult(long count, List<MessageEvent> newest) {
    }

    /** Writes what is queued (up to 5 s), then closes the database. */
    @Override
    public void close() {
        try {
            if (writer != null) {
                writer.close(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            readDb.close();
        } catch (SQLException ignored) {
            // closing: nothing left to save
        }
        try {
            if (writeDb != null) {
                writeDb.close();
            }
        } catch (SQLException ignored) {
            // as above
        }
        if (lock != null) {
            // after the last commit: the next instance to open the file may write it
            lock.close();
        }
    }
}
