package io.mqscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.FileSecretStore;
import io.mqscope.profile.Profile;
import io.mqscope.profile.ProfileStore;
import io.mqscope.ui.app.AppBackend;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.connections.ConnectionEntry;
import io.mqscope.ui.connections.ConnectionsViewModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged profiles file is moved aside by the store, and the Connections list tells the user so. */
class ConnectionsLoadTest {

    @Test
    void a_corrupt_profiles_file_is_reported_and_kept(@TempDir Path dir) throws Exception {
        byte[] damaged = "{\"schemaVersion\": 2, \"profiles\": [".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("profiles.json"), damaged);

        ConnectionsViewModel vm = new ConnectionsViewModel(
                new NoBackend(),
                AppBackend.store(new ProfileStore(dir, new FileSecretStore(dir))), TaskExecutor.sameThread(), 100, 100);

        assertThat(vm.errorProperty().get()).contains("corrupt");
        try (Stream<Path> files = Files.list(dir)) {
            Path kept = files.filter(f -> f.getFileName().toString().startsWith("profiles.json.corrupt-"))
                    .findFirst().orElseThrow();
            assertThat(Files.readAllBytes(kept)).isEqualTo(damaged);
        }
    }

    /** Issue 13 item 5, through the real store: a damaged secrets.json marks the profiles whose password it held. */
    @Test
    void a_profile_whose_secret_cannot_be_read_is_marked(@TempDir Path dir) throws Exception {
        new ProfileStore(dir, new FileSecretStore(dir)).save(List.of(
                Profile.builder().id("p1").name("Plant").host("h").password("pw").build()));
        Files.writeString(dir.resolve("secrets.json"), "{ not json");

        ConnectionsViewModel vm = new ConnectionsViewModel(new NoBackend(),
                AppBackend.store(new ProfileStore(dir, new FileSecretStore(dir))), TaskExecutor.sameThread(), 100, 100);

        ConnectionEntry plant = vm.entries().stream().filter(e -> e.profile().name().equals("Plant")).findFirst()
                .orElseThrow();
        assertThat(plant.unreadableSecretsProperty().get()).isNotEmpty();
        assertThat(plant.profile().password()).isNull();
    }
}
