package io.mqscope.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13 item 5: one bad profile costs only itself; missing or broken secrets are named before connecting. */
class StoreWarningsTest {
    @TempDir
    Path dir;

    private ProfileStore store() {
        return new ProfileStore(dir, new FileSecretStore(dir));
    }

    @Test
    void aBadFieldDiscardsOnlyItsProfile() throws IOException {
        Files.writeString(dir.resolve("profiles.json"), """
                {"schemaVersion": 2, "profiles": [
                  {"id": "1", "name": "first", "host": "a", "port": 1883},
                  {"id": "2", "name": "broken", "host": "b", "port": "abc"},
                  {"id": "3", "name": "third", "host": "c", "port": 8883, "keepAliveSeconds": []}
                ]}""");
        ProfileStore.LoadResult r = store().load();
        assertThat(r.profiles()).extracting(Profile::name).containsExactly("first");
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("'broken'").contains("port"));
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("'third'").contains("keepAliveSeconds"));
        // The next save drops the broken entries, so the file as it was is kept next to it.
        assertThat(r.corruptCopy()).isNotNull().exists();
        assertThat(Files.readString(r.corruptCopy())).contains("\"abc\"");
    }

    @Test
    void theSecretsOfAProfileThatWasNotLoadedSurviveTheNextSave() throws IOException {
        store().save(List.of(ProfileStoreTest.withSecrets("a").toBuilder().id("a").build(),
                ProfileStoreTest.withSecrets("b").toBuilder().id("b").build()));
        Path file = dir.resolve("profiles.json");
        Files.writeString(file, Files.readString(file).replace("\"port\" : 8883", "\"port\" : \"abc\""));
        ProfileStore s = store();
        ProfileStore.LoadResult r = s.load();
        assertThat(r.profiles()).isEmpty();
        s.save(List.of(Profile.builder().id("c").name("c").build()));
        assertThat(Files.readString(dir.resolve("secrets.json"))).contains("pw-a", "pw-b");
    }

    @Test
    void missingSecretsFileIsNamedForEveryProfileThatNeedsIt() throws IOException {
        store().save(List.of(ProfileStoreTest.withSecrets("a").toBuilder().id("a").build(),
                Profile.builder().id("b").name("no secrets").build()));
        Files.delete(dir.resolve("secrets.json"));
        ProfileStore.LoadResult r = store().load();
        assertThat(r.profiles()).hasSize(2);
        assertThat(r.profiles().get(0).password()).isNull();
        assertThat(r.warnings()).singleElement().satisfies(w -> assertThat(w)
                .contains("profile 'a'").contains("password").contains("secrets.json").contains("does not exist"));
    }

    @Test
    void corruptSecretsFileIsNamedNotProfilesJson() throws IOException {
        store().save(List.of(ProfileStoreTest.withSecrets("a").toBuilder().id("a").build()));
        Files.writeString(dir.resolve("secrets.json"), "{\"secrets\": {\"a/password\": ");
        ProfileStore.LoadResult r = store().load();
        assertThat(r.profiles()).extracting(Profile::name).containsExactly("a");
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("profile 'a'").contains("password")
                .contains("secrets.json"));
        assertThat(r.warnings()).noneSatisfy(w -> assertThat(w).contains("profiles.json"));
    }
}
