package io.mqscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * Entry point. With no arguments (or only JavaFX/desktop options) it opens the desktop window; with a subcommand it
 * runs headless and never initialises JavaFX.
 */
@Command(name = "mqscope", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        subcommands = {DecodeCommand.class, SignCommand.class, PubCommand.class, SubCommand.class,
                BrokerCommand.class, TapCommand.class, CheckCommand.class, SnippetCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        if (args.length == 0 || args[0].startsWith("--smoke-test")) {
            String mistake = smokeTestMistake(args);
            if (mistake != null) {
                // a typo must not pass for a green smoke test (CI would never notice the broker was not tried)
                System.err.println(mistake);
                System.exit(CliSupport.BAD_INPUT);
                return;
            }
            // CI and packaging/measure.sh read this line
            io.mqscope.ui.DesktopApp.launchDesktop(args, new io.mqscope.ui.SmokeReport() {
                @Override
                public void firstFrame(long millis) {
                    System.out.printf("first frame after %d ms%n", millis);
                }

                @Override
                public void builtInBroker(long millis, boolean connected) {
                    System.out.printf("built-in broker %s after %d ms%n", connected ? "connected" : "NOT connected",
                            millis);
                }
            });
            return;
        }
        System.exit(commandLine().execute(args));
    }

    /**
     * What is wrong with a window command line, in the CLI's language, or null: the window takes no arguments but
     * {@code --smoke-test} or {@code --smoke-test=broker}, alone.
     */
    static String smokeTestMistake(String[] args) {
        String given = String.join(" ", args);
        if (args.length == 0 || given.equals("--smoke-test") || given.equals("--smoke-test=broker")) {
            return null;
        }
        return "mqscope: " + new java.text.MessageFormat(helpBundle(Language.locale()).getString("smokeTest.unknown"),
                Language.locale()).format(new Object[] {given});
    }

    /**
     * {@code --lang en|zh-CN} on every command (inherited by the subcommands): the language of findings, diagnoses
     * and messages, overriding {@code LC_ALL}/{@code LANG}.
     */
    @Option(names = "--lang", scope = ScopeType.INHERIT, paramLabel = "en|zh-CN")
    void setLanguage(String tag) {
        try {
            Language.choose(tag);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        // --help after --lang (or before it: usage is printed after parsing) speaks the chosen language
        spec.root().commandLine().setResourceBundle(helpBundle(Language.locale()));
    }

    /**
     * The usage help's texts in {@code locale}: Help_zh_CN for Chinese, the base bundle (English) otherwise; no
     * fallback to the JVM's default locale, which may be Chinese.
     */
    static java.util.ResourceBundle helpBundle(java.util.Locale locale) {
        return java.util.ResourceBundle.getBundle("io.mqscope.cli.Help", locale,
                java.util.ResourceBundle.Control.getNoFallbackControl(
                        java.util.ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    @Spec
    private CommandSpec spec;

    /** The configured command line, shared by {@link #main} and tests that run commands in-process. */
    public static CommandLine commandLine() {
        // a language chosen by a previous in-process run does not carry over
        Language.choose(null);
        CommandLine cl = new CommandLine(new Main());
        cl.setResourceBundle(helpBundle(Language.locale()));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // Usage errors exit 2 as documented; runtime failures are reported by each command with its own code.
        cl.setExitCodeExceptionMapper(e -> 2);
        return cl;
    }

    @Override
    public void run() {
        io.mqscope.ui.DesktopApp.launchDesktop(new String[0], ms -> { });
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"MQScope " + (v == null ? "dev" : v)};
        }
    }
}
