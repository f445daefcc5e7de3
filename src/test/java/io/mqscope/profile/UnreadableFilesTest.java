package io.mqscope.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.payload.ParseResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13 item 4: hostile profiles.json / secrets.json / import files are set aside and reported, never thrown. */
class UnreadableFilesTest {
    @TempDir
    Path dir;

    private ProfileStore store() {
        return new ProfileStore(dir, new FileSecretStore(dir));
    }

    private List<String> names(String prefix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).toList();
        }
    }

    static String nested(int depth) {
        return "{\"schemaVersion\": 2, \"profiles\": " + "[".repeat(depth) + "]".repeat(depth) + "}";
    }

    /** A JSON document holding one string of {@code size} bytes, written without building it in memory twice. */
    static void writeHugeString(Path file, int size) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("{\"schemaVersion\": 2, \"profiles\": [{\"name\": \"".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "a".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < size / chunk.length; i++) {
                out.write(chunk);
            }
            out.write("\"}]}".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private void assertSetAside(ProfileStore.LoadResult r, String file) throws IOException {
        assertThat(r.profiles()).containsExactly(Profile.defaultLocalBroker());
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains(file).contains(".corrupt-"));
        assertThat(names(file + ".corrupt-")).hasSize(1);
    }

    @Test
    void profilesNestedDeeperThanTheLimitAreSetAside() throws IOException {
        Files.writeString(dir.resolve("profiles.json"), nested(1500));
        assertSetAside(store().load(), "profiles.json");
    }

    @Test
    void aHundredMegabyteStringIsSetAside() throws IOException {
        writeHugeString(dir.resolve("profiles.json"), 100 << 20);
        assertSetAside(store().load(), "profiles.json");
    }

    @Test
    void garbageIsSetAside() throws IOException {
        Files.write(dir.resolve("profiles.json"), new byte[] {(byte) 0xff, 0, 0x7b, (byte) 0xc3, 0x28});
        assertSetAside(store().load(), "profiles.json");
    }

    /** A FIFO in place of profiles.json used to block the load for ever, waiting for a writer. */
    @Test
    void aFifoDoesNotHangTheLoad() throws Exception {
        Path fifo = dir.resolve("profiles.json");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            Assumptions.abort("no mkfifo here: " + e.getMessage());
            return;
        }
        Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
        ProfileStore.LoadResult r = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), store()::load);
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("not a regular file"));
    }

    /** The desktop app's preload (AppBackend.profiles) used to die on the NullPointerException; now it warns. */
    @Test
    void theDesktopPreloadSurvivesAHostileFile() throws IOException {
        Files.writeString(dir.resolve("profiles.json"), nested(1500));
        String oldDir = System.setProperty("mqscope.config.dir", dir.toString());
        String oldSecrets = System.setProperty("mqscope.secrets", "file");
        try {
            var repository = io.mqscope.ui.app.AppBackend.profiles();
            assertThat(repository.load()).containsExactly(Profile.defaultLocalBroker());
            assertThat(repository.loadWarnings()).anySatisfy(w -> assertThat(w).contains("profiles.json")
                    .contains("nesting depth"));
        } finally {
            restore("mqscope.config.dir", oldDir);
            restore("mqscope.secrets", oldSecrets);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void unreadableSecretsAreSetAsideAndNamed() throws IOException {
        store().save(List.of(ProfileStoreTest.withSecrets("a").toBuilder().id("a").build()));
        Files.writeString(dir.resolve("secrets.json"), nested(1500));
        ProfileStore.LoadResult r = store().load();
        assertThat(r.profiles()).extracting(Profile::name).containsExactly("a");
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("secrets.json").contains(".corrupt-"));
        assertThat(r.warnings()).noneSatisfy(w -> assertThat(w).contains("profiles.json"));
        assertThat(names("secrets.json.corrupt-")).hasSize(1);
    }

    @Test
    void importOfHostileJsonIsAnErrorNotAnException() throws IOException {
        ParseResult<ImportReport> deep = ProfileExchange.importJson(nested(1500));
        assertThat(deep.ok()).isFalse();
        assertThat(deep.error()).contains("nest");
        ParseResult<ImportReport> mqttxDeep = ProfileExchange.importJson("[" + nested(1200) + "]");
        assertThat(mqttxDeep.ok()).isFalse();
        Path huge = dir.resolve("huge.json");
        writeHugeString(huge, 30 << 20);
        ParseResult<ImportReport> big = ProfileExchange.importJson(Files.readString(huge));
        assertThat(big.ok()).isFalse();
        assertThat(big.error()).contains("length");
    }
}
