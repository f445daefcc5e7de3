package io.mqscope.profile;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Other files of the config directory (publish templates, decoding choices) written the way profiles are: atomically
 * under the directory's lock ({@link AtomicFile}), and set aside as {@code <name>.corrupt-<time>} when they cannot be
 * read ({@link Quarantine}), so that the next save does not overwrite what the user may want to repair.
 */
public final class ConfigFile {
    private ConfigFile() {
    }

    /** Replaces {@code target} with {@code data}: a reader or a crash sees the old or the new content, never half. */
    public static void write(Path target, byte[] data) throws IOException {
        AtomicFile.write(target, data, false, null);
    }

    /** Moves an unreadable {@code file} aside and returns where it went. */
    public static Path quarantine(Path file) throws IOException {
        return Quarantine.moveAside(file);
    }
}
