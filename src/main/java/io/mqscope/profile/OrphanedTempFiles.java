package io.mqscope.profile;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Temp files of saves that were interrupted ({@link AtomicFile} writes one next to its target before renaming it).
 * They are removed only while no other MQScope process holds the {@link StoreLock}: then they are orphans; otherwise
 * they may be that process's save in progress.
 */
final class OrphanedTempFiles {
    private OrphanedTempFiles() {
    }

    /**
     * Removes the orphaned temp files of the given targets in {@code directory}, each with a warning. Those of
     * secrets.json hold plaintext secrets, which is why this is done rather than left to the user.
     */
    static void remove(Path directory, Collection<String> targetNames, List<String> warnings) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory, "*" + AtomicFile.TEMP_MARK + "*")) {
            List<Path> temps = new ArrayList<>();
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (targetNames.stream().anyMatch(target -> n.startsWith(target + AtomicFile.TEMP_MARK))) {
                    temps.add(p);
                }
            }
            if (temps.isEmpty()) {
                return;
            }
            Optional<StoreLock> lock = StoreLock.tryAcquire(directory);
            if (lock.isEmpty()) {
                return; // another MQScope is saving: its temp files are not ours to remove
            }
            try (StoreLock ignored = lock.get()) {
                for (Path p : temps) {
                    if (Files.deleteIfExists(p)) {
                        warnings.add("removed " + p.getFileName() + " left by an interrupted save; the last complete"
                                + " save was kept");
                    }
                }
            }
        } catch (IOException e) {
            warnings.add("could not clean up temp files: " + e.getMessage());
        }
    }
}
