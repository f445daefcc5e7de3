package io.mqscope.session;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.datatypes.MqttTopic;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.auth.Mqtt3SimpleAuth;
import com.hivemq.client.mqtt.mqtt3.message.auth.Mqtt3SimpleAuthBuilder;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3Connect;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3ConnectBuilder;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import io.mqscope.profile.Profile.SavedSubscription;
import java.util.concurrent.CompletableFuture;

/**
 * The MQTT 3.1.1 client. 3.1.1 has no properties: received messages carry {@link MessageProperties#NONE}, and a
 * request's properties are not sent. Its UNSUBACK has no return codes (3.1.1 §3.11.3), so nothing can be refused.
 */
final class Mqtt3Adapter extends HiveAdapter<Mqtt3AsyncClient> {
    private final Mqtt3Connect connect;

    Mqtt3Adapter(ConnectSpec spec, int relayPort, Events events) {
        super(spec, relayPort, events, b -> b.useMqttVersion3().buildAsync());
        Mqtt3ConnectBuilder b = Mqtt3Connect.builder().keepAlive(spec.keepAliveSeconds())
                .cleanSession(spec.cleanStart());
        // the specification has refused a password without a user name [MQTT-3.1.2-22]
        if (spec.username() != null) {
            Mqtt3SimpleAuthBuilder.Complete a = Mqtt3SimpleAuth.builder().username(spec.username());
            if (spec.password() != null) {
                a.password(spec.password());
            }
            b.simpleAuth(a.build());
        }
        ConnectSpec.Will w = spec.will();
        if (w != null) {
            b.willPublish(Mqtt3Publish.builder().topic(w.topic()).payload(w.payload()).qos(qos(w.qos()))
                    .retain(w.retain()).build());
        }
        connect = b.build();
    }

    @Override
    public CompletableFuture<Boolean> connect() {
        return client.connect(connect).thenApply(a -> a.isSessionPresent());
    }

    @Override
    public CompletableFuture<Void> subscribe(SavedSubscription s) {
        return client.subscribeWith().topicFilter(s.topicFilter()).qos(qos(s.qos())).send().thenApply(ack -> {
            requireGranted("SUBACK", s.topicFilter(), ack.getReturnCodes(), Mqtt3SubAckReturnCode::isError, "");
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> unsubscribe(String topicFilter) {
        return client.unsubscribeWith().topicFilter(topicFilter).send();
    }

    @Override
    public CompletableFuture<Void> publish(PublishRequest r, Runnable built) {
        Mqtt3Publish publish = Mqtt3Publish.builder().topic(r.topic()).payload(r.payload()).qos(qos(r.qos()))
                .retain(r.retain()).build();
        built.run();
        return client.publish(publish).thenApply(p -> null);
    }

    @Override
    public void listenForPublishes() {
        // 3.1.1 has no properties: what both versions' PUBLISH carry is all there is to read
        if (!InlinePublishes.listen(client, p -> deliver(p.getTopic(), p.getQos(), p.isRetain(),
                p.getPayloadAsBytes()))) {
            client.publishes(MqttGlobalPublishFilter.ALL, p -> deliver(p.getTopic(), p.getQos(), p.isRetain(),
                    p.getPayloadAsBytes()), DIRECT);
        }
    }

    private void deliver(MqttTopic topic, MqttQos qos, boolean retain, byte[] payload) {
        events.message(topic.toString(), qos.getCode(), retain, payload, MessageProperties.NONE);
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        return client.disconnect();
    }
}
