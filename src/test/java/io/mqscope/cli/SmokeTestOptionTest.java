package io.mqscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.ui.ChineseUiTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code mqscope --smoke-test=<other>} is a usage error (exit 2, naming the option and its accepted values), never
 * the plain smoke test: CI asking for the broker's smoke test must not pass without it.
 */
class SmokeTestOptionTest {

    @AfterEach
    void forget() {
        Language.choose(null);
    }

    @Test
    void only_the_two_smoke_tests_are_accepted() {
        assertThat(Main.smokeTestMistake(new String[] {})).isNull();
        assertThat(Main.smokeTestMistake(new String[] {"--smoke-test"})).isNull();
        assertThat(Main.smokeTestMistake(new String[] {"--smoke-test=broker"})).isNull();
        for (String[] wrong : List.of(new String[] {"--smoke-test=brokr"}, new String[] {"--smoke-test="},
                new String[] {"--smoke-testx"}, new String[] {"--smoke-test", "broker"},
                new String[] {"--smoke-test=broker", "--smoke-test"})) {
            assertThat(Main.smokeTestMistake(wrong)).as(String.join(" ", wrong))
                    .isEqualTo("mqscope: unknown smoke test \"" + String.join(" ", wrong) + "\": use --smoke-test "
                            + "(open the window, report its first frame) or --smoke-test=broker (then also connect "
                            + "the built-in broker)");
        }
    }

    @Test
    void the_mistake_is_said_in_chinese_too() {
        Language.choose("zh-CN");
        String said = Main.smokeTestMistake(new String[] {"--smoke-test=brokr"});
        assertThat(said).startsWith("mqscope: 没有 \"--smoke-test=brokr\" 这种冒烟测试")
                .contains("--smoke-test=broker");
        assertThat(ChineseUiTest.foreignWords(said.substring("mqscope: ".length()))).isEmpty();
    }

    @Test
    void the_program_exits_2_before_any_window_opens() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.mqscope.cli.Main", "--smoke-test=brokr"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
        // no display: had the window been tried, JavaFX would fail differently (and not with exit 2)
        pb.environment().remove("DISPLAY");
        pb.environment().put("LANG", "C");
        pb.environment().remove("LC_ALL");
        pb.environment().remove("LC_MESSAGES");
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(err).isEqualTo(2);
        assertThat(err).startsWith("mqscope: unknown smoke test \"--smoke-test=brokr\"");
        assertThat(out).doesNotContain("first frame");
    }
}
