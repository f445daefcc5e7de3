package io.mqscope.ui.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.Profile;
import io.mqscope.ui.I18n;
import io.mqscope.ui.NoBackend;
import io.mqscope.ui.app.ProfileFiles;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.app.TaskExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Connections list saves, imports and exports through the I/O executor and shows failures as its error. */
class ConnectionsViewModelTest {

    /** Remembers every list saved; fails while {@code broken}. */
    static final class Recording implements ProfileRepository {
        final List<List<Profile>> saved = new ArrayList<>();
        boolean broken;

        @Override
        public List<Profile> load() {
            return List.of();
        }

        @Override
        public void save(List<Profile> profiles) throws IOException {
            if (broken) {
                throw new IOException("read-only file system");
            }
            saved.add(profiles);
        }
    }

    @Test
    void saves_on_the_io_executor_newest_list_last() {
        Recording repo = new Recording();
        List<Runnable> io = new ArrayList<>();
        ConnectionsViewModel vm = new ConnectionsViewModel(new NoBackend(), repo,
                new TaskExecutor(io::add, Runnable::run), 100, 100);
        vm.put(Profile.builder().name("a").build());
        vm.put(Profile.builder().name("b").build());
        // nothing written on the calling (FX) thread
        assertThat(repo.saved).isEmpty();
        // the later save runs first: it writes the newest list and the older one has nothing left to write
        io.get(1).run();
        io.get(0).run();
        assertThat(repo.saved).singleElement().satisfies(l -> assertThat(l).extracting(Profile::name)
                .containsExactly("Local broker", "a", "b"));
    }

    @Test
    void a_failed_save_is_shown() {
        Recording repo = new Recording();
        repo.broken = true;
        ConnectionsViewModel vm = new ConnectionsViewModel(new NoBackend(), repo, TaskExecutor.sameThread(), 100,
                100);
        vm.put(Profile.builder().name("a").build());
        assertThat(vm.errorProperty().get()).isEqualTo(I18n.t("connections.saveFailed", "read-only file system"));
    }

    @Test
    void import_and_export_go_through_files(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.json");
        ProfileFiles.write(in, List.of(Profile.builder().id("x").name("Imported").host("h").build()));
        ConnectionsViewModel vm = new ConnectionsViewModel(new NoBackend(), new Recording(),
                TaskExecutor.sameThread(), 100, 100);
        vm.importFrom(in.toFile());
        assertThat(vm.entries()).extracting(e -> e.profile().name()).contains("Imported");
        Path out = dir.resolve("out.json");
        vm.exportTo(out.toFile());
        assertThat(ProfileFiles.read(out).profiles()).extracting(Profile::name).contains("Imported");
        vm.importFrom(dir.resolve("missing.json").toFile());
        assertThat(vm.errorProperty().get()).startsWith(I18n.t("connections.importFailed", ""));
        vm.exportTo(dir.resolve("no/such/dir/out.json").toFile());
        assertThat(vm.errorProperty().get()).startsWith(I18n.t("connections.exportFailed", ""));
        assertThat(Files.exists(dir.resolve("no"))).isFalse();
    }
}
