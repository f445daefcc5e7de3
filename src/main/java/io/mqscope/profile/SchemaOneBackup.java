package io.mqscope.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code profiles.json.v1.bak}: the schema-1 file kept after its migration, owner-only (0600) and without its
 * plaintext passwords, which moved to the secret store and must not outlive the migration in a copy.
 */
final class SchemaOneBackup {
    static final String FILE_NAME = ProfileStore.FILE_NAME + ".v1.bak";

    private SchemaOneBackup() {
    }

    /** Keeps {@code v1} (a schema-1 tree being migrated) as the backup in {@code directory}. */
    static void keep(Path directory, ObjectMapper om, JsonNode v1, List<String> warnings) {
        try {
            write(directory.resolve(FILE_NAME), om, v1);
        } catch (IOException e) {
            warnings.add("could not keep a copy of the schema-1 file (" + e.getMessage() + ")");
        }
    }

    /**
     * Older versions kept the schema-1 file as it was, plaintext passwords included, readable by others: rewrite it
     * without them, owner-only. The passwords were moved to the secret store by that migration.
     */
    static void scrub(Path directory, ObjectMapper om, SecretStore secrets, List<String> warnings) {
        Path backup = directory.resolve(FILE_NAME);
        if (!Files.isRegularFile(backup)) {
            return;
        }
        try {
            JsonNode root = om.readTree(ProfileJson.readBounded(backup));
            if (root != null && root.isObject() && SchemaOne.hasPasswords(root)) {
                write(backup, om, root);
                warnings.add("removed the plaintext passwords from " + FILE_NAME + " (left by an older MQScope); "
                        + "the profiles keep theirs in " + secrets.describe());
            }
        } catch (IOException | RuntimeException e) {
            warnings.add(FILE_NAME + " may hold plaintext passwords and could not be cleaned (" + e.getMessage()
                    + "); delete it if you no longer need it");
        }
    }

    private static void write(Path backup, ObjectMapper om, JsonNode v1) throws IOException {
        AtomicFile.write(backup, om.writeValueAsBytes(SchemaOne.withoutPasswords(v1)), true, null);
    }
}
