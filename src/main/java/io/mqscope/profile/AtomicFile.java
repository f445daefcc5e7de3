package io.mqscope.profile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces a file so that a reader (or a crash) sees either the old or the new content, never a truncated one: write
 * a temp file in the same directory, force it to disk, then rename it over the target (ATOMIC_MOVE) and force the
 * directory so the rename itself is durable.
 */
final class AtomicFile {
    static final String TEMP_MARK = ".tmp-";
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    /** Called between the forced write of the temp file and the rename; tests use it to simulate a crash. */
    interface BeforeRename {
        void run(Path temp) throws IOException;
    }

    private AtomicFile() {
    }

    /**
     * Replaces {@code target}. With {@code ownerOnly} the file is 0600 from its first byte and its directory is made
     * 0700, so that neither a secret nor the names of the files holding one are visible to other users. The store's
     * lock is held while the temp file exists (see {@link StoreLock}).
     */
    static void write(Path target, byte[] data, boolean ownerOnly, BeforeRename hook) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        createOwnerOnlyDirectory(dir);
        boolean posix = posix();
        if (posix && ownerOnly && !Files.getPosixFilePermissions(dir).equals(OWNER_ONLY_DIRECTORY)) {
            try {
                Files.setPosixFilePermissions(dir, OWNER_ONLY_DIRECTORY);
            } catch (IOException e) {
                // Not ours to change (a shared directory given as mqscope.config.dir): the file itself is 0600.
            }
        }
        try (StoreLock ignored = StoreLock.acquire(dir)) {
            writeLocked(target, dir, data, posix && ownerOnly, hook);
        }
    }

    /** Creates {@code dir} (0700 on POSIX) and its missing parents (with the default permissions). */
    static void createOwnerOnlyDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            if (posix()) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static void writeLocked(Path target, Path dir, byte[] data, boolean ownerOnly, BeforeRename hook)
            throws IOException {
        FileAttribute<?>[] attrs = ownerOnly
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(Set.of(PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE))}
                : new FileAttribute<?>[0];
        // Created with its final permissions, so a secret is never readable by others, not even briefly.
        Path temp = Files.createTempFile(dir, target.getFileName().toString() + TEMP_MARK, "", attrs);
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(data);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            if (hook != null) {
                hook.run(temp);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        forceDirectory(dir);
    }

    private static void forceDirectory(Path dir) {
        // Makes the rename durable on Linux; other platforms refuse to open a directory, which is harmless.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException ignored) {
            // best effort
        }
    }
}
