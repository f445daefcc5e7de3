package io.mqscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.FileSecretStore;
import io.mqscope.profile.ProfileStore;
import io.mqscope.ui.app.AppBackend;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.connections.ConnectionsViewModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
