package io.mqscope.session;

import io.mqscope.auth.Signer;
import io.mqscope.auth.SigningException;
import io.mqscope.payload.ParseResult;
import io.mqscope.profile.MqttVersion;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Profile.UserProperty;
import io.mqscope.tap.Stage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * What the client sends in CONNECT, for either protocol version, built and validated once from a profile (after
 * vendor signing): the protocol adapters only translate it into HiveMQ's builders. The MQTT 3.1.1 adapter ignores
 * the fields only MQTT 5 has (session expiry, restrictions, user properties, the will's properties), as it always
 * has. Byte arrays are shared, not copied: nobody writes to them.
 *
 * @param clientIdentifier      the profile's client id, with its random suffix already drawn
 * @param password              UTF-8 bytes, or null
 * @param will                  null when the profile has no will
 * @param connectTimeoutSeconds at least 1
 */
record ConnectSpec(MqttVersion version, String clientIdentifier, int keepAliveSeconds, boolean cleanStart,
                   Long sessionExpirySeconds, Integer receiveMaximum, Integer maximumPacketSize,
                   Integer topicAliasMaximum, boolean requestProblemInformation, boolean requestResponseInformation,
                   String username, byte[] password, List<UserProperty> userProperties, Will will,
                   int connectTimeoutSeconds) {

    /**
     * The will, its payload already turned into the bytes to send.
     *
     * @param properties the PUBLISH properties a will carries in MQTT 5 (5.0 §3.1.3.2), as a message's
     */
    record Will(String topic, byte[] payload, int qos, boolean retain, Long delaySeconds,
                MessageProperties properties) {
    }

    /**
     * The specification for a profile, or a {@link Stage#CONFIG} {@link SessionException} saying what the profile
     * gets wrong. {@code random} draws the client identifier's suffix.
     */
    static ConnectSpec of(Profile p, Random random) {
        requireSpoken(p.mqttVersion());
        MqttVersion version = p.mqttVersion() == MqttVersion.V5 ? MqttVersion.V5 : MqttVersion.V3_1_1;
        if (version == MqttVersion.V3_1_1 && p.username() == null && p.password() != null) {
            // [MQTT-3.1.2-22]: a password without a username is not allowed in MQTT 3.1.1 (MQTT 5 allows it)
            throw new SessionException(Stage.CONFIG, Sentence.of("config.passwordWithoutUsername"), null, null);
        }
        String clientIdentifier = clientIdentifier(p, random);
        if (version == MqttVersion.V3_1_1 && clientIdentifier.isEmpty() && !p.cleanStart()) {
            // [MQTT-3.1.3-7], [MQTT-3.1.3-8]: a zero-length ClientId needs CleanSession=1, else CONNACK 0x02 (3.1.1
            // §3.1.3.1); MQTT 5 lets the broker assign one for either Clean Start (5.0 §3.1.3.1)
            throw new SessionException(Stage.CONFIG, Sentence.of("config.emptyClientIdPersistent"), null, null);
        }
        return new ConnectSpec(version, clientIdentifier, p.keepAliveSeconds(), p.cleanStart(),
                p.sessionExpirySeconds(), p.receiveMaximum(), p.maximumPacketSize(), p.topicAliasMaximum(),
                p.requestProblemInformation(), p.requestResponseInformation(), p.username(), utf8(p.password()),
                p.userProperties(), p.will() == null ? null : will(p.will()), Math.max(1, p.connectTimeoutSeconds()));
    }

    /** Refuses what HiveMQ's client cannot speak, before anything else is done for a connect. */
    static void requireSpoken(MqttVersion version) {
        if (version == MqttVersion.V3_1) {
            throw new SessionException(Stage.CONFIG, Sentence.of("config.mqtt31"), null, null);
        }
    }

    /** A QoS the profile or a request asks for: 0, 1 or 2 (MQTT 5 §4.3, 3.1.1 §4.3). */
    static int checkedQos(int qos) {
        if (qos < 0 || qos > 2) {
            throw new SessionException(Stage.CONFIG, Sentence.of("config.qos", String.valueOf(qos)), null, null);
        }
        return qos;
    }

    /**
     * The profile to connect with: with a signing section, fresh vendor credentials (and the vendor's endpoint)
     * signed at {@code now}, so that the timestamps and expiry times in the signature are fresh; else the profile.
     */
    static Profile signed(Profile p, Instant now) {
        if (p.signing() == null) {
            return p;
        }
        try {
            return Signer.apply(p, Signer.sign(p.signing(), now));
        } catch (SigningException e) {
            throw new SessionException(Stage.CONFIG, e.param() == null
                    ? Sentence.of("config.signing", p.signing().vendor(), String.valueOf(e.getMessage()))
                    : Sentence.of("config.signingParam", p.signing().vendor(), String.valueOf(e.getMessage()),
                    e.param()), null, e);
        }
    }

    private static String clientIdentifier(Profile p, Random random) {
        String base = p.clientId() == null ? "" : p.clientId();
        if (!p.randomClientIdSuffix()) {
            return base;
        }
        String suffix = Integer.toHexString(random.nextInt(0x1000000) | 0x1000000).substring(1);
        return (base.isEmpty() ? "mqscope" : base) + "-" + suffix;
    }

    private static Will will(Profile.Will w) {
        byte[] payload = new byte[0];
        if (w.payload() != null) {
            ParseResult<byte[]> r = Payloads.parse(w.payload(), w.payloadFormat());
            if (!r.ok()) {
                throw new SessionException(Stage.CONFIG, Sentence.of("config.willPayload", w.payloadFormat(),
                        r.error()), null, null);
            }
            payload = r.value();
        }
        return new Will(w.topic(), payload, checkedQos(w.qos()), w.retain(), w.delaySeconds(),
                new MessageProperties(w.payloadIsUtf8(), w.messageExpirySeconds(), null, w.responseTopic(),
                        utf8(w.correlationData()), w.contentType(), w.userProperties(), List.of()));
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }
}
