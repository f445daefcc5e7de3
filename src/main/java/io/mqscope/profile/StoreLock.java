package io.mqscope.profile;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Who is writing the config directory. A save holds it from its first temp file to its last rename, so a temp file
 * found while the lock is free is an orphan of a killed save and may be removed; one found while another process
 * holds it is that process's work in progress and is left alone. The OS drops a killed process's lock.
 *
 * <p>An OS file lock belongs to the process (Java throws OverlappingFileLockException on a second one in the same
 * JVM), so threads of one JVM queue on a reentrant lock per directory first; a nested acquire by the holding thread
 * (a save writing secrets.json) takes no second file lock.
 */
final class StoreLock implements AutoCloseable {
    static final String FILE_NAME = "mqscope.lock";
    private static final Map<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(ReentrantLock local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits until no other thread or process holds the directory. */
    static StoreLock acquire(Path directory) throws IOException {
        ReentrantLock local = IN_JVM.computeIfAbsent(key(directory), k -> new ReentrantLock());
        local.lock();
        if (local.getHoldCount() > 1) {
            return new StoreLock(local, null, null);
        }
        FileChannel ch = null;
        try {
            ch = open(directory);
            return new StoreLock(local, ch, ch.lock());
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            local.unlock();
            throw e;
        }
    }

    /** The lock, or empty when another thread or process holds it. */
    static Optional<StoreLock> tryAcquire(Path directory) throws IOException {
        ReentrantLock local = IN_JVM.computeIfAbsent(key(directory), k -> new ReentrantLock());
        if (!local.tryLock()) {
            return Optional.empty();
        }
        if (local.getHoldCount() > 1) {
            return Optional.of(new StoreLock(local, null, null));
        }
        FileChannel ch = null;
        try {
            ch = open(directory);
            FileLock l = ch.tryLock();
            if (l == null) {
                closeQuietly(ch);
                local.unlock();
                return Optional.empty();
            }
            return Optional.of(new StoreLock(local, ch, l));
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            local.unlock();
            if (e instanceof OverlappingFileLockException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static FileChannel open(Path directory) throws IOException {
        AtomicFile.createOwnerOnlyDirectory(directory);
        return FileChannel.open(directory.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    private static Path key(Path directory) {
        return directory.toAbsolutePath().normalize();
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // the lock goes with the channel either way
            }
        }
    }

    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.release();
            }
        } catch (IOException ignored) {
            // closing the channel releases it too
        } finally {
            closeQuietly(channel);
            local.unlock();
        }
    }
}
