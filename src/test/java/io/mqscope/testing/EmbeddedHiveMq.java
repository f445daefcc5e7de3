package io.mqscope.testing;

import io.mqscope.broker.BrokerSettings;
import io.mqscope.broker.LocalBroker;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One HiveMQ CE broker, started in-process on free loopback ports the first time a test asks for it and stopped when
 * the whole test run ends (JUnit's root store closes it). Listeners: tcp, ws ({@code /mqtt}), tls and wss with the
 * server certificate of {@link TestTls}, client certificates optional.
 *
 * <pre>
 * &#64;ExtendWith(EmbeddedHiveMq.class)
 * class MyTest {
 *     &#64;Test void t(LocalBroker broker) { ... broker.tcpPort() ... }
 * }
 * </pre>
 */
public final class EmbeddedHiveMq implements ParameterResolver {

    private static final String KEY = "mqscope.embedded-hivemq";

    /** The shared broker, started on first use. */
    public static LocalBroker shared(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KEY, k -> new Resource(start()), Resource.class).broker;
    }

    /** A fresh broker with the same listeners, for tests that stop it; the caller closes it. */
    public static LocalBroker start() {
        return LocalBroker.start(BrokerSettings.ephemeral().withTls(new BrokerSettings.TlsListeners(0, 0,
                TestTls.path("server.jks"), TestTls.PASSWORD, TestTls.PASSWORD, TestTls.path("truststore.jks"),
                TestTls.PASSWORD, "OPTIONAL")));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == LocalBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return shared(extension);
    }

    private static final class Resource implements ExtensionContext.Store.CloseableResource {
        final LocalBroker broker;

        Resource(LocalBroker broker) {
            this.broker = broker;
        }

        @Override
        public void close() {
            broker.close();
        }
    }
}
