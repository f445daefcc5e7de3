package io.mqscope.testing;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * An embedded HiveMQ CE whose embedded extension refuses what a platform's topic permissions refuse, so that tests
 * get real refusals over a real socket (mosquitto 2.0.11 grants subscriptions its ACL denies):
 * <ul>
 *   <li>SUBSCRIBE to a filter under {@code denied/}: refused, SUBACK 0x87 Not authorized in 5.0, 0x80 in 3.1.1;</li>
 *   <li>SUBSCRIBE at QoS 2 to a filter under {@code capped/}: granted at QoS 1 (a subscribe inbound interceptor
 *   lowers it, as a platform with a QoS ceiling does);</li>
 *   <li>PUBLISH to {@code denied/...}: refused, PUBACK/PUBREC 0x87 in 5.0 (HiveMQ closes a 3.1.1 connection);
 *   to {@code quota/...}: 0x97 Quota exceeded; to {@code format/...}: 0x99 Payload format invalid.</li>
 * </ul>
 * Everything else is allowed. One tcp listener on a free loopback port; close it after the test.
 */
public final class AuthorizingHiveMq implements AutoCloseable {
    public final int port;
    private final EmbeddedHiveMQ hivemq;
    private final Path dir;

    private AuthorizingHiveMq(int port, EmbeddedHiveMQ hivemq, Path dir) {
        this.port = port;
        this.hivemq = hivemq;
        this.dir = dir;
    }

    public static AuthorizingHiveMq start() throws Exception {
        Path dir = Files.createTempDirectory("mqscope-authorizing-hivemq");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf").resolve("config.xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<hivemq>\n  <listeners>\n    <tcp-listener>\n      <port>" + port + "</port>\n"
                + "      <bind-address>127.0.0.1</bind-address>\n    </tcp-listener>\n  </listeners>\n"
                + "  <anonymous-usage-statistics>\n    <enabled>false</enabled>\n  </anonymous-usage-statistics>\n"
                + "  <persistence>\n    <mode>in-memory</mode>\n  </persistence>\n</hivemq>\n",
                StandardCharsets.UTF_8);
        EmbeddedExtension extension = EmbeddedExtension.builder().withId("mqscope-refusals")
                .withName("MQScope test refusals").withVersion("1").withPriority(1000).withStartPriority(1000)
                .withAuthor("mqscope").withExtensionMain(new Main()).build();
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder().withConfigurationFolder(dir.resolve("conf"))
                .withDataFolder(dir.resolve("data")).withExtensionsFolder(dir.resolve("extensions"))
                .withEmbeddedExtension(extension).withoutLoggingBootstrap().build();
        hivemq.start().get(60, TimeUnit.SECONDS);
        return new AuthorizingHiveMq(port, hivemq, dir);
    }

    @Override
    public void close() throws Exception {
        try {
            hivemq.stop().get(30, TimeUnit.SECONDS);
            hivemq.close();
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The extension: one authorizer for subscriptions and publishes, and the QoS ceiling under capped/. */
    private static final class Main implements ExtensionMain {
        @Override
        public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
            Services.securityRegistry().setAuthorizerProvider(input -> new Refusals());
            Services.initializerRegistry().setClientInitializer((input, context) ->
                    context.addSubscribeInboundInterceptor((subscribeIn, subscribeOut) ->
                            subscribeOut.getSubscribePacket().getSubscriptions().forEach(s -> {
                                if (s.getTopicFilter().startsWith("capped/") && s.getQos() == Qos.EXACTLY_ONCE) {
                                    s.setQos(Qos.AT_LEAST_ONCE);
                                }
                            })));
        }

        @Override
        public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {
        }
    }

    private static final class Refusals implements SubscriptionAuthorizer, PublishAuthorizer {
        @Override
        public void authorizeSubscribe(SubscriptionAuthorizerInput in, SubscriptionAuthorizerOutput out) {
            if (in.getSubscription().getTopicFilter().startsWith("denied/")) {
                out.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, "not in this device's topic list");
            } else {
                out.authorizeSuccessfully();
            }
        }

        @Override
        public void authorizePublish(PublishAuthorizerInput in, PublishAuthorizerOutput out) {
            String topic = in.getPublishPacket().getTopic();
            if (topic.startsWith("denied/")) {
                out.failAuthorization(AckReasonCode.NOT_AUTHORIZED, "not in this device's topic list");
            } else if (topic.startsWith("quota/")) {
                out.failAuthorization(AckReasonCode.QUOTA_EXCEEDED, "daily quota used up");
            } else if (topic.startsWith("format/")) {
                out.failAuthorization(AckReasonCode.PAYLOAD_FORMAT_INVALID, "not the product's format");
            } else {
                out.authorizeSuccessfully();
            }
        }
    }
}
