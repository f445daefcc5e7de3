package io.mqscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.ui.GraphicsChoice.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17: OpenGL is skipped only on a Linux machine without a graphics device, and never against the user. */
class GraphicsChoiceTest {
    @TempDir
    Path dev;

    @Test
    void a_linux_machine_without_a_graphics_device_draws_in_software() throws Exception {
        Files.createFile(dev.resolve("null"));
        Files.createDirectory(dev.resolve("input"));
        assertThat(GraphicsChoice.decide("Linux", dev, null, Map.of())).isEqualTo(Outcome.SOFTWARE);
        // an empty /dev/dri (a container that bind-mounts the directory but no device) has no device either
        Files.createDirectory(dev.resolve("dri"));
        assertThat(GraphicsChoice.decide("Linux", dev, null, Map.of())).isEqualTo(Outcome.SOFTWARE);
    }

    @Test
    void any_graphics_device_keeps_javafx_trying_opengl() throws Exception {
        Files.createDirectories(dev.resolve("dri"));
        Files.createFile(dev.resolve("dri/renderD128"));
        assertThat(GraphicsChoice.decide("Linux", dev, null, Map.of())).isEqualTo(Outcome.GRAPHICS_DEVICE);
    }

    @Test
    void nvidia_and_wsl_devices_count_as_graphics_devices() throws Exception {
        Path nvidia = Files.createDirectory(dev.resolve("nvidia"));
        Files.createFile(nvidia.resolve("nvidia0"));
        assertThat(GraphicsChoice.hasGraphicsDevice(nvidia)).isTrue();
        Path wsl = Files.createDirectory(dev.resolve("wsl"));
        Files.createFile(wsl.resolve("dxg"));
        assertThat(GraphicsChoice.hasGraphicsDevice(wsl)).isTrue();
        assertThat(GraphicsChoice.hasGraphicsDevice(Files.createDirectory(dev.resolve("none")))).isFalse();
    }

    @Test
    void the_users_choice_and_other_systems_are_left_alone() {
        assertThat(GraphicsChoice.decide("Linux", dev, "es2,sw", Map.of())).isEqualTo(Outcome.USER_CHOSE);
        assertThat(GraphicsChoice.decide("Linux", dev, null, Map.of("GDK_GL", "always")))
                .isEqualTo(Outcome.USER_CHOSE);
        assertThat(GraphicsChoice.decide("Windows 11", dev, null, Map.of())).isEqualTo(Outcome.NOT_LINUX);
        assertThat(GraphicsChoice.decide("Mac OS X", dev, null, Map.of())).isEqualTo(Outcome.NOT_LINUX);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void setenv_changes_the_process_environment_that_gtk_reads_and_never_overwrites() {
        String name = "MQSCOPE_TEST_" + UUID.randomUUID().toString().replace('-', '_');
        assertThat(GraphicsChoice.getenv(name)).isNull();

        assertThat(GraphicsChoice.setenv(name, "disable")).isTrue();
        assertThat(GraphicsChoice.getenv(name)).isEqualTo("disable");
        GraphicsChoice.setenv(name, "always");
        assertThat(GraphicsChoice.getenv(name)).isEqualTo("disable");
    }
}
