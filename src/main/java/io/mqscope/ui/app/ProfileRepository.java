package io.mqscope.ui.app;

import io.mqscope.profile.Profile;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Where the Connections list is kept between runs. */
public interface ProfileRepository {
    List<Profile> load() throws IOException;

    void save(List<Profile> profiles) throws IOException;

    /** What the last {@link #load()} had to report, e.g. a damaged file that was moved aside; empty when nothing. */
    default List<String> loadWarnings() {
        return List.of();
    }

    /**
     * What the last {@link #load()} could not read of each profile's secrets: profile id to secret names. Such a
     * profile connects without them, and the user is told so first (issue 13 item 5).
     */
    default Map<String, List<String>> unreadableSecrets() {
        return Map.of();
    }

    /** Where secrets are kept, human-readable (e.g. "OS credential store (Secret Service)"); null: memory only. */
    default String secretBackend() {
        return null;
    }

    /** The user-only file secrets are kept in when there is no OS credential store; else null. */
    default String secretFile() {
        return null;
    }

    /** True when secrets go to the OS credential store rather than a user-only file. */
    default boolean osCredentialStore() {
        return false;
    }

    /** Kept in memory only (tests, or when the store cannot be written). */
    static ProfileRepository inMemory(List<Profile> initial) {
        return new ProfileRepository() {
            private List<Profile> profiles = List.copyOf(initial);

            @Override
            public List<Profile> load() {
                return profiles;
            }

            @Override
            public void save(List<Profile> p) {
                profiles = List.copyOf(p);
            }
        };
    }
}
