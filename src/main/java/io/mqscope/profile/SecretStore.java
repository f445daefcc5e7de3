package io.mqscope.profile;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Where profile secrets are kept. Keys look like {@code <profileId>/password} or {@code <id>/signing.deviceSecret}. */
public interface SecretStore {
    /** Human-readable description of the backend for the UI, e.g. "OS credential store (Secret Service)". */
    String describe();

    /** True when secrets are protected by the OS credential store rather than a file. */
    boolean osCredentialStore();

    Optional<String> get(String key) throws IOException;

    void put(String key, String value) throws IOException;

    void remove(String key) throws IOException;

    /**
     * Why secrets cannot be read at all right now (naming the file or backend), for a warning: e.g. "secrets.json
     * does not exist in ~/.config/mqscope". Empty when the backend is readable.
     */
    default Optional<String> unavailableReason() {
        return Optional.empty();
    }

    /**
     * Moves an unreadable backing file aside so that the next write does not destroy it; returns the warning to
     * show. Never called on a read-only lookup. A backend without a file of its own does nothing.
     */
    default Optional<String> setAsideIfUnreadable() throws IOException {
        return Optional.empty();
    }

    /** Puts and removes several secrets; a file backend writes once. */
    default void update(Map<String, String> puts, Set<String> removes) throws IOException {
        for (var e : puts.entrySet()) {
            put(e.getKey(), e.getValue());
        }
        for (String k : removes) {
            remove(k);
        }
    }
}
