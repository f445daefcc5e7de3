package io.mqscope.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileStoreTest {
    @TempDir
    Path dir;

    private ProfileStore store() {
        return new ProfileStore(dir, new FileSecretStore(dir));
    }

    static Profile withSecrets(String name) {
        return Profile.builder().name(name).host("broker.example.com").port(8883).transport(Transport.TLS)
                .username("alice").password("pw-" + name)
                .tls(new Profile.TlsSettings("/ca.pem", "/c.p12", null, "keypw-" + name, "sni", List.of("mqtt"),
                        true, false))
                .proxy(new Profile.ProxySettings("socks5", "proxy", 1080, "pu", "proxypw-" + name))
                .signing(new Profile.Signing("aliyun-iot", Map.of("productKey", "pk", "deviceName", "dn",
                        "deviceSecret", "devsecret-" + name)))
                .build();
    }

    private List<Path> filesMatching(String prefix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        }
    }

    @Test
    void aHandWrittenProfileWithoutTransportOrVersionGetsTheDefaults() throws IOException {
        // found by packaging/measure.sh: a profile without "mqttVersion" stopped the window at start
        Files.writeString(dir.resolve("profiles.json"), "{\"schemaVersion\": 2, \"profiles\": [{\"id\": \"m\", "
                + "\"name\": \"m\", \"host\": \"127.0.0.1\", \"port\": 1884, \"autoConnect\": true}]}");

        ProfileStore.LoadResult r = store().load();

        assertThat(r.profiles()).filteredOn(p -> p.id().equals("m")).singleElement().satisfies(p -> {
            assertThat(p.transport()).isEqualTo(Transport.TCP);
            assertThat(p.mqttVersion()).isEqualTo(MqttVersion.V3_1_1);
            assertThat(p.autoConnect()).isTrue();
        });
    }

    @Test
    void firstRunCreatesTheLocalBrokerProfile() throws IOException {
        ProfileStore.LoadResult r = store().load();
        assertThat(r.firstRun()).isTrue();
        assertThat(r.profiles()).singleElement().satisfies(p -> {
            assertThat(Profile.isLocalBroker(p)).isTrue();
            assertThat(p.id()).isEqualTo(Profile.LOCAL_BROKER_ID);
            assertThat(p.name()).isEqualTo("Local broker");
            assertThat(p.host()).isEqualTo("127.0.0.1");
            assertThat(p.port()).isEqualTo(1883);
            assertThat(p.group()).isEmpty();
        });
        assertThat(Files.exists(dir.resolve("profiles.json"))).isTrue();
        ProfileStore.LoadResult again = store().load();
        assertThat(again.firstRun()).isFalse();
        assertThat(again.profiles()).isEqualTo(r.profiles());
        assertThat(again.warnings()).isEmpty();
    }

    @Test
    void secretsStayOutOfProfilesJsonAndGoToAnOwnerOnlyFile() throws IOException {
        List<Profile> saved = store().save(List.of(withSecrets("a"), withSecrets("b")));
        assertThat(saved).allSatisfy(p -> assertThat(p.id()).isNotBlank());
        String json = Files.readString(dir.resolve("profiles.json"));
        assertThat(json).doesNotContain("pw-a", "keypw-a", "proxypw-a", "devsecret-a", "pw-b", "devsecret-b");
        assertThat(json).contains("\"schemaVersion\" : 2").contains("\"productKey\" : \"pk\"");
        Path secretsFile = dir.resolve("secrets.json");
        assertThat(Files.getPosixFilePermissions(secretsFile))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(secretsFile)).contains("devsecret-a", "keypw-b");

        ProfileStore.LoadResult r = store().load();
        assertThat(r.warnings()).isEmpty();
        assertThat(r.profiles()).isEqualTo(saved);
        assertThat(store().secretBackend()).contains("secrets.json").contains("0600");
    }

    @Test
    void clearedSecretsAreRemovedFromTheSecretFile() throws IOException {
        ProfileStore s = store();
        Profile p = s.save(List.of(withSecrets("a"))).get(0);
        s.save(List.of(p.toBuilder().password(null).build()));
        String secrets = Files.readString(dir.resolve("secrets.json"));
        assertThat(secrets).doesNotContain("\"pw-a\"").contains("devsecret-a");
        s.save(List.of());
        assertThat(Files.readString(dir.resolve("secrets.json"))).doesNotContain("devsecret-a");
    }

    @Test
    void corruptFileIsMovedAsideNeverOverwritten() throws IOException {
        byte[] garbage = "{\"schemaVersion\": 2, \"profiles\": [ {\"name\": \"x\" ".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("profiles.json"), garbage);
        ProfileStore s = store();
        ProfileStore.LoadResult r = s.load();
        assertThat(r.corruptCopy()).isNotNull();
        assertThat(r.corruptCopy().getFileName().toString()).startsWith("profiles.json.corrupt-");
        assertThat(Files.readAllBytes(r.corruptCopy())).isEqualTo(garbage);
        assertThat(r.warnings()).singleElement().asString().contains("not valid JSON").contains("line 1");
        assertThat(r.profiles()).singleElement().matches(Profile::isLocalBroker);
        s.save(List.of(withSecrets("new")));
        assertThat(Files.readAllBytes(r.corruptCopy())).isEqualTo(garbage);
        assertThat(store().load().profiles()).extracting(Profile::name).containsExactly("new");
    }

    @Test
    void wrongShapeIsCorruptToo() throws IOException {
        Files.writeString(dir.resolve("profiles.json"), "[1, 2, 3]");
        ProfileStore.LoadResult r = store().load();
        assertThat(r.warnings()).anyMatch(w -> w.contains("not a JSON object"));
        assertThat(filesMatching("profiles.json.corrupt-")).hasSize(1);
    }

    @Test
    void unreadableFileIsMovedAside() throws IOException {
        // A directory where the file should be: reading fails with an IOException, as for a permission problem.
        Files.createDirectory(dir.resolve("profiles.json"));
        ProfileStore.LoadResult r = store().load();
        assertThat(r.warnings()).anyMatch(w -> w.contains("cannot be read"));
        assertThat(r.corruptCopy()).isDirectory();
    }

    @Test
    void newerSchemaIsReadButNotOverwritten() throws IOException {
        String newer = "{\"schemaVersion\": 3, \"profiles\": [{\"id\": \"x\", \"name\": \"future\", \"host\": \"h\","
                + " \"port\": 1, \"transport\": \"TCP\", \"newField\": true}], \"secretRefs\": {}}";
        Files.writeString(dir.resolve("profiles.json"), newer);
        ProfileStore s = store();
        ProfileStore.LoadResult r = s.load();
        assertThat(r.profiles()).extracting(Profile::name).containsExactly("future");
        assertThat(s.readOnlyReason()).contains("newer");
        assertThatThrownBy(() -> s.save(r.profiles())).isInstanceOf(IOException.class);
        assertThat(Files.readString(dir.resolve("profiles.json"))).isEqualTo(newer);
    }

    @Test
    void migratesSchemaOne() throws IOException {
        String v1 = new String(getClass().getResourceAsStream("/profile/profiles-v1.json").readAllBytes(),
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("profiles.json"), v1);
        ProfileStore.LoadResult r = store().load();
        assertThat(r.migratedFrom()).isEqualTo(1);
        assertThat(r.profiles()).hasSize(3);
        Profile home = r.profiles().get(0);
        assertThat(home.name()).isEqualTo("home mosquitto");
        assertThat(home.transport()).isEqualTo(Transport.TCP);
        assertThat(home.username()).isEqualTo("bob");
        assertThat(home.password()).isEqualTo("hunter2");
        assertThat(home.keepAliveSeconds()).isEqualTo(30);
        assertThat(home.cleanStart()).isFalse();
        Profile staging = r.profiles().get(1);
        assertThat(staging.transport()).isEqualTo(Transport.WSS);
        assertThat(staging.wsPath()).isEqualTo("/mqtt");
        assertThat(staging.mqttVersion()).isEqualTo(MqttVersion.V5);
        assertThat(r.profiles().get(2).transport()).isEqualTo(Transport.TLS);

        JsonNode now = ProfileJson.mapper().readTree(dir.resolve("profiles.json").toFile());
        assertThat(now.get("schemaVersion").asInt()).isEqualTo(2);
        assertThat(now.toString()).doesNotContain("hunter2");
        // Kept without the plaintext password (issue 13 item 7), owner-only.
        JsonNode bak = ProfileJson.mapper().readTree(dir.resolve("profiles.json.v1.bak").toFile());
        assertThat(bak.path("connections").get(0).path("name").asText()).isEqualTo("home mosquitto");
        assertThat(bak.toString()).doesNotContain("hunter2");
        ProfileStore.LoadResult again = store().load();
        assertThat(again.migratedFrom()).isNull();
        assertThat(again.profiles()).isEqualTo(r.profiles());
    }

    static final class SimulatedCrash extends Error {
    }

    @Test
    void crashBetweenWriteAndRenameKeepsThePreviousProfiles() throws IOException {
        ProfileStore s = store();
        List<Profile> before = s.save(List.of(withSecrets("before")));
        byte[] beforeBytes = Files.readAllBytes(dir.resolve("profiles.json"));
        s.beforeRename = temp -> {
            assertThat(Files.size(temp)).isPositive();
            throw new SimulatedCrash(); // the process dies here: the temp file stays, the rename never happens
        };
        assertThatThrownBy(() -> s.save(List.of(withSecrets("after1"), withSecrets("after2"))))
                .isInstanceOf(SimulatedCrash.class);
        assertThat(Files.readAllBytes(dir.resolve("profiles.json"))).isEqualTo(beforeBytes);
        assertThat(filesMatching("profiles.json.tmp-")).hasSize(1);

        ProfileStore.LoadResult r = store().load();
        assertThat(r.profiles()).isEqualTo(before);
        assertThat(r.warnings()).anyMatch(w -> w.contains("interrupted save"));
        assertThat(filesMatching("profiles.json.tmp-")).isEmpty();
    }

    @Test
    void platformDirectories() {
        assertThat(ProfileStore.platformDirectory("Linux", Map.of("XDG_CONFIG_HOME", "/x/cfg"), "/home/u"))
                .isEqualTo(Path.of("/x/cfg", "mqscope"));
        assertThat(ProfileStore.platformDirectory("Linux", Map.of("XDG_CONFIG_HOME", "rel"), "/home/u"))
                .isEqualTo(Path.of("/home/u", ".config", "mqscope"));
        assertThat(ProfileStore.platformDirectory("Linux", Map.of(), "/home/u"))
                .isEqualTo(Path.of("/home/u", ".config", "mqscope"));
        assertThat(ProfileStore.platformDirectory("Mac OS X", Map.of(), "/Users/u"))
                .isEqualTo(Path.of("/Users/u", "Library", "Application Support", "MQScope"));
        assertThat(ProfileStore.platformDirectory("Windows 11", Map.of("APPDATA", "/appdata"), "/u"))
                .isEqualTo(Path.of("/appdata", "MQScope"));
        String old = System.getProperty("mqscope.config.dir");
        try {
            System.setProperty("mqscope.config.dir", dir.toString());
            assertThat(ProfileStore.defaultDirectory()).isEqualTo(dir);
        } finally {
            if (old == null) {
                System.clearProperty("mqscope.config.dir");
            } else {
                System.setProperty("mqscope.config.dir", old);
            }
        }
    }

    @Test
    void secretBackendDetectionFallsBackToTheFile() {
        String old = System.getProperty("mqscope.secrets");
        try {
            System.setProperty("mqscope.secrets", "file");
            SecretStore forced = SecretStores.detect(dir);
            assertThat(forced).isInstanceOf(FileSecretStore.class);
            assertThat(forced.osCredentialStore()).isFalse();
            assertThat(forced.describe()).contains("no OS credential store");
        } finally {
            if (old == null) {
                System.clearProperty("mqscope.secrets");
            } else {
                System.setProperty("mqscope.secrets", old);
            }
        }
        // Unforced: whatever this machine offers, detection answers (bounded by its probe timeout) and says which.
        SecretStore detected = SecretStores.detect(dir);
        assertThat(detected.describe()).isNotBlank();
        assertThat(detected.osCredentialStore()).isEqualTo(detected instanceof KeyringSecretStore);
    }

    @Test
    void ownerOnlyPermissionsHoldFromTheFirstByte() throws IOException {
        FileSecretStore f = new FileSecretStore(dir);
        f.put("id/password", "s3cret");
        assertThat(Files.getPosixFilePermissions(f.file())).isEqualTo(Set.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE));
        assertThat(new FileSecretStore(dir).get("id/password")).contains("s3cret");
        f.remove("id/password");
        assertThat(new FileSecretStore(dir).get("id/password")).isEmpty();
    }
}
