package io.mqscope.profile;

import java.util.List;
import java.util.Map;

/**
 * Everything needed to connect to one broker. Immutable; use {@link #builder()} or the {@code with...}
 * copies to change a field. Secrets (password, key password, vendor secrets) are held here in memory; the
 * store decides where they are persisted.
 */
public record Profile(
        String id,
        String name,
        String group,
        Transport transport,
        String host,
        int port,
        String wsPath,
        String wsSubprotocol,
        Map<String, String> wsHeaders,
        MqttVersion mqttVersion,
        String clientId,
        boolean randomClientIdSuffix,
        String username,
        String password,
        int keepAliveSeconds,
        boolean cleanStart,
        Long sessionExpirySeconds,
        Integer receiveMaximum,
        Integer maximumPacketSize,
        Integer topicAliasMaximum,
        boolean requestResponseInformation,
        boolean requestProblemInformation,
        List<UserProperty> userProperties,
        Will will,
        TlsSettings tls,
        ProxySettings proxy,
        boolean autoConnect,
        Reconnect reconnect,
        List<SavedSubscription> subscriptions,
        Signing signing,
        int connectTimeoutSeconds) {

    public Profile {
        // a profiles.json written by hand or by an older version may leave these out: the builder's defaults (the
        // other fields mean something when null: no client id, the path "/", no subprotocol)
        transport = transport == null ? Transport.TCP : transport;
        mqttVersion = mqttVersion == null ? MqttVersion.V3_1_1 : mqttVersion;
        wsHeaders = wsHeaders == null ? Map.of() : Map.copyOf(wsHeaders);
        userProperties = userProperties == null ? List.of() : List.copyOf(userProperties);
        subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
        tls = tls == null ? TlsSettings.DEFAULT : tls;
        reconnect = reconnect == null ? Reconnect.DEFAULT : reconnect;
    }

    public record UserProperty(String name, String value) {
    }

    /** Last will. {@code payloadFormat}: text, json, hex or base64, i.e. how {@code payload} is written. */
    public record Will(String topic, String payload, String payloadFormat, int qos, boolean retain,
                       Long delaySeconds, Long messageExpirySeconds, String contentType, String responseTopic,
                       String correlationData, Boolean payloadIsUtf8, List<UserProperty> userProperties) {
        public Will {
            userProperties = userProperties == null ? List.of() : List.copyOf(userProperties);
        }
    }

    /**
     * TLS for tls/wss. Certificates are file paths. {@code insecure} disables chain and hostname checks and must be
     * set explicitly; it is never inferred.
     */
    public record TlsSettings(String caFile, String clientCertFile, String clientKeyFile, String keyPassword,
                              String sniHost, List<String> alpn, boolean verifyHostname, boolean insecure) {
        public static final TlsSettings DEFAULT = new TlsSettings(null, null, null, null, null, List.of(), true, false);

        public TlsSettings {
            alpn = alpn == null ? List.of() : List.copyOf(alpn);
        }
    }

    /** HTTP CONNECT or SOCKS5 proxy between the relay and the broker. {@code type}: none, http, socks5. */
    public record ProxySettings(String type, String host, int port, String username, String password) {
    }

    public record Reconnect(boolean enabled, int initialDelayMillis, int maxDelayMillis) {
        public static final Reconnect DEFAULT = new Reconnect(true, 1000, 30000);
    }

    /** {@code retainHandling}: 0 send at subscribe, 1 only if new, 2 never. Colour as {@code #rrggbb}. */
    public record SavedSubscription(String topicFilter, int qos, boolean noLocal, boolean retainAsPublished,
                                    int retainHandling, Integer subscriptionIdentifier, String color, String alias) {
    }

    /**
     * Vendor signing. {@code vendor}: aliyun-iot, aliyun-mqtt, tencent, huawei, onenet. {@code params} holds the
     * vendor's inputs by their CLI option names without dashes (e.g. productKey, deviceName, deviceSecret).
     */
    public record Signing(String vendor, Map<String, String> params) {
        public Signing {
            params = params == null ? Map.of() : Map.copyOf(params);
        }
    }

    /** Id of the profile created on first run for the built-in broker; the app points it at the embedded broker. */
    public static final String LOCAL_BROKER_ID = "local-broker";

    /** The first-run profile: {@link #localBroker(int)} on 1883 with id {@link #LOCAL_BROKER_ID}, group "". */
    public static Profile defaultLocalBroker() {
        return localBroker(1883).toBuilder().id(LOCAL_BROKER_ID).group("").build();
    }

    /** Whether {@code p} is the built-in broker's profile (static so that JSON does not see it as a property). */
    public static boolean isLocalBroker(Profile p) {
        return p != null && LOCAL_BROKER_ID.equals(p.id());
    }

    /** A profile for the built-in local broker on 127.0.0.1. */
    public static Profile localBroker(int tcpPort) {
        return builder().name("Local broker").host("127.0.0.1").port(tcpPort).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static final class Builder {
        private String id;
        private String name = "New connection";
        private String group = "";
        private Transport transport = Transport.TCP;
        private String host = "127.0.0.1";
        private int port = 1883;
        private String wsPath = "/mqtt";
        private String wsSubprotocol = "mqtt";
        private Map<String, String> wsHeaders = Map.of();
        private MqttVersion mqttVersion = MqttVersion.V3_1_1;
        private String clientId = "mqscope";
        private boolean randomClientIdSuffix = true;
        private String username;
        private String password;
        private int keepAliveSeconds = 60;
        private boolean cleanStart = true;
        private Long sessionExpirySeconds;
        private Integer receiveMaximum;
        private Integer maximumPacketSize;
        private Integer topicAliasMaximum;
        private boolean requestResponseInformation;
        private boolean requestProblemInformation = true;
        private List<UserProperty> userProperties = List.of();
        private Will will;
        private TlsSettings tls = TlsSettings.DEFAULT;
        private ProxySettings proxy;
        private boolean autoConnect;
        private Reconnect reconnect = Reconnect.DEFAULT;
        private List<SavedSubscription> subscriptions = List.of();
        private Signing signing;
        private int connectTimeoutSeconds = 10;

        private Builder() {
        }

        private Builder(Profile p) {
            id = p.id; name = p.name; group = p.group; transport = p.transport; host = p.host; port = p.port;
            wsPath = p.wsPath; wsSubprotocol = p.wsSubprotocol; wsHeaders = p.wsHeaders; mqttVersion = p.mqttVersion;
            clientId = p.clientId; randomClientIdSuffix = p.randomClientIdSuffix; username = p.username;
            password = p.password; keepAliveSeconds = p.keepAliveSeconds; cleanStart = p.cleanStart;
            sessionExpirySeconds = p.sessionExpirySeconds; receiveMaximum = p.receiveMaximum;
            maximumPacketSize = p.maximumPacketSize; topicAliasMaximum = p.topicAliasMaximum;
            requestResponseInformation = p.requestResponseInformation;
            requestProblemInformation = p.requestProblemInformation; userProperties = p.userProperties;
            will = p.will; tls = p.tls; proxy = p.proxy; autoConnect = p.autoConnect; reconnect = p.reconnect;
            subscriptions = p.subscriptions; signing = p.signing; connectTimeoutSeconds = p.connectTimeoutSeconds;
        }

        public Builder id(String v) { id = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder group(String v) { group = v; return this; }
        public Builder transport(Transport v) { transport = v; return this; }
        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder wsPath(String v) { wsPath = v; return this; }
        public Builder wsSubprotocol(String v) { wsSubprotocol = v; return this; }
        public Builder wsHeaders(Map<String, String> v) { wsHeaders = v; return this; }
        public Builder mqttVersion(MqttVersion v) { mqttVersion = v; return this; }
        public Builder clientId(String v) { clientId = v; return this; }
        public Builder randomClientIdSuffix(boolean v) { randomClientIdSuffix = v; return this; }
        public Builder username(String v) { username = v; return this; }
        public Builder password(String v) { password = v; return this; }
        public Builder keepAliveSeconds(int v) { keepAliveSeconds = v; return this; }
        public Builder cleanStart(boolean v) { cleanStart = v; return this; }
        public Builder sessionExpirySeconds(Long v) { sessionExpirySeconds = v; return this; }
        public Builder receiveMaximum(Integer v) { receiveMaximum = v; return this; }
        public Builder maximumPacketSize(Integer v) { maximumPacketSize = v; return this; }
        public Builder topicAliasMaximum(Integer v) { topicAliasMaximum = v; return this; }
        public Builder requestResponseInformation(boolean v) { requestResponseInformation = v; return this; }
        public Builder requestProblemInformation(boolean v) { requestProblemInformation = v; return this; }
        public Builder userProperties(List<UserProperty> v) { userProperties = v; return this; }
        public Builder will(Will v) { will = v; return this; }
        public Builder tls(TlsSettings v) { tls = v; return this; }
        public Builder proxy(ProxySettings v) { proxy = v; return this; }
        public Builder autoConnect(boolean v) { autoConnect = v; return this; }
        public Builder reconnect(Reconnect v) { reconnect = v; return this; }
        public Builder subscriptions(List<SavedSubscription> v) { subscriptions = v; return this; }
        public Builder signing(Signing v) { signing = v; return this; }
        public Builder connectTimeoutSeconds(int v) { connectTimeoutSeconds = v; return this; }

        public Profile build() {
            return new Profile(id, name, group, transport, host, port, wsPath, wsSubprotocol, wsHeaders, mqttVersion,
                    clientId, randomClientIdSuffix, username, password, keepAliveSeconds, cleanStart,
                    sessionExpirySeconds, receiveMaximum, maximumPacketSize, topicAliasMaximum,
                    requestResponseInformation, requestProblemInformation, userProperties, will, tls, proxy,
                    autoConnect, reconnect, subscriptions, signing, connectTimeoutSeconds);
        }
    }
}
