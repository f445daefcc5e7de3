package io.mqscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Issue 13 item 8: the password can come from the environment or a prompt, so it need not be in the process list. */
class PasswordSourceTest {
    private static PubCommand parse(String... args) {
        PubCommand cmd = new PubCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd;
    }

    @Test
    void fromAnEnvironmentVariable() {
        PubCommand cmd = parse("--password-env", "BROKER_PW", "-t", "a", "-m", "x");
        cmd.connection.environment = Map.of("BROKER_PW", "s3cret")::get;
        assertThat(cmd.connection.toProfile("p").value().password()).isEqualTo("s3cret");

        PubCommand unset = parse("--password-env", "NOT_SET", "-t", "a", "-n");
        unset.connection.environment = Map.<String, String>of()::get;
        assertThat(unset.connection.toProfile("p").error()).contains("--password-env").contains("NOT_SET");
        PubCommand both = parse("--password-env", "BROKER_PW", "-P", "x", "-t", "a", "-n");
        both.connection.environment = Map.of("BROKER_PW", "s3cret")::get;
        assertThat(both.connection.toProfile("p").ok()).isFalse();
    }

    @Test
    void fromAPromptWhenDashPHasNoValue() {
        InputStream in = System.in;
        PrintStream out = System.out;
        try {
            System.setIn(new ByteArrayInputStream("typed pw\n".getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(new java.io.ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            PubCommand cmd = parse("-P", "-t", "a", "-m", "x");
            assertThat(cmd.connection.toProfile("p").value().password()).isEqualTo("typed pw");
        } finally {
            System.setIn(in);
            System.setOut(out);
        }
        PubCommand given = parse("-P", "given", "-t", "a", "-n");
        assertThat(given.connection.toProfile("p").value().password()).isEqualTo("given");
    }
}
