package io.mqscope.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.ui.I18n;
import io.mqscope.ui.NoBackend;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.settings.SettingsFile;
import io.mqscope.ui.settings.UiSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainViewModelTest {

    @Test
    void settings_are_saved_through_the_task_executor_and_a_failure_is_shown(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("ui.properties");
        MainViewModel vm = new MainViewModel(UiSettings.DEFAULT, new SettingsFile(good), new NoBackend(),
                ProfileRepository.inMemory(List.of()), TaskExecutor.sameThread());
        UiSettings dark = new UiSettings(I18n.ENGLISH, true, 500, 500, null);
        vm.saveSettings(dark);
        assertThat(new SettingsFile(good).load()).isEqualTo(dark);
        assertThat(vm.settingsErrorProperty().get()).isEmpty();

        // a regular file where the settings directory should be: the save fails and the window says so
        Path blocked = Files.writeString(dir.resolve("blocked"), "x").resolve("ui.properties");
        MainViewModel failing = new MainViewModel(UiSettings.DEFAULT, new SettingsFile(blocked), new NoBackend(),
                ProfileRepository.inMemory(List.of()), TaskExecutor.sameThread());
        failing.saveSettings(dark);
        assertThat(failing.settingsErrorProperty().get()).startsWith(I18n.t("settings.saveFailed", ""));
    }
}
