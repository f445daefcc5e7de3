package io.mqscope.session;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperties;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserPropertiesBuilder;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperty;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuth;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuthBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectRestrictions;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectRestrictionsBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishBuilderBase;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5WillPublish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5WillPublishBuilder;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5RetainHandling;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.unsubscribe.unsuback.Mqtt5UnsubAckReasonCode;
import io.mqscope.profile.Profile.SavedSubscription;
import io.mqscope.profile.Profile.UserProperty;
import io.mqscope.tap.Stage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The MQTT 5 client: CONNECT with its restrictions and will properties, PUBLISH properties both ways. */
final class Mqtt5Adapter extends HiveAdapter<Mqtt5AsyncClient> {
    private final Mqtt5Connect connect;

    Mqtt5Adapter(ConnectSpec spec, int relayPort, Events events) {
        super(spec, relayPort, events, b -> b.useMqttVersion5().buildAsync());
        Mqtt5ConnectBuilder b = Mqtt5Connect.builder().keepAlive(spec.keepAliveSeconds())
                .cleanStart(spec.cleanStart()).restrictions(restrictions(spec));
        if (spec.sessionExpirySeconds() != null) {
            b.sessionExpiryInterval(spec.sessionExpirySeconds());
        }
        if (spec.username() != null || spec.password() != null) {
            b.simpleAuth(auth(spec.username(), spec.password()));
        }
        if (!spec.userProperties().isEmpty()) {
            b.userProperties(userProperties(spec.userProperties()));
        }
        if (spec.will() != null) {
            b.willPublish(will(spec.will()));
        }
        connect = b.build();
    }

    /** What the client asks of the broker (5.0 §3.1.2.11); the broker's own limits come in its CONNACK. */
    private static Mqtt5ConnectRestrictions restrictions(ConnectSpec spec) {
        Mqtt5ConnectRestrictionsBuilder r = Mqtt5ConnectRestrictions.builder()
                .requestProblemInformation(spec.requestProblemInformation())
                .requestResponseInformation(spec.requestResponseInformation());
        if (spec.receiveMaximum() != null) {
            r.receiveMaximum(spec.receiveMaximum());
        }
        if (spec.maximumPacketSize() != null) {
            r.maximumPacketSize(spec.maximumPacketSize());
        }
        if (spec.topicAliasMaximum() != null) {
            r.topicAliasMaximum(spec.topicAliasMaximum());
        }
        return r.build();
    }

    /** MQTT 5 allows a password without a user name (5.0 §3.1.3.5), unlike 3.1.1. */
    private static Mqtt5SimpleAuth auth(String user, byte[] password) {
        Mqtt5SimpleAuthBuilder a = Mqtt5SimpleAuth.builder();
        if (user == null) {
            return a.password(password).build();
        }
        var complete = a.username(user);
        if (password != null) {
            complete.password(password);
        }
        return complete.build();
    }

    private static Mqtt5WillPublish will(ConnectSpec.Will w) {
        Mqtt5WillPublishBuilder.Complete b = withProperties(Mqtt5WillPublish.builder().topic(w.topic())
                .payload(w.payload()).qos(qos(w.qos())).retain(w.retain()), w.properties());
        if (w.delaySeconds() != null) {
            b.delayInterval(w.delaySeconds());
        }
        return b.build().asWill();
    }

    @Override
    public CompletableFuture<Boolean> connect() {
        return client.connect(connect).thenApply(a -> a.isSessionPresent());
    }

    @Override
    public CompletableFuture<Void> subscribe(SavedSubscription s) {
        Mqtt5Subscribe sub = Mqtt5Subscribe.builder()
                .topicFilter(s.topicFilter())
                .qos(qos(s.qos()))
                .noLocal(s.noLocal())
                .retainAsPublished(s.retainAsPublished())
                .retainHandling(retainHandling(s.retainHandling()))
                .build();
        return client.subscribe(sub).thenApply(ack -> {
            requireGranted("SUBACK", s.topicFilter(), ack.getReasonCodes(), Mqtt5SubAckReasonCode::isError,
                    ack.getReasonString().map(x -> " (" + x + ")").orElse(""));
            return null;
        });
    }

    private static Mqtt5RetainHandling retainHandling(int code) {
        Mqtt5RetainHandling h = Mqtt5RetainHandling.fromCode(code);
        if (h == null) {
            throw new SessionException(Stage.CONFIG, "retain handling must be 0, 1 or 2, not " + code);
        }
        return h;
    }

    @Override
    public CompletableFuture<Void> unsubscribe(String topicFilter) {
        return client.unsubscribeWith().topicFilter(topicFilter).send().thenApply(ack -> {
            requireGranted("UNSUBACK", topicFilter, ack.getReasonCodes(), Mqtt5UnsubAckReasonCode::isError, "");
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> publish(PublishRequest r, Runnable built) {
        Mqtt5Publish publish = withProperties(Mqtt5Publish.builder().topic(r.topic()).payload(r.payload())
                .qos(qos(r.qos())).retain(r.retain()), r.properties()).build();
        built.run();
        return client.publish(publish).thenApply(result -> {
            var err = result.getError();
            if (err.isPresent()) {
                throw new SessionException(Stage.MQTT, "publish to " + r.topic() + " failed: "
                        + err.get().getMessage());
            }
            return null;
        });
    }

    @Override
    public void listenForPublishes() {
        Consumer<Mqtt5Publish> callback = p -> events.message(p.getTopic().toString(), p.getQos().getCode(),
                p.isRetain(), p.getPayloadAsBytes(), properties(p));
        if (!InlinePublishes.listen(client, callback)) {
            client.publishes(MqttGlobalPublishFilter.ALL, callback, DIRECT);
        }
    }

    private static MessageProperties properties(Mqtt5Publish p) {
        Optional<Mqtt5PayloadFormatIndicator> pfi = p.getPayloadFormatIndicator();
        var expiry = p.getMessageExpiryInterval();
        var contentType = p.getContentType();
        var responseTopic = p.getResponseTopic();
        Optional<ByteBuffer> corr = p.getCorrelationData();
        List<? extends Mqtt5UserProperty> ups = p.getUserProperties().asList();
        if (pfi.isEmpty() && expiry.isEmpty() && contentType.isEmpty() && responseTopic.isEmpty()
                && corr.isEmpty() && ups.isEmpty()) {
            return MessageProperties.NONE;
        }
        List<UserProperty> users = new ArrayList<>(ups.size());
        for (Mqtt5UserProperty u : ups) {
            users.add(new UserProperty(u.getName().toString(), u.getValue().toString()));
        }
        byte[] cd = null;
        if (corr.isPresent()) {
            ByteBuffer bb = corr.get().duplicate();
            cd = new byte[bb.remaining()];
            bb.get(cd);
        }
        return new MessageProperties(pfi.map(f -> f == Mqtt5PayloadFormatIndicator.UTF_8).orElse(null),
                expiry.isPresent() ? expiry.getAsLong() : null, null,
                responseTopic.map(Object::toString).orElse(null), cd,
                contentType.map(Object::toString).orElse(null), users, List.of());
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        return client.disconnect();
    }

    /** The PUBLISH properties (5.0 §3.3.2.3) a message and a will share; absent ones are not sent. */
    private static <B extends Mqtt5PublishBuilderBase.Complete<B>> B withProperties(B b, MessageProperties p) {
        if (p.payloadIsUtf8() != null) {
            b.payloadFormatIndicator(p.payloadIsUtf8() ? Mqtt5PayloadFormatIndicator.UTF_8
                    : Mqtt5PayloadFormatIndicator.UNSPECIFIED);
        }
        if (p.messageExpirySeconds() != null) {
            b.messageExpiryInterval(p.messageExpirySeconds());
        }
        if (p.responseTopic() != null) {
            b.responseTopic(p.responseTopic());
        }
        if (p.correlationData() != null) {
            b.correlationData(p.correlationData());
        }
        if (p.contentType() != null) {
            b.contentType(p.contentType());
        }
        if (!p.userProperties().isEmpty()) {
            b.userProperties(userProperties(p.userProperties()));
        }
        return b;
    }

    private static Mqtt5UserProperties userProperties(List<UserProperty> list) {
        Mqtt5UserPropertiesBuilder b = Mqtt5UserProperties.builder();
        for (UserProperty u : list) {
            b.add(u.name(), u.value());
        }
        return b.build();
    }
}
