package io.mqscope.profile;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where a file that MQScope cannot (fully) read goes: {@code <name>.corrupt-<UTC time>} next to it, so that no later
 * save overwrites what the user may still want to repair.
 */
final class Quarantine {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private Quarantine() {
    }

    /** Renames {@code file} to {@code <name>.corrupt-<UTC time>} next to it and returns the new path. */
    static Path moveAside(Path file) throws IOException {
        Path aside = asideOf(file);
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(file, aside);
        }
        return aside;
    }

    /**
     * Copies {@code file} to {@code <name>.corrupt-<UTC time>} and returns the copy: for a file still in use whose
     * next save drops the parts that could not be read.
     */
    static Path copyAside(Path file) throws IOException {
        Path aside = asideOf(file);
        Files.copy(file, aside);
        return aside;
    }

    private static Path asideOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".corrupt-" + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)));
    }
}
