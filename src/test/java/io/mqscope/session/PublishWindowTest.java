package io.mqscope.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqscope.tap.Stage;
import org.junit.jupiter.api.Test;

/** The pending-bytes bound, without a broker (PublishBackpressureTest shows it against a frozen mosquitto). */
class PublishWindowTest {
    static PublishRequest request(String topic, int payloadBytes) {
        return new PublishRequest(topic, new byte[payloadBytes], 1, false, null);
    }

    @Test
    void a_publish_costs_its_payload_topic_and_a_fixed_overhead_until_released() {
        PublishWindow w = new PublishWindow();
        long cost = w.reserve(request("a/b", 100));
        assertThat(cost).isEqualTo(100 + 3 + PublishWindow.OVERHEAD);
        assertThat(w.pendingBytes()).isEqualTo(cost);
        w.release(cost);
        assertThat(w.pendingBytes()).isZero();
    }

    @Test
    void beyond_the_limit_a_publish_is_refused_and_costs_nothing() {
        PublishWindow w = new PublishWindow();
        w.limit(1000);
        long first = w.reserve(request("t", 600));
        assertThatThrownBy(() -> w.reserve(request("t", 600))).isInstanceOf(SessionException.class)
                .satisfies(e -> assertThat(((SessionException) e).stage()).isEqualTo(Stage.MQTT))
                .hasMessage("mqtt: publish to t refused: " + first + " bytes of earlier publishes still wait for the"
                        + " broker (limit 1000); wait for them to complete");
        assertThat(w.pendingBytes()).isEqualTo(first);
        // exactly at the limit is still allowed
        long fits = w.reserve(request("t", (int) (1000 - first - 1 - PublishWindow.OVERHEAD)));
        assertThat(w.pendingBytes()).isEqualTo(1000);
        w.release(fits);
        w.release(first);
        assertThat(w.pendingBytes()).isZero();
    }

    @Test
    void one_publish_larger_than_the_limit_goes_when_nothing_else_waits() {
        PublishWindow w = new PublishWindow();
        w.limit(10);
        long big = w.reserve(request("t", 5000));
        assertThatThrownBy(() -> w.reserve(request("t", 1))).isInstanceOf(SessionException.class);
        w.release(big);
        assertThat(w.reserve(request("t", 1))).isPositive();
    }
}
