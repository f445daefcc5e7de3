package io.mqscope.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.payload.PayloadFormat;
import io.mqscope.ui.I18n;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Settings dialog's state and the settings file. */
class SettingsViewModelTest {

    @Test
    void limits_are_validated() {
        SettingsViewModel vm = new SettingsViewModel(UiSettings.DEFAULT);
        vm.maxMessagesProperty().set("abc");
        assertThat(vm.maxMessagesErrorProperty().get()).isEqualTo(I18n.t("settings.limit.number"));
        assertThat(vm.validProperty().get()).isFalse();
        vm.maxMessagesProperty().set("5");
        assertThat(vm.maxMessagesErrorProperty().get())
                .isEqualTo(I18n.t("settings.limit.range", UiSettings.MIN_LIMIT, UiSettings.MAX_LIMIT));
        vm.maxMessagesProperty().set("20000");
        vm.chineseProperty().set(true);
        vm.darkProperty().set(true);
        UiSettings s = vm.result();
        assertThat(s.maxMessages()).isEqualTo(20000);
        assertThat(s.chinese()).isTrue();
        assertThat(s.dark()).isTrue();
    }

    @Test
    void settings_file_round_trips(@TempDir Path dir) throws Exception {
        SettingsFile f = new SettingsFile(dir.resolve("ui.properties"));
        assertThat(f.load()).isEqualTo(UiSettings.DEFAULT);
        UiSettings s = new UiSettings(I18n.CHINESE, true, 500, 600, PayloadFormat.HEX);
        f.save(s);
        assertThat(f.load()).isEqualTo(s);
    }
}
