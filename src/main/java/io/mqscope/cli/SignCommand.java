package io.mqscope.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqscope.auth.AliyunMqttSigner;
import io.mqscope.auth.SignedCredentials;
import io.mqscope.auth.Signer;
import io.mqscope.auth.SigningException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mqscope sign <vendor> ...}: compute a vendor's MQTT clientId, username and password. */
@Command(name = "sign",
        subcommands = {SignCommand.AliyunIot.class, SignCommand.AliyunMqtt.class, SignCommand.Tencent.class,
                SignCommand.Huawei.class, SignCommand.OneNet.class})
public final class SignCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true)
    boolean help;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "choose a vendor: " + String.join(", ", Signer.VENDORS));
    }

    /**
     * One vendor. Every option except --json becomes a signing parameter named after the option in camelCase
     * (--product-key -> productKey), so the CLI and a profile's signing section go through the same code.
     */
    abstract static class VendorCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json")
        boolean json;

        // Only help: a standard --version would clash with OneNET's token version option.
        @Option(names = {"-h", "--help"}, usageHelp = true)
        boolean help;

        abstract String vendor();

        @Override
        public Integer call() {
            Map<String, String> params = new LinkedHashMap<>();
            for (OptionSpec o : spec.options()) {
                if (o.type() == String.class && o.getValue() != null) {
                    params.put(camel(o.longestName()), o.getValue());
                }
            }
            SignedCredentials c;
            try {
                c = Signer.sign(vendor(), params, Instant.now());
            } catch (SigningException e) {
                String option = "--" + kebab(e.param());
                throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String p2p = params.containsKey("parentTopic")
                    ? AliyunMqttSigner.p2pTopic(params.get("parentTopic"), c.clientId()) : null;
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                putIf(m, "clientId", c.clientId());
                putIf(m, "username", c.username());
                putIf(m, "password", c.password());
                putIf(m, "host", c.host());
                putIf(m, "port", c.port());
                putIf(m, "signedString", c.signedString());
                putIf(m, "p2pTopic", p2p);
                try {
                    out.println(new ObjectMapper().writeValueAsString(m));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            } else {
                line(out, "clientId", c.clientId());
                line(out, "username", c.username());
                line(out, "password", c.password());
                line(out, "host", c.host());
                line(out, "port", c.port());
                line(out, "transport", c.transport());
                line(out, "ws path", c.wsPath());
                line(out, "signed", c.signedString() == null ? null
                        : c.signedString().replace("\n", "\\n"));
                line(out, "p2p topic", p2p);
            }
            out.flush();
            for (String w : c.warnings()) {
                err.println("warning: " + w);
            }
            err.flush();
            return 0;
        }

        private static void putIf(Map<String, Object> m, String k, Object v) {
            if (v != null) {
                m.put(k, v);
            }
        }

        private static void line(PrintWriter out, String label, Object v) {
            if (v != null) {
                out.printf("%-10s %s%n", label, v);
            }
        }
    }

    static String camel(String option) {
        String s = option.replaceFirst("^-+", "");
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char ch : s.toCharArray()) {
            if (ch == '-') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return b.toString();
    }

    static String kebab(String param) {
        StringBuilder b = new StringBuilder();
        for (char ch : param.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                b.append('-').append(Character.toLowerCase(ch));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    @Command(name = "aliyun-iot")
    static final class AliyunIot extends VendorCommand {
        @Option(names = "--product-key", required = true) String productKey;
        @Option(names = "--device-name", required = true) String deviceName;
        @Option(names = "--device-secret", required = true) String deviceSecret;
        @Option(names = "--client-id") String clientId;
        @Option(names = "--timestamp")
        String timestamp;
        @Option(names = "--sign-method") String signMethod;
        @Option(names = "--secure-mode") String secureMode;
        @Option(names = "--transport") String transport;
        @Option(names = "--region") String region;
        @Option(names = "--instance-endpoint") String instanceEndpoint;
        @Option(names = "--port") String port;
        @Option(names = "--keep-alive") String keepAlive;

        @Override
        String vendor() {
            return "aliyun-iot";
        }
    }

    @Command(name = "aliyun-mqtt")
    static final class AliyunMqtt extends VendorCommand {
        @Option(names = "--access-key", required = true) String accessKey;
        @Option(names = "--secret-key")
        String secretKey;
        @Option(names = "--instance-id", required = true) String instanceId;
        @Option(names = "--group-id", required = true) String groupId;
        @Option(names = "--device-id", required = true) String deviceId;
        @Option(names = "--mode") String mode;
        @Option(names = "--read-token") String readToken;
        @Option(names = "--write-token") String writeToken;
        @Option(names = "--read-write-token") String readWriteToken;
        @Option(names = "--transport") String transport;
        @Option(names = "--endpoint") String endpoint;
        @Option(names = "--port") String port;
        @Option(names = "--parent-topic")
        String parentTopic;

        @Override
        String vendor() {
            return "aliyun-mqtt";
        }
    }

    @Command(name = "tencent")
    static final class Tencent extends VendorCommand {
        @Option(names = "--product-id", required = true) String productId;
        @Option(names = "--device-name", required = true) String deviceName;
        @Option(names = "--device-psk", required = true) String devicePsk;
        @Option(names = "--conn-id") String connId;
        @Option(names = "--expiry") String expiry;
        @Option(names = "--lifetime") String lifetime;
        @Option(names = "--sign-method") String signMethod;
        @Option(names = "--sdk-app-id") String sdkAppId;
        @Option(names = "--transport") String transport;
        @Option(names = "--host") String host;
        @Option(names = "--port") String port;

        @Override
        String vendor() {
            return "tencent";
        }
    }

    @Command(name = "huawei")
    static final class Huawei extends VendorCommand {
        @Option(names = "--device-id", required = true) String deviceId;
        @Option(names = "--secret", required = true) String secret;
        @Option(names = "--timestamp") String timestamp;
        @Option(names = "--sign-type") String signType;
        @Option(names = "--transport") String transport;
        @Option(names = "--host") String host;
        @Option(names = "--port") String port;

        @Override
        String vendor() {
            return "huawei";
        }
    }

    @Command(name = "onenet")
    static final class OneNet extends VendorCommand {
        @Option(names = "--product-id", required = true) String productId;
        @Option(names = "--device-name", required = true) String deviceName;
        @Option(names = "--access-key", required = true) String accessKey;
        @Option(names = "--et") String et;
        @Option(names = "--lifetime") String lifetime;
        @Option(names = "--method") String method;
        @Option(names = "--version") String version;
        @Option(names = "--res") String res;
        @Option(names = "--transport") String transport;
        @Option(names = "--host") String host;
        @Option(names = "--port") String port;

        @Override
        String vendor() {
            return "onenet";
        }
    }
}
