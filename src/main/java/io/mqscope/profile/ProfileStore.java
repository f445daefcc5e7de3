package io.mqscope.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
    static final String BACKUP_V1 = FILE_NAME + ".v1.bak";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    /** Profiles plus what happened while loading them. */
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
    private Map<String, Set<String>> lastSecretRefs = new TreeMap<>();
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
            removeStaleTempFiles(warnings);
            scrubOldBackup(warnings);
            try {
                secrets.setAsideIfUnreadable().ifPresent(warnings::add);
            } catch (IOException e) {
                warnings.add(FileSecretStore.FILE_NAME + " could not be moved aside (" + e.getMessage() + ")");
            }
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
                Path backup = directory.resolve(BACKUP_V1);
                try {
                    // Without its passwords: they move to the secret store, and a plaintext copy must not outlive
                    // the migration.
                    AtomicFile.write(backup, om.writeValueAsBytes(SchemaOne.withoutPasswords(root)), true, null);
                } catch (IOException e) {
                    warnings.add("could not keep a copy of the schema-1 file (" + e.getMessage() + ")");
                }
                warnings.add("profiles.json migrated from schema 1 to " + SCHEMA_VERSION + "; the old file is kept"
                        + " as " + backup.getFileName() + " without its passwords");
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
        Map<String, Set<String>> refs = new TreeMap<>();
        root.path("secretRefs").fields().forEachRemaining(e -> {
            Set<String> names = new TreeSet<>();
            e.getValue().forEach(n -> names.add(n.asText()));
            refs.put(e.getKey(), names);
        });
        List<Profile> profiles = new ArrayList<>();
        Map<String, List<String>> unreadableSecrets = new LinkedHashMap<>();
        List<String> skippedIds = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Profile p;
            try {
                p = om.treeToValue(list.get(i), Profile.class);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                String why = e instanceof JsonProcessingException j ? ProfileJson.describe(j) : e.getMessage();
                String name = list.get(i).path("name").asText("");
                warnings.add("profiles.json: profile " + (i + 1) + (name.isEmpty() ? "" : " '" + name + "'")
                        + " was not loaded: " + why);
                skippedIds.add(list.get(i).path("id").asText(""));
                continue;
            }
            profiles.add(withSecrets(p, refs.getOrDefault(p.id(), Set.of()), warnings, unreadableSecrets));
        }
        // What the next save may delete from the secret store: neither the secrets of a profile that was not loaded
        // nor those that could not be read (a locked keyring) are known to be unused.
        int skipped = skippedIds.size();
        refs.keySet().removeAll(skippedIds);
        unreadableSecrets.forEach((id, names) -> refs.computeIfPresent(id, (k, v) -> {
            Set<String> rest = new TreeSet<>(v);
            rest.removeAll(names);
            return rest;
        }));
        lastSecretRefs = refs;
        Path keptCopy = null;
        if (skipped > 0 && mayWrite && readOnlyReason == null) {
            // The next save drops the entries that were not loaded; the file as it was stays next to it.
            try {
                keptCopy = directory.resolve(FILE_NAME + ".corrupt-" + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)));
                Files.copy(file, keptCopy);
                warnings.add("profiles.json as it was, with the " + skipped + " profile(s) not loaded, is kept as "
                        + keptCopy.getFileName());
            } catch (IOException e) {
                keptCopy = null;
                readOnlyReason = "profiles.json has profiles that were not loaded and could not be copied aside ("
                        + e.getMessage() + "); not saving over it";
                warnings.add(readOnlyReason);
            }
        }
        if (migratedFrom != null && mayWrite) {
            try {
                save(profiles);
            } catch (IOException e) {
                warnings.add("the migrated profiles could not be saved (" + e.getMessage() + ")");
            }
        }
        return new LoadResult(profiles, warnings, false, migratedFrom, keptCopy, unreadableSecrets);
    }

    /** The profile with its secrets filled in; a secret that cannot be read is a warning naming it and why. */
    private Profile withSecrets(Profile p, Set<String> names, List<String> warnings,
                                Map<String, List<String>> unreadable) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> lost = new ArrayList<>();
        String why = null;
        for (String name : names) {
            try {
                var v = secrets.get(p.id() + "/" + name);
                if (v.isPresent()) {
                    values.put(name, v.get());
                } else {
                    lost.add(name);
                }
            } catch (IOException e) {
                lost.add(name);
                why = e.getMessage();
            }
        }
        if (!lost.isEmpty()) {
            if (why == null) {
                why = secrets.unavailableReason().orElse("missing from " + secrets.describe());
            }
            unreadable.put(p.id(), List.copyOf(lost));
            warnings.add("profile '" + p.name() + "': " + String.join(", ", lost) + " cannot be read (" + why
                    + "); it would connect without " + (lost.size() == 1 ? "it" : "them"));
        }
        return ProfileSecrets.fill(p, values);
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
        Map<String, Set<String>> refs = new TreeMap<>();
        Map<String, String> puts = new LinkedHashMap<>();
        ArrayNode list = om.createArrayNode();
        for (Profile p : withIds) {
            Map<String, String> values = ProfileSecrets.extract(p);
            for (Map.Entry<String, String> e : values.entrySet()) {
                puts.put(p.id() + "/" + e.getKey(), e.getValue());
            }
            if (!values.isEmpty()) {
                refs.put(p.id(), new TreeSet<>(values.keySet()));
            }
            list.add(om.valueToTree(ProfileSecrets.strip(p)));
        }
        ObjectNode root = om.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.set("profiles", list);
        ObjectNode refNode = root.putObject("secretRefs");
        refs.forEach((id, names) -> {
            ArrayNode a = refNode.putArray(id);
            names.forEach(a::add);
        });
        // Secrets first: a crash after this leaves profiles.json referring only to secrets that exist.
        secrets.update(puts, Set.of());
        AtomicFile.write(file, om.writeValueAsBytes(root), false, beforeRename);
        // Only after profiles.json no longer refers to them.
        Set<String> removes = new HashSet<>();
        for (Map.Entry<String, Set<String>> e : lastSecretRefs.entrySet()) {
            for (String name : e.getValue()) {
                if (!refs.getOrDefault(e.getKey(), Set.of()).contains(name)) {
                    removes.add(e.getKey() + "/" + name);
                }
            }
        }
        secrets.update(Map.of(), removes);
        lastSecretRefs = refs;
        return List.copyOf(withIds);
    }

    private LoadResult corrupt(String why, List<String> warnings, boolean mayWrite) {
        Path aside = null;
        if (!mayWrite) {
            warnings.add("profiles.json " + why + "; left as it is (the app moves it aside when it next starts)");
        } else {
            try {
                aside = moveAside(file);
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

    /** Renames {@code file} to {@code <name>.corrupt-<UTC time>} next to it and returns the new path. */
    static Path moveAside(Path file) throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-"
                + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)));
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(file, aside);
        }
        return aside;
    }

    /**
     * Removes temp files of interrupted saves (of profiles.json and of secrets.json, which holds plaintext secrets),
     * but only while no other MQScope process holds the store: then they are orphans; otherwise they may be that
     * process's save in progress.
     */
    private void removeStaleTempFiles(List<String> warnings) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory, "*" + AtomicFile.TEMP_MARK + "*")) {
            List<Path> temps = new ArrayList<>();
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.startsWith(FILE_NAME + AtomicFile.TEMP_MARK)
                        || n.startsWith(FileSecretStore.FILE_NAME + AtomicFile.TEMP_MARK)
                        || n.startsWith(BACKUP_V1 + AtomicFile.TEMP_MARK)) {
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

    /**
     * Older versions kept the schema-1 file as it was, plaintext passwords included, readable by others: rewrite it
     * without them, owner-only. The passwords were moved to the secret store by that migration.
     */
    private void scrubOldBackup(List<String> warnings) {
        Path backup = directory.resolve(BACKUP_V1);
        if (!Files.isRegularFile(backup)) {
            return;
        }
        try {
            JsonNode root = om.readTree(ProfileJson.readBounded(backup));
            if (root != null && root.isObject() && SchemaOne.hasPasswords(root)) {
                AtomicFile.write(backup, om.writeValueAsBytes(SchemaOne.withoutPasswords(root)), true, null);
                warnings.add("removed the plaintext passwords from " + BACKUP_V1 + " (left by an older MQScope); "
                        + "the profiles keep theirs in " + secrets.describe());
            }
        } catch (IOException | RuntimeException e) {
            warnings.add(BACKUP_V1 + " may hold plaintext passwords and could not be cleaned (" + e.getMessage()
                    + "); delete it if you no longer need it");
        }
    }
}
