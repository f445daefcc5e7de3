package io.mqscope.ui.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.ImportReport;
import io.mqscope.profile.Profile;
import io.mqscope.ui.I18n;
import io.mqscope.ui.NoBackend;
import io.mqscope.ui.app.ProfileFiles;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.app.TaskExecutor;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        vm.confirmImport();
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

    /** Issue 13 item 6: an MQTTX export that turns certificate checks off. */
    private static Path insecureMqttx(Path dir) throws IOException {
        return Files.writeString(dir.resolve("mqttx.json"), "[{\"name\": \"Factory\", \"host\": \"h\", "
                + "\"port\": 8883, \"protocol\": \"mqtts\", \"rejectUnauthorized\": false, "
                + "\"ca\": \"/proc/self/environ\", \"madeUpField\": 1}]");
    }

    @Test
    void an_import_is_shown_security_first_and_applied_only_on_confirmation(@TempDir Path dir) throws Exception {
        Recording repo = new Recording();
        ConnectionsViewModel vm = new ConnectionsViewModel(new NoBackend(), repo, TaskExecutor.sameThread(), 100,
                100);
        vm.importFrom(insecureMqttx(dir).toFile());

        ImportReport report = vm.pendingImportProperty().get();
        assertThat(report).isNotNull();
        assertThat(report.securityIssues()).isNotEmpty();
        assertThat(vm.entries()).extracting(e -> e.profile().name()).doesNotContain("Factory");
        assertThat(repo.saved).isEmpty();

        String shown = ConnectionsViewModel.describe(report);
        int security = shown.indexOf(I18n.t("connections.import.security"));
        assertThat(security).isPositive();
        assertThat(shown.indexOf("rejectUnauthorized")).isGreaterThan(security);
        assertThat(shown).contains("/proc/self/environ");
        int remarks = shown.indexOf(I18n.t("connections.import.remarks"));
        if (remarks >= 0) {
            // every security entry comes before the first ordinary remark
            report.securityIssues().forEach(i -> assertThat(shown.indexOf(i.reason())).isLessThan(remarks));
        }

        vm.confirmImport();
        assertThat(vm.pendingImportProperty().get()).isNull();
        assertThat(vm.entries()).extracting(e -> e.profile().name()).contains("Factory");
        assertThat(repo.saved).last().satisfies(l -> assertThat(l).extracting(Profile::name).contains("Factory"));
    }

    @Test
    void a_cancelled_import_applies_nothing(@TempDir Path dir) throws Exception {
        Recording repo = new Recording();
        ConnectionsViewModel vm = new ConnectionsViewModel(new NoBackend(), repo, TaskExecutor.sameThread(), 100,
                100);
        int before = vm.entries().size();
        vm.importFrom(insecureMqttx(dir).toFile());
        assertThat(vm.pendingImportProperty().get()).isNotNull();
        vm.cancelImport();
        assertThat(vm.pendingImportProperty().get()).isNull();
        // a late confirm (the dialog closed twice) has nothing left to apply
        vm.confirmImport();
        assertThat(vm.entries()).hasSize(before);
        assertThat(repo.saved).isEmpty();
    }

    @Test
    void an_import_is_read_off_the_ui_thread(@TempDir Path dir) throws Exception {
        List<Runnable> io = new ArrayList<>();
        ConnectionsViewModel vm = new ConnectionsViewModel(new NoBackend(), new Recording(),
                new TaskExecutor(io::add, Runnable::run), 100, 100);
        vm.importFrom(insecureMqttx(dir).toFile());
        assertThat(vm.pendingImportProperty().get()).isNull();
        io.remove(0).run();
        assertThat(vm.pendingImportProperty().get()).isNotNull();
    }

    @Test
    void an_oversized_import_file_is_refused_with_a_message(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.json");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(17L << 20); // past the parser's 16 MiB document limit; sparse, so cheap to make
        }
        ConnectionsViewModel vm = new ConnectionsViewModel(new NoBackend(), new Recording(),
                TaskExecutor.sameThread(), 100, 100);
        vm.importFrom(big.toFile());
        assertThat(vm.pendingImportProperty().get()).isNull();
        assertThat(vm.errorProperty().get()).startsWith(I18n.t("connections.importFailed", "")).contains("big.json");
    }

    /** Issue 13 item 5: a profile whose saved password could not be read says so before connecting. */
    @Test
    void a_profile_with_an_unreadable_secret_is_marked_and_warns_on_connect() {
        Profile lost = Profile.builder().id("p1").name("Plant").host("127.0.0.1").port(1).build();
        Profile fine = Profile.builder().id("p2").name("Office").host("127.0.0.1").port(1).build();
        ProfileRepository repo = new ProfileRepository() {
            @Override
            public List<Profile> load() {
                return List.of(lost, fine);
            }

            @Override
            public void save(List<Profile> profiles) {
            }

            @Override
            public Map<String, List<String>> unreadableSecrets() {
                return Map.of("p1", List.of("password"));
            }
        };
        List<Runnable> io = new ArrayList<>();
        ConnectionsViewModel vm = new ConnectionsViewModel(new NoBackend(), repo,
                new TaskExecutor(io::add, Runnable::run), 100, 100);
        ConnectionEntry plant = entry(vm, "Plant");
        ConnectionEntry office = entry(vm, "Office");
        assertThat(plant.unreadableSecretsProperty().get()).containsExactly("password");
        assertThat(office.unreadableSecretsProperty().get()).isEmpty();

        vm.connect(office);
        assertThat(vm.errorProperty().get()).isEmpty();
        // the warning is there before the connection is attempted (nothing has run on the I/O executor yet)
        vm.connect(plant);
        assertThat(io).hasSize(2);
        assertThat(vm.errorProperty().get())
                .isEqualTo(I18n.t("connections.secretUnreadable", "Plant", "password"));

        // saved again from the editor: the store holds this profile's secrets now, the mark goes
        vm.put(plant.profile().toBuilder().password("new").build());
        assertThat(plant.unreadableSecretsProperty().get()).isEmpty();
    }

    private static ConnectionEntry entry(ConnectionsViewModel vm, String name) {
        return vm.entries().stream().filter(e -> e.profile().name().equals(name)).findFirst().orElseThrow();
    }
}
