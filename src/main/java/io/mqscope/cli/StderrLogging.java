package io.mqscope.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;

/**
 * MQScope's logging, set up in code: warnings and errors only, on standard error, so that command output (such as
 * {@code sub --json}) stays clean; the same settings as src/main/resources/logback.xml. In code because logging's
 * first use (Netty's, in the session relay) spent about 120 ms of {@code mqscope sub}'s 810 ms to its first message
 * on a loaded 2-core machine, much of it reading that file with logback's XML configurator (some 280 classes
 * fewer are loaded without it; issue 17). Found by logback through META-INF/services; with
 * {@code -Dlogback.configurationFile} set, the file named there is read instead.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class StderrLogging extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        // logback would otherwise print its own status on stdout: HiveMQ's jar carries a second logback.xml
        context.getStatusManager().add(new NopStatusListener());
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n%ex");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        context.getLogger("jetbrains.exodus").setLevel(Level.ERROR);
        context.getLogger("org.eclipse.jetty").setLevel(Level.ERROR);
        context.getLogger("oshi").setLevel(Level.ERROR);
        context.getLogger("com.google.common.util.concurrent.Futures.CombinedFuture").setLevel(Level.OFF);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
