package io.mqscope.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import org.junit.jupiter.api.Test;

/**
 * Messages reach the listener straight from HiveMQ's publish flow for both protocol versions ({@link
 * InlinePublishes}); the fallback to the public API is correct but slower, so a HiveMQ upgrade that takes the way
 * away must fail here rather than go unnoticed. Delivery itself is tested over real brokers by the session tests.
 */
class InlinePublishesTest {

    @Test
    void both_versions_clients_open_their_publish_flow_to_an_inline_subscriber() {
        Mqtt3AsyncClient v3 = MqttClient.builder().useMqttVersion3().buildAsync();
        Mqtt5AsyncClient v5 = MqttClient.builder().useMqttVersion5().buildAsync();

        assertThat(InlinePublishes.config(v3)).isNotNull();
        assertThat(InlinePublishes.config(v5)).isNotNull();
        assertThat(InlinePublishes.listen(v3, p -> { })).isTrue();
        assertThat(InlinePublishes.listen(v5, p -> { })).isTrue();
    }

    @Test
    void anything_else_is_refused_so_that_the_public_api_is_used() {
        assertThat(InlinePublishes.config("not a client")).isNull();
        assertThat(InlinePublishes.listen(MqttClient.builder().useMqttVersion3().buildRx(), p -> { })).isFalse();
    }
}
