package io.mqscope.cli;

import io.mqscope.check.BrokerCheck;
import io.mqscope.check.CheckJson;
import io.mqscope.check.CheckOptions;
import io.mqscope.check.CheckReport;
import io.mqscope.check.RuleResult;
import io.mqscope.check.StageResult;
import io.mqscope.check.Words;
import io.mqscope.payload.ParseResult;
import io.mqscope.profile.Profile;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mqscope check URL}: proves a broker stage by stage and names the first failure with its cause and fix. */
@Command(name = "check")
public final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    // not mixinStandardHelpOptions: its -V (version) would clash with -V (MQTT version)
    @Option(names = {"-h", "--help"}, usageHelp = true)
    boolean help;

    @Parameters(index = "0", arity = "0..1", paramLabel = "URL")
    String url;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--json")
    boolean json;

    @Option(names = "--miniprogram")
    boolean miniprogram;

    @Option(names = "--proxy", paramLabel = "URL")
    String proxy;

    @Option(names = "--timeout", paramLabel = "SECONDS")
    double timeoutSeconds = 10;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        if (url != null && connection.url != null) {
            return CliSupport.badInput(err, "check", "give the URL either as the argument or with --url");
        }
        if (url == null && connection.url == null && connection.profileName == null) {
            return CliSupport.badInput(err, "check", "give a broker URL (or --profile NAME)");
        }
        if (!(timeoutSeconds > 0) || timeoutSeconds > 600) {
            return CliSupport.badInput(err, "check", "--timeout must be more than 0 and at most 600 s");
        }
        if (url != null) {
            connection.url = url;
        }
        ParseResult<Profile> pr = connection.toProfile("mqscope-check");
        if (!pr.ok()) {
            return CliSupport.badInput(err, "check", pr.error());
        }
        Profile p = pr.value();
        if (proxy != null) {
            try {
                p = p.toBuilder().proxy(proxySettings(proxy)).build();
            } catch (IllegalArgumentException e) {
                return CliSupport.badInput(err, "check", e.getMessage());
            }
        }
        String scheme = switch (p.transport()) {
            case TCP -> "mqtt";
            case TLS -> "mqtts";
            case WS -> "ws";
            case WSS -> "wss";
        };
        String shown = connection.url != null ? connection.url : scheme + "://" + p.host() + ":" + p.port()
                + (p.transport().webSocket() ? p.wsPath() : "");
        CheckReport report = BrokerCheck.run(p, masked(shown), CheckOptions.of(Duration.ofMillis(
                (long) (timeoutSeconds * 1000)), Language.locale()).withMiniprogram(miniprogram));
        for (String w : report.warnings()) {
            err.println(w);
        }
        err.flush();
        if (json) {
            out.println(CheckJson.write(report));
        } else {
            printText(out, report, Language.locale());
        }
        out.flush();
        return report.ok() ? 0 : 1;
    }

    /** {@code http://[user[:password]@]host:port} or {@code socks5://...} as proxy settings. */
    static Profile.ProxySettings proxySettings(String url) {
        java.net.URI u;
        try {
            u = new java.net.URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("--proxy: " + e.getMessage(), e);
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("socks5") || u.getHost() == null || u.getPort() < 0) {
            throw new IllegalArgumentException("--proxy must be http://host:port or socks5://host:port (with an optional "
                    + "user:password@)");
        }
        String user = null;
        String password = null;
        if (u.getUserInfo() != null) {
            int colon = u.getUserInfo().indexOf(':');
            user = colon < 0 ? u.getUserInfo() : u.getUserInfo().substring(0, colon);
            password = colon < 0 ? null : u.getUserInfo().substring(colon + 1);
        }
        return new Profile.ProxySettings(scheme, u.getHost(), u.getPort(), user, password);
    }

    /** The URL as shown in the report: a password in it is replaced by ***. */
    static String masked(String url) {
        return url.replaceFirst("^([a-zA-Z]+://[^/@:]*):[^/@]*@", "$1:***@");
    }

    /** One line per stage (status, time, detail, facts), then the verdict. */
    private static void printText(PrintWriter out, CheckReport r, Locale locale) {
        out.println(Words.label(locale, "title", r.url()));
        for (StageResult s : r.stages()) {
            StringBuilder facts = new StringBuilder();
            for (Map.Entry<String, Object> f : s.facts().entrySet()) {
                facts.append(facts.length() == 0 ? "  [" : "; ").append(f.getKey()).append('=').append(f.getValue());
            }
            out.printf("  %-9s %-4s %5d ms  %s%s%n", s.stage(), s.status().label(), s.ms(), s.detail(),
                    facts.length() == 0 ? "" : facts.append(']'));
        }
        if (!r.miniprogram().isEmpty()) {
            out.println(Words.label(locale, "miniprogram"));
            for (RuleResult rule : r.miniprogram()) {
                out.printf("  %-12s %-4s %s%n", rule.rule(), rule.status().label(), rule.detail());
            }
        }
        if (r.verdict() == null) {
            out.println(Words.label(locale, "ok"));
        } else {
            out.println(Words.label(locale, "failed", r.verdict().stage()));
            out.println("  " + Words.label(locale, "cause", r.verdict().cause()));
            out.println("  " + Words.label(locale, "fix", r.verdict().fix()));
        }
    }
}
