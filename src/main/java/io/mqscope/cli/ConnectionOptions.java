package io.mqscope.cli;

import io.mqscope.payload.ParseResult;
import io.mqscope.profile.MqttVersion;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Profile.UserProperty;
import io.mqscope.profile.ProfileStore;
import io.mqscope.profile.ProfileUrl;
import io.mqscope.profile.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Connection options shared by {@code pub} and {@code sub}: where to connect, how to identify, TLS. Turned into a
 * {@link Profile} by {@link #toProfile}; the core never sees picocli types.
 */
public final class ConnectionOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--url", paramLabel = "URL")
    String url;

    @Option(names = "--host", paramLabel = "HOST")
    String host;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT")
    Integer port;

    @Option(names = "--transport", paramLabel = "tcp|tls|ws|wss")
    String transport;

    @Option(names = "--path", paramLabel = "PATH")
    String wsPath;

    @Option(names = {"-V", "--mqtt-version"}, paramLabel = "3.1.1|5")
    String mqttVersion;

    @Option(names = {"-i", "--client-id"}, paramLabel = "ID")
    String clientId;

    @Option(names = {"-u", "--username"}, paramLabel = "USER")
    String username;

    // An argument is visible to every local user in the process list: -P alone prompts (not echoed) instead.
    @Option(names = {"-P", "--password"}, paramLabel = "PASSWORD", arity = "0..1", interactive = true,
            prompt = "Password: ")
    String password;

    @Option(names = "--password-env", paramLabel = "VAR")
    String passwordEnv;

    /** Where {@code --password-env} looks; a test replaces it. */
    Function<String, String> environment = System::getenv;

    @Option(names = {"-k", "--keepalive"}, paramLabel = "SECONDS")
    Integer keepAlive;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS")
    Integer connectTimeout;

    @Option(names = "--no-clean-start", negatable = false)
    boolean noCleanStart;

    @Option(names = "--session-expiry", paramLabel = "SECONDS")
    Long sessionExpiry;

    @Option(names = "--cafile", paramLabel = "FILE")
    String caFile;

    @Option(names = "--cert", paramLabel = "FILE")
    String certFile;

    @Option(names = "--key", paramLabel = "FILE")
    String keyFile;

    @Option(names = "--key-password", paramLabel = "PASSWORD")
    String keyPassword;

    @Option(names = "--insecure")
    boolean insecure;

    @Option(names = "--profile", paramLabel = "NAME")
    String profileName;

    @Option(names = {"-D", "--user-property"}, paramLabel = "NAME=VALUE")
    List<String> userProperties = new ArrayList<>();

    @Option(names = "--ack-timeout", paramLabel = "SECONDS")
    double ackTimeout = DEFAULT_ACK_TIMEOUT_SECONDS;

    /** The default of {@code --ack-timeout}: a broker that is up answers within milliseconds. */
    static final double DEFAULT_ACK_TIMEOUT_SECONDS = 10;

    /** Builds the profile, or an error message for bad input. */
    ParseResult<Profile> toProfile(String defaultClientIdPrefix) {
        String bad = checkNumbers();
        if (bad != null) {
            return ParseResult.error(bad, -1, -1, -1);
        }
        Profile base = Profile.builder().name("command line").clientId(defaultClientIdPrefix)
                .randomClientIdSuffix(true).build();
        if (profileName != null) {
            ParseResult<Profile> saved = savedProfile(profileName);
            if (!saved.ok()) {
                return saved;
            }
            base = saved.value();
        }
        if (url != null) {
            ParseResult<Profile> r = ProfileUrl.parse(url, base);
            if (!r.ok()) {
                return ParseResult.error("--url: " + r.error() + (r.position() >= 0 ? " (at column "
                        + r.column() + ")" : ""), r.position(), r.line(), r.column());
            }
            base = r.value();
        }
        Profile.Builder b = base.toBuilder();
        try {
            if (transport != null) {
                Transport t = Transport.valueOf(transport.toUpperCase(Locale.ROOT));
                b.transport(t);
                if (port == null && url == null) {
                    b.port(t.defaultPort());
                }
            }
        } catch (IllegalArgumentException e) {
            return ParseResult.error("--transport must be tcp, tls, ws or wss, not '" + transport + "'", -1, -1, -1);
        }
        if (host != null) {
            b.host(host);
        }
        if (port != null) {
            if (port < 1 || port > 65535) {
                return ParseResult.error("--port must be 1..65535, not " + port, -1, -1, -1);
            }
            b.port(port);
        }
        if (wsPath != null) {
            b.wsPath(wsPath.startsWith("/") ? wsPath : "/" + wsPath);
        }
        if (mqttVersion != null) {
            try {
                b.mqttVersion(MqttVersion.fromLabel(mqttVersion.replace("mqttv", "").replace("311", "3.1.1")
                        .replace("31", "3.1")));
            } catch (IllegalArgumentException e) {
                return ParseResult.error("--mqtt-version: " + e.getMessage(), -1, -1, -1);
            }
        }
        if (clientId != null) {
            b.clientId(clientId).randomClientIdSuffix(false);
        }
        if (username != null) {
            b.username(username);
        }
        if (passwordEnv != null) {
            String fromEnv = environment.apply(passwordEnv);
            if (password != null || fromEnv == null) {
                return ParseResult.error("--password-env: " + (password != null ? "give either -P or --password-env"
                        : "environment variable " + passwordEnv + " is not set"), -1, -1, -1);
            }
            b.password(fromEnv);
        } else if (password != null) {
            b.password(password);
        }
        if (keepAlive != null) {
            b.keepAliveSeconds(keepAlive);
        }
        if (connectTimeout != null) {
            b.connectTimeoutSeconds(connectTimeout);
        }
        if (noCleanStart) {
            b.cleanStart(false);
        }
        if (sessionExpiry != null) {
            b.sessionExpirySeconds(sessionExpiry);
        }
        Profile.TlsSettings t = base.tls();
        if (caFile != null || certFile != null || keyFile != null || keyPassword != null || insecure) {
            b.tls(new Profile.TlsSettings(caFile != null ? caFile : t.caFile(),
                    certFile != null ? certFile : t.clientCertFile(), keyFile != null ? keyFile : t.clientKeyFile(),
                    keyPassword != null ? keyPassword : t.keyPassword(), t.sniHost(), t.alpn(),
                    !insecure && t.verifyHostname(), insecure || t.insecure()));
        }
        return ParseResult.ok(b.build());
    }

    private ParseResult<Profile> savedProfile(String nameOrId) {
        ProfileStore store = new ProfileStore();
        // A lookup never writes (no first-run file, no migration, no cleanup); its warnings go to stderr as the app
        // shows them, before any connection is tried.
        ProfileStore.LoadResult loaded = store.read();
        loaded.warnings().forEach(w -> mixee.commandLine().getErr().println("mqscope " + mixee.name() + ": warning: "
                + w));
        mixee.commandLine().getErr().flush();
        List<Profile> all = loaded.profiles();
        for (Profile p : all) {
            if (nameOrId.equals(p.name()) || nameOrId.equals(p.id())) {
                return ParseResult.ok(p);
            }
        }
        for (Profile p : all) {
            if (nameOrId.equalsIgnoreCase(p.name())) {
                return ParseResult.ok(p);
            }
        }
        StringBuilder names = new StringBuilder();
        for (Profile p : all) {
            names.append(names.length() == 0 ? "" : ", ").append('\'').append(p.name()).append('\'');
        }
        return ParseResult.error("--profile: no saved profile named '" + nameOrId + "' in " + store.file()
                + (all.isEmpty() ? " (none saved)" : "; saved: " + names), -1, -1, -1);
    }

    /**
     * The numeric options' ranges, named, before HiveMQ's builder would refuse them with its own "config" text; null
     * when all are in range. Keep alive is a two-byte integer (3.1.1 §3.1.2.10, 5.0 §3.1.2.10).
     */
    private String checkNumbers() {
        if (!(ackTimeout > 0) || Double.isInfinite(ackTimeout)) {
            return "--ack-timeout must be more than 0 s, not " + CliSupport.seconds(ackTimeout);
        }
        if (connectTimeout != null && (connectTimeout < 1 || connectTimeout > 600)) {
            return "--connect-timeout must be 1..600 s, not " + connectTimeout;
        }
        if (keepAlive != null && (keepAlive < 0 || keepAlive > 65535)) {
            return "--keepalive must be 0..65535 s (0 turns it off), not " + keepAlive;
        }
        if (sessionExpiry != null && (sessionExpiry < 0 || sessionExpiry > 0xFFFFFFFFL)) {
            return "--session-expiry must be 0..4294967295 s, not " + sessionExpiry;
        }
        String[][] files = {{"--cafile", caFile}, {"--cert", certFile}, {"--key", keyFile}};
        for (String[] f : files) {
            String why = f[1] == null ? null : CliSupport.unreadable(f[1]);
            if (why != null) {
                return f[0] + " " + f[1] + ": cannot read it: " + why;
            }
        }
        return null;
    }

    /** Parses {@code -D name=value} options. */
    ParseResult<List<UserProperty>> parsedUserProperties() {
        List<UserProperty> out = new ArrayList<>();
        for (String s : userProperties) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                return ParseResult.error("--user-property '" + s + "': expected NAME=VALUE", -1, -1, -1);
            }
            out.add(new UserProperty(s.substring(0, eq), s.substring(eq + 1)));
        }
        return ParseResult.ok(out);
    }
}
