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
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Profiles as JSON ({@code profiles.json}) in the platform config directory.
 *
 * <ul>
 *   <li>Schema: {@code {"schemaVersion": 2, "profiles": [...], "secretRefs": {id: [names]}}}. Version 1 (MQScope
 *       0.x: {@code {"version": 1, "connections": [{name, host, port, protocol, path, clientId, user, pass,
 *       keepalive, clean, mqttVersion}]}}) is migrated on load; the v1 file is kept as {@code profiles.json.v1.bak}.
 *   <li>Writes are atomic (temp file, fsync, rename): a crash leaves the previous file intact.
 *   <li>A file that cannot be read or parsed is moved aside to {@code profiles.json.corrupt-<timestamp>} and reported
 *       in {@link LoadResult#warnings()}; it is never overwritten. A file from a newer version is read but not
 *       written.
 *   <li>Secrets never go into profiles.json: they go to the {@link SecretStore} and profiles.json lists their names.
 * </ul>
 */
public final class ProfileStore {
    public static final int SCHEMA_VERSION = 2;
    public static final String FILE_NAME = "profiles.json";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    /** Profiles plus what happened while loading them. */
    public record LoadResult(List<Profile> profiles, List<String> warnings, boolean firstRun, Integer migratedFrom,
                             Path corruptCopy) {
        public LoadResult {
            profiles = List.copyOf(profiles);
            warnings = List.copyOf(warnings);
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
     * Support/MQScope on macOS, $XDG_CONFIG_HOME/mqscope or ~/.config/mqscope elsewhere.
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

    public synchronized LoadResult load() throws IOException {
        List<String> warnings = new ArrayList<>();
        readOnlyReason = null;
        removeStaleTempFiles(warnings);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            List<Profile> first = List.of(Profile.defaultLocalBroker());
            save(first);
            return new LoadResult(first, warnings, true, null, null);
        } catch (IOException e) {
            return corrupt("cannot be read (" + e + ")", warnings);
        }
        JsonNode root;
        try {
            root = om.readTree(bytes);
        } catch (JsonProcessingException e) {
            return corrupt("is not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), warnings);
        }
        if (root == null || !root.isObject()) {
            return corrupt("is not a JSON object", warnings);
        }
        Integer migratedFrom = null;
        if (!root.has("schemaVersion") && root.path("version").asInt() == 1 && root.has("connections")) {
            Path backup = directory.resolve(FILE_NAME + ".v1.bak");
            Files.copy(file, backup, StandardCopyOption.REPLACE_EXISTING);
            root = migrateV1(root, warnings);
            migratedFrom = 1;
            warnings.add("profiles.json migrated from schema 1 to " + SCHEMA_VERSION + "; the old file is kept as "
                    + backup.getFileName());
        }
        int version = root.path("schemaVersion").asInt(-1);
        if (version < 1) {
            return corrupt("has no schemaVersion", warnings);
        }
        if (version > SCHEMA_VERSION) {
            readOnlyReason = "profiles.json was written by a newer MQScope (schema " + version
                    + "); not saving over it";
            warnings.add(readOnlyReason);
        }
        JsonNode list = root.get("profiles");
        if (list == null || !list.isArray()) {
            return corrupt("has no \"profiles\" array", warnings);
        }
        Map<String, Set<String>> refs = new TreeMap<>();
        JsonNode refNode = root.path("secretRefs");
        refNode.fields().forEachRemaining(e -> {
            Set<String> names = new HashSet<>();
            e.getValue().forEach(n -> names.add(n.asText()));
            refs.put(e.getKey(), names);
        });
        List<Profile> profiles = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Profile p;
            try {
                p = om.treeToValue(list.get(i), Profile.class);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                return corrupt("has an unreadable profile at index " + i + ": " + e.getMessage(), warnings);
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (String name : refs.getOrDefault(p.id(), Set.of())) {
                var v = secrets.get(p.id() + "/" + name);
                if (v.isPresent()) {
                    values.put(name, v.get());
                } else {
                    warnings.add("secret " + name + " of profile '" + p.name() + "' is missing from "
                            + secrets.describe());
                }
            }
            profiles.add(ProfileSecrets.fill(p, values));
        }
        lastSecretRefs = refs;
        if (migratedFrom != null) {
            save(profiles);
        }
        return new LoadResult(profiles, warnings, false, migratedFrom, null);
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
                refs.put(p.id(), new java.util.TreeSet<>(values.keySet()));
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

    private LoadResult corrupt(String why, List<String> warnings) {
        Path aside = directory.resolve(FILE_NAME + ".corrupt-" + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)));
        try {
            try {
                Files.move(file, aside, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(file, aside);
            }
            warnings.add("profiles.json " + why + "; it was moved to " + aside.getFileName()
                    + " and MQScope started with the default profile");
        } catch (IOException e) {
            readOnlyReason = "profiles.json " + why + " and could not be moved aside (" + e.getMessage()
                    + "); not saving over it";
            warnings.add(readOnlyReason);
            aside = null;
        }
        return new LoadResult(List.of(Profile.defaultLocalBroker()), warnings, false, null, aside);
    }

    private void removeStaleTempFiles(List<String> warnings) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory, FILE_NAME + AtomicFile.TEMP_MARK + "*")) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
                warnings.add("removed " + p.getFileName() + " left by an interrupted save; the last complete save"
                        + " was kept");
            }
        } catch (IOException e) {
            warnings.add("could not clean up temp files: " + e.getMessage());
        }
    }

    /** Schema 1: flat connections with short names; see the class comment. */
    private ObjectNode migrateV1(JsonNode v1, List<String> warnings) {
        ObjectNode root = om.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        ArrayNode out = root.putArray("profiles");
        ObjectNode refs = root.putObject("secretRefs");
        int i = 0;
        for (JsonNode c : v1.path("connections")) {
            String protocol = c.path("protocol").asText("mqtt");
            Transport t = switch (protocol.toLowerCase(Locale.ROOT)) {
                case "mqtts", "ssl", "tls" -> Transport.TLS;
                case "ws" -> Transport.WS;
                case "wss" -> Transport.WSS;
                default -> Transport.TCP;
            };
            Profile.Builder b = Profile.builder()
                    .id(c.hasNonNull("id") ? c.get("id").asText() : "migrated-" + i)
                    .name(c.path("name").asText("Connection " + (i + 1)))
                    .transport(t)
                    .host(c.path("host").asText("127.0.0.1"))
                    .port(c.path("port").asInt(t.defaultPort()))
                    .clientId(c.path("clientId").asText("mqscope"))
                    .keepAliveSeconds(c.path("keepalive").asInt(60))
                    .cleanStart(c.path("clean").asBoolean(true));
            if (c.hasNonNull("path")) {
                b.wsPath(c.get("path").asText());
            }
            if (c.hasNonNull("user")) {
                b.username(c.get("user").asText());
            }
            if (c.hasNonNull("mqttVersion")) {
                try {
                    b.mqttVersion(MqttVersion.fromLabel(c.get("mqttVersion").asText()));
                } catch (IllegalArgumentException e) {
                    warnings.add("connection " + i + ": " + e.getMessage() + "; using 3.1.1");
                }
            }
            Profile p = b.build();
            out.add(om.valueToTree(p));
            if (c.hasNonNull("pass")) {
                // v1 kept the password in plain text; it moves to the secret store when the migrated file is saved.
                ObjectNode node = (ObjectNode) out.get(out.size() - 1);
                node.put("password", c.get("pass").asText());
            }
            i++;
        }
        return root;
    }
}
