package io.mqscope.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Properties;

/**
 * The history's SQLite file: its schema, its pragmas, and what happens when it cannot be opened. One table holds
 * messages and packets ({@code kind} 0 and 1) so that "oldest first out" is one order over both; payloads and raw
 * packets are BLOBs bound as bytes. An FTS5 table with the trigram tokenizer indexes topic and payload text for
 * substring search (sqlite.org/fts5.html §4.3.5); it is contentless: the text lives only in its index, and it keeps
 * no positions, so it only narrows a search to candidate rows.
 */
final class HistoryDatabase {
    static final String FILE_NAME = "history.db";
    static final int KIND_MESSAGE = 0;
    static final int KIND_PACKET = 1;
    /** 2: column scan, 1 for a message whose payload is longer than the index holds (4 KiB). */
    private static final int SCHEMA = 2;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private HistoryDatabase() {
    }

    /**
     * Opens (creating if needed) the database in WAL mode. synchronous=NORMAL: a killed process loses nothing that
     * was committed; a power cut may lose the last transactions, never the database (sqlite.org/wal.html).
     */
    static Connection open(Path file) throws SQLException {
        ownerOnly(file);
        Properties p = new Properties();
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), p);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=5000");
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            // 16 MB of page cache: the full-text index merges its segments in memory rather than on disk
            s.execute("PRAGMA cache_size=-16384");
            s.execute("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT)");
            s.execute("CREATE TABLE IF NOT EXISTS record(id INTEGER PRIMARY KEY, conn TEXT NOT NULL,"
                    + " kind INTEGER NOT NULL, time_ms INTEGER NOT NULL, outgoing INTEGER NOT NULL, topic TEXT,"
                    + " qos INTEGER, retain INTEGER, dup INTEGER, payload BLOB NOT NULL, weight INTEGER NOT NULL,"
                    + " props BLOB, scan INTEGER NOT NULL DEFAULT 0)");
            s.execute("CREATE INDEX IF NOT EXISTS record_conn ON record(conn, kind, id)");
            // detail=none keeps only which rows hold a trigram (no positions): a third of the size; a search asks
            // for all the trigrams of its text and checks the candidates exactly (HistoryReader)
            s.execute("CREATE VIRTUAL TABLE IF NOT EXISTS record_text USING fts5(topic, body, content='',"
                    + " contentless_delete=1, tokenize='trigram', detail=none)");
            upgrade(s);
            // the rows whose text the index does not hold whole (scan=1) are read by every search: found fast
            s.execute("CREATE INDEX IF NOT EXISTS record_scan ON record(id) WHERE kind=0 AND scan=1");
            // a file that is not a database fails above; a damaged one is found here, before it is written to
            try (var rs = s.executeQuery("PRAGMA quick_check(1)")) {
                if (!rs.next() || !"ok".equalsIgnoreCase(rs.getString(1))) {
                    throw new SQLException("database disk image is malformed (quick_check)");
                }
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * Opens an existing database for reading only (another instance holds the writer's lock): no schema is made,
     * nothing is written. SQLite still reads in WAL mode what the writing instance commits.
     */
    static Connection openReadOnly(Path file) throws SQLException {
        org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5000);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
        try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM meta")) {
            rs.next();
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * Schema 1 had no {@code scan} column: it is added, and set for the messages longer than the indexed part, which
     * schema 1 indexed the same way (their beginning) and searches missed the rest of.
     */
    private static void upgrade(Statement s) throws SQLException {
        boolean hasScan = false;
        try (var rs = s.executeQuery("PRAGMA table_info(record)")) {
            while (rs.next()) {
                hasScan |= "scan".equals(rs.getString("name"));
            }
        }
        if (!hasScan) {
            s.execute("ALTER TABLE record ADD COLUMN scan INTEGER NOT NULL DEFAULT 0");
            // length() of a BLOB reads its size, not its bytes
            s.execute("UPDATE record SET scan=1 WHERE kind=0 AND length(payload)>" + HistoryWriter.INDEXED_BYTES);
        }
        s.execute("INSERT OR REPLACE INTO meta(key, value) VALUES('schema', '" + SCHEMA + "')");
    }

    /**
     * Creates the file readable by its owner only (0600, like the profiles' secrets), before SQLite does: payloads
     * may be private, and SQLite gives its WAL and shared-memory files the database file's permissions. An empty
     * file is an empty database.
     */
    private static void ownerOnly(Path file) {
        if (Files.exists(file)) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system (Windows: the profile directory is the user's own), or it appeared meanwhile
        }
    }

    /**
     * Renames the database and its WAL and shared-memory files to {@code <name>.corrupt-<UTC time>} beside them, so a
     * fresh one can start and nothing the user may want to rescue is overwritten. Returns the new path of the
     * database file (null when it did not exist).
     */
    static Path setAside(Path file) throws IOException {
        String stamp = ".corrupt-" + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC));
        Path aside = null;
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Path f = file.resolveSibling(file.getFileName() + suffix);
            if (Files.exists(f)) {
                Path to = file.resolveSibling(file.getFileName() + suffix + stamp);
                Files.move(f, to, StandardCopyOption.REPLACE_EXISTING);
                if (suffix.isEmpty()) {
                    aside = to;
                }
            }
        }
        return aside;
    }
}
