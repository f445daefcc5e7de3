package io.mqscope.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Fallback when no OS credential store works: {@code secrets.json} next to the profiles, readable and writable by the
 * owner only (POSIX 0600), replaced atomically. The secrets are plain text inside that file.
 */
public final class FileSecretStore implements SecretStore {
    public static final String FILE_NAME = "secrets.json";
    private final Path file;
    private final ObjectMapper om = ProfileJson.mapper();
    private Map<String, String> cache;

    public FileSecretStore(Path directory) {
        this.file = directory.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    @Override
    public String describe() {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        return "file " + file + (posix ? " (owner read/write only, 0600)" : " (protected by the user profile's ACL)")
                + "; no OS credential store available";
    }

    @Override
    public boolean osCredentialStore() {
        return false;
    }

    @Override
    public synchronized Optional<String> get(String key) throws IOException {
        return Optional.ofNullable(load().get(key));
    }

    @Override
    public synchronized void put(String key, String value) throws IOException {
        Map<String, String> m = new TreeMap<>(load());
        if (!value.equals(m.put(key, value))) {
            write(m);
        }
    }

    @Override
    public synchronized void remove(String key) throws IOException {
        Map<String, String> m = new TreeMap<>(load());
        if (m.remove(key) != null) {
            write(m);
        }
    }

    @Override
    public synchronized void update(Map<String, String> puts, Set<String> removes) throws IOException {
        Map<String, String> m = new TreeMap<>(load());
        m.putAll(puts);
        m.keySet().removeAll(removes);
        if (!m.equals(load())) {
            write(m);
        }
    }

    private Map<String, String> load() throws IOException {
        if (cache == null) {
            Map<String, String> m = new TreeMap<>();
            try {
                JsonNode root = om.readTree(Files.readAllBytes(file));
                JsonNode secrets = root == null ? null : root.get("secrets");
                if (secrets != null) {
                    secrets.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
                }
            } catch (NoSuchFileException e) {
                // none yet
            }
            cache = m;
        }
        return cache;
    }

    private void write(Map<String, String> m) throws IOException {
        ObjectNode root = om.createObjectNode();
        root.put("schemaVersion", 1);
        ObjectNode secrets = root.putObject("secrets");
        m.forEach(secrets::put);
        AtomicFile.write(file, om.writeValueAsBytes(root), true, null);
        cache = m;
    }
}
