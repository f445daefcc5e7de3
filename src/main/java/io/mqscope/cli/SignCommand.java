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
        description = "Compute the clientId/username/password a cloud IoT platform expects.",
        subcommands = {SignCommand.AliyunIot.class, SignCommand.AliyunMqtt.class, SignCommand.Tencent.class,
                SignCommand.Huawei.class, SignCommand.OneNet.class})
public final class SignCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
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

        @Option(names = "--json", description = "Print {clientId, username, password, host, port, signedString}.")
        boolean json;

        // Only help: a standard --version would clash with OneNET's token version option.
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
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

    @Command(name = "aliyun-iot",
            description = "Alibaba Cloud IoT Platform device triplet (productKey, deviceName, deviceSecret).")
    static final class AliyunIot extends VendorCommand {
        @Option(names = "--product-key", required = true) String productKey;
        @Option(names = "--device-name", required = true) String deviceName;
        @Option(names = "--device-secret", required = true) String deviceSecret;
        @Option(names = "--client-id", description = "Default: productKey.deviceName") String clientId;
        @Option(names = "--timestamp", description = "Milliseconds, or 'now'; omitted from clientId if absent")
        String timestamp;
        @Option(names = "--sign-method", description = "hmacsha1, hmacsha256 (default), hmacmd5") String signMethod;
        @Option(names = "--secure-mode", description = "2 = TLS, 3 = TCP") String secureMode;
        @Option(names = "--transport", description = "tcp, tls, wss") String transport;
        @Option(names = "--region", description = "Default cn-shanghai") String region;
        @Option(names = "--instance-endpoint", description = "Host of an instance endpoint") String instanceEndpoint;
        @Option(names = "--port") String port;
        @Option(names = "--keep-alive", description = "Seconds; warns outside 30..1200") String keepAlive;

        @Override
        String vendor() {
            return "aliyun-iot";
        }
    }

    @Command(name = "aliyun-mqtt",
            description = "Alibaba Cloud Message Queue for MQTT (Signature or Token mode).")
    static final class AliyunMqtt extends VendorCommand {
        @Option(names = "--access-key", required = true,
                description = "AccessKey ID (DeviceAccessKeyId in devicecredential mode)") String accessKey;
        @Option(names = "--secret-key", description = "AccessKey secret (signature/devicecredential mode)")
        String secretKey;
        @Option(names = "--instance-id", required = true) String instanceId;
        @Option(names = "--group-id", required = true) String groupId;
        @Option(names = "--device-id", required = true) String deviceId;
        @Option(names = "--mode", description = "signature (default), token or devicecredential") String mode;
        @Option(names = "--read-token") String readToken;
        @Option(names = "--write-token") String writeToken;
        @Option(names = "--read-write-token") String readWriteToken;
        @Option(names = "--transport", description = "tcp, tls, ws, wss") String transport;
        @Option(names = "--endpoint", description = "Default instanceId.mqtt.aliyuncs.com") String endpoint;
        @Option(names = "--port") String port;
        @Option(names = "--parent-topic", description = "Also print the P2P topic parentTopic/p2p/clientId")
        String parentTopic;

        @Override
        String vendor() {
            return "aliyun-mqtt";
        }
    }

    @Command(name = "tencent",
            description = "Tencent Cloud IoT Hub / IoT Explorer key authentication.")
    static final class Tencent extends VendorCommand {
        @Option(names = "--product-id", required = true) String productId;
        @Option(names = "--device-name", required = true) String deviceName;
        @Option(names = "--device-psk", required = true, description = "Device key, Base64") String devicePsk;
        @Option(names = "--conn-id", description = "Random 5-character connection id") String connId;
        @Option(names = "--expiry", description = "Unix seconds") String expiry;
        @Option(names = "--lifetime", description = "Seconds from now when --expiry is absent (3600)") String lifetime;
        @Option(names = "--sign-method", description = "hmacsha256 (default) or hmacsha1") String signMethod;
        @Option(names = "--sdk-app-id", description = "Default 12010126") String sdkAppId;
        @Option(names = "--transport", description = "tcp or tls") String transport;
        @Option(names = "--host") String host;
        @Option(names = "--port") String port;

        @Override
        String vendor() {
            return "tencent";
        }
    }

    @Command(name = "huawei",
            description = "Huawei Cloud IoTDA secret authentication.")
    static final class Huawei extends VendorCommand {
        @Option(names = "--device-id", required = true) String deviceId;
        @Option(names = "--secret", required = true) String secret;
        @Option(names = "--timestamp", description = "UTC hour yyyyMMddHH; default now") String timestamp;
        @Option(names = "--sign-type", description = "0 (default): no clock check, 1: checked") String signType;
        @Option(names = "--transport", description = "tls (default) or tcp") String transport;
        @Option(names = "--host", description = "Access address of your instance") String host;
        @Option(names = "--port") String port;

        @Override
        String vendor() {
            return "huawei";
        }
    }

    @Command(name = "onenet", description = "China Mobile OneNET token.")
    static final class OneNet extends VendorCommand {
        @Option(names = "--product-id", required = true) String productId;
        @Option(names = "--device-name", required = true) String deviceName;
        @Option(names = "--access-key", required = true, description = "Device key, Base64") String accessKey;
        @Option(names = "--et", description = "Expiry, Unix seconds") String et;
        @Option(names = "--lifetime", description = "Seconds from now when --et is absent (3600)") String lifetime;
        @Option(names = "--method", description = "sha256 (default), sha1, md5") String method;
        @Option(names = "--version", description = "Token version, default 2018-10-31") String version;
        @Option(names = "--res", description = "Default products/{productId}/devices/{deviceName}") String res;
        @Option(names = "--transport", description = "tcp or tls") String transport;
        @Option(names = "--host", description = "Default mqtts.heclouds.com") String host;
        @Option(names = "--port") String port;

        @Override
        String vendor() {
            return "onenet";
        }
    }
}
