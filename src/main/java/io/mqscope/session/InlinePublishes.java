package io.mqscope.session;

import com.hivemq.client.internal.mqtt.MqttAsyncClient;
import com.hivemq.client.internal.mqtt.MqttClientConfig;
import com.hivemq.client.internal.mqtt.handler.publish.incoming.MqttGlobalIncomingPublishFlowable;
import com.hivemq.client.internal.mqtt.mqtt3.Mqtt3AsyncClientView;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.reactivex.FlowableSubscriber;
import java.lang.reflect.Field;
import java.util.function.Consumer;
import org.reactivestreams.Subscription;

/**
 * Every incoming PUBLISH handed to a callback on the client's I/O thread, straight from HiveMQ's own publish flow.
 *
 * <p>Why not {@code publishes(ALL, callback, executor)}: HiveMQ puts RxJava's {@code observeOn} between its flow and
 * the callback whatever the executor, so each message goes through two queues, a scheduled task and request
 * accounting even when the executor runs it at once ({@link HiveAdapter#DIRECT}). That was a tenth of the I/O
 * thread's time in a flood, the thread that limits a subscriber draining a backlog (issue 17). The flow this class
 * subscribes is the one those methods wrap ({@code MqttRxClient.publishesUnsafe}), with unbounded demand: nothing
 * is queued or dropped, and as with {@code DIRECT} a slow callback slows reading, so TCP pushes back on the broker.
 *
 * <p>HiveMQ internals: the MQTT 3.1.1 view keeps its client in a private field. When they change (a HiveMQ
 * upgrade), {@link #listen} returns false and the adapters fall back to the public API;
 * {@code InlinePublishesTest} fails then, so that the upgrade does not lose the speed unnoticed.
 */
final class InlinePublishes {
    private InlinePublishes() {
    }

    /**
     * Subscribes {@code callback} to every PUBLISH {@code client} receives (either version); false when this
     * HiveMQ does not allow it, and nothing was subscribed.
     */
    static boolean listen(Object client, Consumer<Mqtt5Publish> callback) {
        MqttClientConfig config = config(client);
        if (config == null) {
            return false;
        }
        new MqttGlobalIncomingPublishFlowable(MqttGlobalPublishFilter.ALL, config, false)
                .subscribe(new FlowableSubscriber<Mqtt5Publish>() {
                    @Override
                    public void onSubscribe(Subscription s) {
                        s.request(Long.MAX_VALUE);
                    }

                    @Override
                    public void onNext(Mqtt5Publish publish) {
                        callback.accept(publish);
                    }

                    @Override
                    public void onError(Throwable t) {
                        // as HiveMQ's own callback subscriber: the flow ends with the client
                    }

                    @Override
                    public void onComplete() {
                        // as above
                    }
                });
        return true;
    }

    /** The configuration HiveMQ's flows are keyed on, or null. */
    static MqttClientConfig config(Object client) {
        try {
            if (client instanceof MqttAsyncClient c) {
                return c.getConfig();
            }
            if (client instanceof Mqtt3AsyncClientView v) {
                Field delegate = Mqtt3AsyncClientView.class.getDeclaredField("delegate");
                delegate.setAccessible(true);
                return delegate.get(v) instanceof MqttAsyncClient c ? c.getConfig() : null;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
