package io.mqscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Logging set up in code says what src/main/resources/logback.xml says, and logback finds it. */
class StderrLoggingTest {

    @Test
    void warnings_and_errors_only_on_stderr_with_the_quiet_loggers_of_logback_xml() {
        LoggerContext context = new LoggerContext();
        StderrLogging logging = new StderrLogging();
        logging.setContext(context);

        assertThat(logging.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        ConsoleAppender<?> stderr = (ConsoleAppender<?>) root.getAppender("STDERR");
        assertThat(stderr.getTarget()).isEqualTo("System.err");
        assertThat(stderr.isStarted()).isTrue();
        assertThat(context.getLogger("jetbrains.exodus").getLevel()).isEqualTo(Level.ERROR);
        assertThat(context.getLogger("org.eclipse.jetty").getLevel()).isEqualTo(Level.ERROR);
        assertThat(context.getLogger("oshi").getLevel()).isEqualTo(Level.ERROR);
        assertThat(context.getLogger("com.google.common.util.concurrent.Futures.CombinedFuture").getLevel())
                .isEqualTo(Level.OFF);
        assertThat(context.getLogger("io.netty").isInfoEnabled()).isFalse();
        assertThat(context.getLogger("io.netty").isWarnEnabled()).isTrue();
        context.stop();
    }

    @Test
    void the_same_settings_as_the_xml_file_which_stays_for_logback_configuration_file() throws Exception {
        String xml;
        try (InputStream in = getClass().getResourceAsStream("/logback.xml")) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(xml).contains("<target>System.err</target>", "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n%ex",
                "<root level=\"WARN\">", "name=\"jetbrains.exodus\" level=\"ERROR\"",
                "name=\"org.eclipse.jetty\" level=\"ERROR\"", "name=\"oshi\" level=\"ERROR\"",
                "name=\"com.google.common.util.concurrent.Futures.CombinedFuture\" level=\"OFF\"");
        try (InputStream in = getClass().getResourceAsStream(
                "/META-INF/services/ch.qos.logback.classic.spi.Configurator")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip())
                    .isEqualTo(StderrLogging.class.getName());
        }
    }

    @Test
    void a_configuration_file_the_user_names_is_left_to_logback() {
        String before = System.getProperty("logback.configurationFile");
        System.setProperty("logback.configurationFile", "mine.xml");
        try {
            LoggerContext context = new LoggerContext();
            StderrLogging logging = new StderrLogging();
            logging.setContext(context);
            assertThat(logging.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNull();
        } finally {
            if (before == null) {
                System.clearProperty("logback.configurationFile");
            } else {
                System.setProperty("logback.configurationFile", before);
            }
        }
    }
}
