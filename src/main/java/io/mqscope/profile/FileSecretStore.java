package io.mqscope.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Fallback when no OS credential store works: {@code secrets.json} next to the profiles, readable and writable by the
 * owner only (POSIX 0600, in a 0700 directory), replaced atomically. The secrets are plain text inside that file.
 *
 * <p>An unreadable file makes {@link #get} fail with a message naming secrets.json; reading never changes it. It is
 * moved aside to {@code secrets.json.corrupt-<time>} by {@link #setAsideIfUnreadable()} or before the next write,
 * so it is never overwritten.
 */
public final class FileSecretStore implements SecretStore {
    public static final String FILE_NAME = "secrets.json";
    private final Path file;
    private final ObjectMapper om = ProfileJson.mapper();
    private Map<String, String> cache;
    /** Why the file cannot be read, naming it; null when it was read (or does not exist). */
    private String unreadable;
    private boolean missing;

    public FileSecretStore(Path directory) {
        this.file = directory.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    @Override
    public String describe() {
        return "file " + file + (AtomicFile.posix() ? " (owner read/write only, 0600)"
                : " (protected by the user profile's ACL)") + "; no OS credential store available";
    }

    @Override
    public boolean osCredentialStore() {
        return false;
    }

    @Override
    public synchronized Optional<String> get(String key) throws IOException {
        Map<String, String> m = load();
        if (unreadable != null) {
            throw new IOException(unreadable);
        }
        return Optional.ofNullable(m.get(key));
    }

    @Override
    public synchronized Optional<String> unavailableReason() {
        load();
        if (unreadable != null) {
            return Optional.of(unreadable);
        }
        return missing ? Optional.of(FILE_NAME + " does not exist in " + file.getParent()) : Optional.empty();
    }

    @Override
    public synchronized Optional<String> setAsideIfUnreadable() throws IOException {
        load();
        if (unreadable == null) {
            return Optional.empty();
        }
        Path aside = Quarantine.moveAside(file);
        String warning = unreadable + "; it was moved to " + aside.getFileName() + " and the secrets in it are lost"
                + " to MQScope until it is repaired";
        unreadable = null;
        missing = true;
        return Optional.of(warning);
    }

    @Override
    public synchronized void put(String key, String value) throws IOException {
        Map<String, String> m = new TreeMap<>(loadForWriting());
        if (!value.equals(m.put(key, value))) {
            write(m);
        }
    }

    @Override
    public synchronized void remove(String key) throws IOException {
        Map<String, String> m = new TreeMap<>(loadForWriting());
        if (m.remove(key) != null) {
            write(m);
        }
    }

    @Override
    public synchronized void update(Map<String, String> puts, Set<String> removes) throws IOException {
        Map<String, String> before = loadForWriting();
        Map<String, String> m = new TreeMap<>(before);
        m.putAll(puts);
        m.keySet().removeAll(removes);
        if (!m.equals(before)) {
            write(m);
        }
    }

    private Map<String, String> loadForWriting() throws IOException {
        setAsideIfUnreadable();
        return load();
    }

    /** The secrets; empty (with {@link #unreadable} set) when the file cannot be read. */
    private Map<String, String> load() {
        if (cache == null) {
            Map<String, String> m = new TreeMap<>();
            unreadable = null;
            missing = false;
            try {
                JsonNode root = om.readTree(ProfileJson.readBounded(file));
                JsonNode secrets = root == null ? null : root.get("secrets");
                if (secrets == null || !secrets.isObject()) {
                    unreadable = FILE_NAME + " has no \"secrets\" object";
                } else {
                    secrets.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
                }
            } catch (NoSuchFileException e) {
                missing = true;
            } catch (JsonProcessingException e) {
                unreadable = FILE_NAME + " is not valid JSON: " + ProfileJson.describe(e);
            } catch (IOException | RuntimeException e) {
                unreadable = FILE_NAME + " cannot be read (" + e.getMessage() + ")";
            }
            if (unreadable != null) {
                return Map.of(); // not cached: read again next time, the user may have repaired it
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
        missing = false;
    }
}
