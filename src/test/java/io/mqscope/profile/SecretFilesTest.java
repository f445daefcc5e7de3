package io.mqscope.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 items 7 and 9: no plaintext copy of a secret outlives a save or a migration, files holding secrets are
 * 0600 in a 0700 directory, and temp files of a store another process is saving are left alone.
 */
class SecretFilesTest {
    @TempDir
    Path parent;

    private List<String> names(Path dir, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).toList();
        }
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void schemaOneMigrationKeepsNoPlaintextPassword() throws IOException {
        Path dir = parent.resolve("config");
        Files.createDirectories(dir);
        Files.write(dir.resolve("profiles.json"),
                getClass().getResourceAsStream("/profile/profiles-v1.json").readAllBytes());
        ProfileStore.LoadResult r = new ProfileStore(dir, new FileSecretStore(dir)).load();
        assertThat(r.profiles().get(0).password()).isEqualTo("hunter2");
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                if (!p.getFileName().toString().equals("secrets.json")) {
                    assertThat(Files.readString(p)).as(p.toString()).doesNotContain("hunter2");
                }
            }
        }
        assertThat(mode(dir.resolve("secrets.json"))).isEqualTo("rw-------");
    }

    @Test
    void aBackupLeftByAnOlderVersionLosesItsPasswords() throws IOException {
        Path dir = parent.resolve("config");
        Files.createDirectories(dir);
        ProfileStore store = new ProfileStore(dir, new FileSecretStore(dir));
        store.save(List.of(Profile.defaultLocalBroker()));
        Path bak = dir.resolve("profiles.json.v1.bak");
        Files.write(bak, getClass().getResourceAsStream("/profile/profiles-v1.json").readAllBytes());
        Files.setPosixFilePermissions(bak, PosixFilePermissions.fromString("rw-r--r--"));
        ProfileStore.LoadResult r = store.load();
        assertThat(Files.readString(bak)).doesNotContain("hunter2").contains("home mosquitto");
        assertThat(mode(bak)).isEqualTo("rw-------");
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("profiles.json.v1.bak"));
    }

    @Test
    void theConfigDirectoryIsOwnerOnly() throws IOException {
        Path dir = parent.resolve("new").resolve("config");
        new ProfileStore(dir, new FileSecretStore(dir)).save(List.of(ProfileStoreTest.withSecrets("a")));
        assertThat(mode(dir)).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("secrets.json"))).isEqualTo("rw-------");
        Path open = parent.resolve("open");
        Files.createDirectories(open);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        new ProfileStore(open, new FileSecretStore(open)).save(List.of(ProfileStoreTest.withSecrets("a")));
        assertThat(mode(open)).isEqualTo("rwx------");
    }

    /** Holds the store's lock file, as a saving MQScope process does, until its stdin closes. */
    public static void main(String[] args) throws IOException {
        try (FileChannel ch = FileChannel.open(Path.of(args[0], "mqscope.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); var lock = ch.lock()) {
            System.out.println("held");
            System.out.flush();
            System.in.read();
        }
    }

    @Test
    void tempFilesOfAnotherProcessAreLeftAlone() throws Exception {
        Path dir = parent.resolve("config");
        Files.createDirectories(dir);
        new ProfileStore(dir, new FileSecretStore(dir)).save(List.of(ProfileStoreTest.withSecrets("a")));
        Path foreign = Files.writeString(dir.resolve("secrets.json.tmp-123"), "{\"secrets\": {\"x\": \"pw\"}}");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SecretFilesTest.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            do {
                line = r.readLine(); // skips anything the JVM prints first (e.g. "Picked up JAVA_TOOL_OPTIONS")
            } while (line != null && !line.equals("held"));
            assertThat(line).isEqualTo("held");
            ProfileStore.LoadResult busy = new ProfileStore(dir, new FileSecretStore(dir)).load();
            assertThat(foreign).exists();
            assertThat(busy.profiles()).extracting(Profile::name).containsExactly("a");
        } finally {
            holder.destroyForcibly();
            assertThat(holder.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        ProfileStore.LoadResult free = new ProfileStore(dir, new FileSecretStore(dir)).load();
        assertThat(foreign).doesNotExist();
        assertThat(free.warnings()).anySatisfy(w -> assertThat(w).contains("secrets.json.tmp-123"));
        assertThat(names(dir, "secrets.json.tmp-")).isEmpty();
    }
}
