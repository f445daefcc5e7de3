package io.mqscope.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Who writes {@code history.db}: an exclusive OS lock on {@code history.db.lock} beside it, held while the store is
 * open. Two app instances on one config directory would otherwise both write, and SQLite's one writer at a time
 * makes the second wait on busy_timeout and drop its batches; with the lock the second instance reads the history
 * and writes nothing. The OS releases the lock when the process ends, also when it is killed.
 */
final class WriterLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private WriterLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or returns null when another store (in this process or another) holds it. */
    static WriterLock tryTake(Path file) throws IOException {
        FileChannel c = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = c.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null; // this process holds it already: another store on the same file
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        if (l == null) {
            c.close();
            return null;
        }
        return new WriterLock(c, l);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel's close below releases it too
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
