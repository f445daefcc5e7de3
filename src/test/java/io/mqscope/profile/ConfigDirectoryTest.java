package io.mqscope.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 14 item 19: on Linux (and macOS) ~ is $HOME, and $XDG_CONFIG_HOME wins over it. */
class ConfigDirectoryTest {
    @Test
    void home_from_the_environment_wins_over_the_account() {
        assertThat(ProfileStore.platformDirectory("Linux", Map.of("HOME", "/tmp/sandbox"), "/home/account"))
                .isEqualTo(Path.of("/tmp/sandbox/.config/mqscope"));
        assertThat(ProfileStore.platformDirectory("Mac OS X", Map.of("HOME", "/tmp/sandbox"), "/Users/account"))
                .isEqualTo(Path.of("/tmp/sandbox/Library/Application Support/MQScope"));
    }

    @Test
    void xdg_config_home_wins_over_home_and_bad_values_are_ignored() {
        assertThat(ProfileStore.platformDirectory("Linux",
                Map.of("HOME", "/tmp/sandbox", "XDG_CONFIG_HOME", "/tmp/cfg"), "/home/account"))
                .isEqualTo(Path.of("/tmp/cfg/mqscope"));
        assertThat(ProfileStore.platformDirectory("Linux", Map.of("HOME", "relative"), "/home/account"))
                .isEqualTo(Path.of("/home/account/.config/mqscope"));
        assertThat(ProfileStore.platformDirectory("Linux", Map.of("HOME", ""), "/home/account"))
                .isEqualTo(Path.of("/home/account/.config/mqscope"));
    }

    /** The real process: a child JVM with HOME pointing elsewhere resolves its config there. */
    @Test
    void a_process_started_with_another_home_uses_it() throws Exception {
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "mqscope-home-test").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ConfigDirectoryTest.class.getName());
        pb.environment().put("HOME", home.toString());
        pb.environment().remove("XDG_CONFIG_HOME");
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor()).isZero();
        assertThat(out).isEqualTo(home.resolve(".config/mqscope").toString());
    }

    public static void main(String[] args) {
        System.out.println(ProfileStore.defaultDirectory());
    }
}
