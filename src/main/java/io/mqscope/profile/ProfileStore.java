package io.mqscope.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Profiles as JSON ({@code profiles.json}) in the platform config directory.
 *
 * <ul>
 *   <li>Schema: {@code {"schemaVersion": 2, "profiles": [...], "secretRefs": {id: [names]}}}. Version 1 (MQScope
 *       0.x: {@code {"version": 1, "connections": [{name, host, port, protocol, path, clientId, user, pass,
 *       keepalive, clean, mqttVersion}]}}) is migrated on load; the v1 file is kept as {@code profiles.json.v1.bak}
 *       without its passwords (0600).
 *   <li>Writes are atomic (temp file, fsync, rename): a crash leaves the previous file intact. A save holds the
 *       directory's {@link StoreLock}; temp files are removed on load only when no other process holds it.
 *   <li>A file that cannot be read or parsed is moved aside to {@code profiles.json.corrupt-<timestamp>} and reported
 *       in {@link LoadResult#warnings()}; it is never overwritten. A profile that cannot be read costs only itself
 *       (reported, and the file as it was is copied aside). A file from a newer version is read but not written.
 *   <li>{@link #load()} is for the app and may write; {@link #read()} is for a lookup and never writes.
 *   <li>Secrets never go into profiles.json: they go to the {@link SecretStore} and profiles.json lists their names.
 * </ul>
 */
public final class ProfileStore {
    public static final int SCHEMA_VERSION = 2;
    public static final String FILE_NAME = "profiles.json";

    /**
     * Profiles plus what happened while loading them. {@code corruptCopy}: where an unreadable file (or, when some
     * profiles could not be loaded, a copy of it) was put. {@code unreadableSecrets}: profile id to the names of its
     * secrets that could not be read, so that connecting can say so first.
     */
    public record LoadResult(List<Profile> profiles, List<String> warnings, boolean firstRun, Integer migratedFrom,
                             Path corruptCopy, Map<String, List<String>> unreadableSecrets) {
        public LoadResult {
            profiles = List.copyOf(profiles);
            warnings = List.copyOf(warnings);
            unreadableSecrets = Map.copyOf(unreadableSecrets);
        }
    }

    private final Path directory;
    private final Path file;
    private final SecretStore secrets;
    private final ObjectMapper om = ProfileJson.mapper();
    private final SecretRefs secretRefs;
    private String readOnlyReason;
    AtomicFile.BeforeRename beforeRename;

    /** The platform directory (or {@code mqscope.config.dir}) with the detected secret backend. */
    public ProfileStore() {
        this(defaultDirectory());
    }

    public ProfileStore(Path directory) {
        this(directory, SecretStores.detect(directory));
    }

    public ProfileStore(Path directory, SecretStore secrets) {
        this.directory = directory;
        this.file = directory.resolve(FILE_NAME);
        this.secrets = secrets;
        this.secretRefs = new SecretRefs(secrets);
    }

    /**
     * {@code mqscope.config.dir} if set; otherwise %APPDATA%\MQScope on Windows, ~/Library/Application
     * Support/MQScope on macOS, $XDG_CONFIG_HOME/mqscope or ~/.config/mqscope elsewhere; ~ is $HOME when set.
     */
    public static Path defaultDirectory() {
        String override = System.getProperty("mqscope.config.dir");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return platformDirectory(System.getProperty("os.name", ""), System.getenv(), System.getProperty("user.home"));
    }

    static Path platformDirectory(String osName, Map<String, String> env, String home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return appData != null && !appData.isBlank() ? Path.of(appData, "MQScope")
                    : Path.of(home, "AppData", "Roaming", "MQScope");
        }
        // Java takes user.home from the account database, not from $HOME: a shell that points HOME elsewhere (a
        // sandbox, a test, sudo -H) expects ~ to mean $HOME, as for every other program (issue 14 item 19)
        String envHome = env.get("HOME");
        if (envHome != null && !envHome.isBlank() && Path.of(envHome).isAbsolute()) {
            home = envHome;
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return Path.of(home, "Library", "Application Support", "MQScope");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        // The XDG spec says relative values are invalid and must be ignored.
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "mqscope");
        }
        return Path.of(home, ".config", "mqscope");
    }

    public Path directory() {
        return directory;
    }

    public Path file() {
        return file;
    }

    /** Where secrets are kept, for the UI: e.g. "OS credential store (...)" or "file ... (0600)". */
    public String secretBackend() {
        return secrets.describe();
    }

    public SecretStore secretStore() {
        return secrets;
    }

    /** Non-null when saving is refused (a newer-version file, or a bad file that could not be moved aside). */
    public String readOnlyReason() {
        return readOnlyReason;
    }

    /**
     * Loads the profiles for the app: may write (first run creates profiles.json, a schema-1 file is migrated, an
     * unreadable file is moved aside, orphaned temp files are removed). Every problem is a warning in the result,
     * never an exception: the IOException is declared for the callers written against an older contract.
     */
    public synchronized LoadResult load() throws IOException {
        return load(true);
    }

    /**
     * Reads the profiles for a lookup ({@code --profile}): writes nothing, not even when profiles.json is missing,
     * unreadable or schema 1; such problems are only warnings (the app sets the file aside when it next loads it).
     */
    public synchronized LoadResult read() {
        return load(false);
    }

    private LoadResult load(boolean mayWrite) {
        List<String> warnings = new ArrayList<>();
        readOnlyReason = mayWrite ? null : "read for a lookup; not saving";
        try {
            return loadFile(mayWrite, warnings);
        } catch (RuntimeException e) {
            // The safety net behind the checks below: whatever the file holds, the user gets a warning.
            return corrupt("could not be interpreted (" + e + ")", warnings, mayWrite);
        }
    }

    private LoadResult loadFile(boolean mayWrite, List<String> warnings) {
        if (mayWrite) {
            tidyUp(warnings);
        }
        byte[] bytes;
        try {
            bytes = ProfileJson.readBounded(file);
        } catch (NoSuchFileException e) {
            List<Profile> first = List.of(Profile.defaultLocalBroker());
            if (mayWrite) {
                try {
                    save(first);
                } catch (IOException ex) {
                    warnings.add("profiles.json could not be created in " + directory + " (" + ex.getMessage() + ")");
                }
            }
            return new LoadResult(first, warnings, true, null, null, Map.of());
        } catch (IOException e) {
            return corrupt("cannot be read (" + e.getMessage() + ")", warnings, mayWrite);
        }
        JsonNode root;
        try {
            root = om.readTree(bytes);
        } catch (JsonProcessingException e) {
            return corrupt("is not valid JSON: " + ProfileJson.describe(e), warnings, mayWrite);
        } catch (IOException e) {
            return corrupt("cannot be read (" + e.getMessage() + ")", warnings, mayWrite);
        }
        if (root == null || !root.isObject()) {
            return corrupt("is not a JSON object", warnings, mayWrite);
        }
        Integer migratedFrom = null;
        if (!root.has("schemaVersion") && root.path("version").asInt() == 1 && root.has("connections")) {
            migratedFrom = 1;
            if (mayWrite) {
                SchemaOneBackup.keep(directory, om, root, warnings);
                warnings.add("profiles.json migrated from schema 1 to " + SCHEMA_VERSION + "; the old file is kept"
                        + " as " + SchemaOneBackup.FILE_NAME + " without its passwords");
            }
            root = SchemaOne.migrate(om, root, warnings);
        }
        int version = root.path("schemaVersion").asInt(-1);
        if (version < 1) {
            return corrupt("has no schemaVersion", warnings, mayWrite);
        }
        if (version > SCHEMA_VERSION) {
            readOnlyReason = "profiles.json was written by a newer MQScope (schema " + version
                    + "); not saving over it";
            warnings.add(readOnlyReason);
        }
        JsonNode list = root.get("profiles");
        if (list == null || !list.isArray()) {
            return corrupt("has no \"profiles\" array", warnings, mayWrite);
        }
        Map<String, Set<String>> refs = SecretRefs.parse(root);
        ProfileEntries entries = ProfileEntries.read(om, list, refs, secretRefs, warnings);
        secretRefs.loaded(refs, entries.notLoadedIds(), entries.unreadableSecrets());
        Path keptCopy = null;
        if (!entries.notLoadedIds().isEmpty() && mayWrite && readOnlyReason == null) {
            keptCopy = keepCopyOfNotLoaded(entries.notLoadedIds().size(), warnings);
        }
        if (migratedFrom != null && mayWrite) {
            try {
                save(entries.profiles());
            } catch (IOException e) {
                warnings.add("the migrated profiles could not be saved (" + e.getMessage() + ")");
            }
        }
        return new LoadResult(entries.profiles(), warnings, false, migratedFrom, keptCopy, entries.unreadableSecrets());
    }

    /** What a load for the app repairs before reading: leftovers of interrupted saves and of older versions. */
    private void tidyUp(List<String> warnings) {
        OrphanedTempFiles.remove(directory, List.of(FILE_NAME, FileSecretStore.FILE_NAME, SchemaOneBackup.FILE_NAME),
                warnings);
        SchemaOneBackup.scrub(directory, om, secrets, warnings);
        try {
            secrets.setAsideIfUnreadable().ifPresent(warnings::add);
        } catch (IOException e) {
            warnings.add(FileSecretStore.FILE_NAME + " could not be moved aside (" + e.getMessage() + ")");
        }
    }

    /**
     * The next save drops the entries that were not loaded, so the file as it was is copied aside first; if that
     * fails, the store becomes read-only rather than lose them. Returns the copy, or null.
     */
    private Path keepCopyOfNotLoaded(int notLoaded, List<String> warnings) {
        try {
            Path copy = Quarantine.copyAside(file);
            warnings.add("profiles.json as it was, with the " + notLoaded + " profile(s) not loaded, is kept as "
                    + copy.getFileName());
            return copy;
        } catch (IOException e) {
            readOnlyReason = "profiles.json has profiles that were not loaded and could not be copied aside ("
                    + e.getMessage() + "); not saving over it";
            warnings.add(readOnlyReason);
            return null;
        }
    }

    /**
     * Saves all profiles; profiles without an id get one. Secrets go to the secret store first, then profiles.json is
     * replaced atomically. Returns the profiles as saved (with ids).
     */
    public synchronized List<Profile> save(List<Profile> profiles) throws IOException {
        if (readOnlyReason != null) {
            throw new IOException(readOnlyReason);
        }
        List<Profile> withIds = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Profile p : profiles) {
            Profile q = p.id() == null || p.id().isBlank() || ids.contains(p.id())
                    ? p.toBuilder().id(UUID.randomUUID().toString()).build() : p;
            ids.add(q.id());
            withIds.add(q);
        }
        SecretRefs.Extracted extracted = SecretRefs.extract(withIds);
        ArrayNode list = om.createArrayNode();
        extracted.stripped().forEach(p -> list.add(om.valueToTree(p)));
        ObjectNode root = om.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.set("profiles", list);
        SecretRefs.write(extracted.refs(), root);
        secretRefs.save(extracted, () -> AtomicFile.write(file, om.writeValueAsBytes(root), false, beforeRename));
        return List.copyOf(withIds);
    }

    private LoadResult corrupt(String why, List<String> warnings, boolean mayWrite) {
        Path aside = null;
        if (!mayWrite) {
            warnings.add("profiles.json " + why + "; left as it is (the app moves it aside when it next starts)");
        } else {
            try {
                aside = Quarantine.moveAside(file);
                warnings.add("profiles.json " + why + "; it was moved to " + aside.getFileName()
                        + " and MQScope started with the default profile");
            } catch (IOException e) {
                readOnlyReason = "profiles.json " + why + " and could not be moved aside (" + e.getMessage()
                        + "); not saving over it";
                warnings.add(readOnlyReason);
            }
        }
        return new LoadResult(List.of(Profile.defaultLocalBroker()), warnings, false, null, aside, Map.of());
    }
}
