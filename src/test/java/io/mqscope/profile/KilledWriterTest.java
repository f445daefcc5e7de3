package io.mqscope.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real writer process saving in a loop, killed with SIGKILL mid-stream: profiles.json is always a complete save. */
class KilledWriterTest {
    @TempDir
    Path dir;

    /** The writer: alternates between two profile sets forever, printing the number of completed saves. */
    public static void main(String[] args) throws IOException {
        ProfileStore store = new ProfileStore(Path.of(args[0]), new FileSecretStore(Path.of(args[0])));
        for (int i = 0; ; i++) {
            store.save(set(i % 2 == 0 ? "even" : "odd", i % 2 == 0 ? 3 : 40));
            System.out.println(i);
            System.out.flush();
        }
    }

    static List<Profile> set(String tag, int n) {
        List<Profile> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(ProfileStoreTest.withSecrets(tag + i).toBuilder().id(tag + i)
                    .clientId("x".repeat(2000)).build());
        }
        return l;
    }

    @Test
    void killedMidSaveLeavesACompleteFile() throws Exception {
        for (int round = 0; round < 2; round++) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), KilledWriterTest.class.getName(), dir.toString())
                    .redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                int saves = 0;
                while ((line = r.readLine()) != null && saves < 15 + round * 7) {
                    if (line.matches("\\d+")) {
                        saves++;
                    }
                }
                assertThat(saves).as("writer output: " + line).isGreaterThanOrEqualTo(15);
            } finally {
                p.destroyForcibly(); // SIGKILL on POSIX: no shutdown hooks, no finally blocks
                assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
            ProfileStore.LoadResult loaded = new ProfileStore(dir, new FileSecretStore(dir)).load();
            assertThat(loaded.corruptCopy()).isNull();
            assertThat(loaded.warnings()).allMatch(w -> w.contains("interrupted save"));
            List<String> names = loaded.profiles().stream().map(Profile::name).toList();
            assertThat(names).isIn(set("even", 3).stream().map(Profile::name).toList(),
                    set("odd", 40).stream().map(Profile::name).toList());
            // Issue 13 item 7: a killed save of secrets.json leaves a plaintext temp copy; load removes it.
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));
            }
            assertThat(loaded.profiles()).allSatisfy(pr -> assertThat(pr.password()).isEqualTo("pw-" + pr.name()));
        }
    }
}
