package io.mqscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.FileSecretStore;
import io.mqscope.profile.Profile;
import io.mqscope.profile.ProfileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13 items 5 and 9: {@code --profile} reads without writing and prints the store's warnings on stderr. */
class ProfileLookupTest {
    @TempDir
    Path dir;
    private String oldDir;
    private String oldSecrets;

    @BeforeEach
    void useTempConfig() {
        oldDir = System.setProperty("mqscope.config.dir", dir.toString());
        oldSecrets = System.setProperty("mqscope.secrets", "file");
    }

    @AfterEach
    void restore() {
        restore("mqscope.config.dir", oldDir);
        restore("mqscope.secrets", oldSecrets);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void aLookupCreatesNothing() {
        PubSubCommandTest.Run r = PubSubCommandTest.run("sub", "--profile", "nope", "-t", "a");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).contains("no saved profile named 'nope'");
        assertThat(dir.resolve("profiles.json")).doesNotExist();
    }

    @Test
    void aCorruptFileIsReportedAndLeftInPlace() throws Exception {
        Files.writeString(dir.resolve("profiles.json"), "{\"schemaVersion\": 2, \"profiles\": [");
        PubSubCommandTest.Run r = PubSubCommandTest.run("sub", "--profile", "P", "-t", "a");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).contains("warning: profiles.json").contains("not valid JSON");
        assertThat(dir.resolve("profiles.json")).exists();
    }

    @Test
    void aMissingSecretIsSaidBeforeConnecting() throws Exception {
        new ProfileStore(dir, new FileSecretStore(dir)).save(List.of(Profile.builder().name("P")
                .host("127.0.0.1").port(1).username("u").password("pw").build()));
        Files.delete(dir.resolve("secrets.json"));
        PubSubCommandTest.Run r = PubSubCommandTest.run("pub", "--profile", "P", "-t", "a", "-m", "x");
        assertThat(r.exit()).isEqualTo(1);
        String err = r.stderr();
        assertThat(err).contains("warning: profile 'P'").contains("password").contains("secrets.json");
        assertThat(err.indexOf("secrets.json")).isLessThan(err.lastIndexOf("mqscope pub:"));
    }

    @Test
    void checkRunsASavedProfile() throws Exception {
        io.mqscope.broker.LocalBroker broker = io.mqscope.testing.EmbeddedHiveMq.start();
        try {
            new ProfileStore(dir, new FileSecretStore(dir)).save(List.of(Profile.builder().name("Saved")
                    .host("127.0.0.1").port(broker.tcpPort()).build()));
            CheckCommandTest.Run r = CheckCommandTest.run("check", "--profile", "Saved", "--json");
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(0);
            assertThat(r.out()).contains("\"url\":\"mqtt://127.0.0.1:" + broker.tcpPort() + "\"");
        } finally {
            broker.close();
        }
    }
}
