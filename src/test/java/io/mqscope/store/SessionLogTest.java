package io.mqscope.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.session.ConnectionState;
import io.mqscope.session.StateChange;
import io.mqscope.tap.WebSocketFrameEvent;
import io.mqscope.wire.Direction;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionLogTest {

    @Test
    void frames_are_bounded_like_packets_and_the_newest_state_wins() {
        SessionLog log = new SessionLog("c", 1 << 20, 10, 1 << 20, 4);
        assertThat(log.state().state()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(log.states().size()).isZero();
        for (int i = 0; i < 6; i++) {
            log.onWebSocketFrame(new WebSocketFrameEvent("c", i, Instant.EPOCH, Direction.BROKER_TO_CLIENT,
                    "binary", true, i, null, null));
        }
        assertThat(log.frames().snapshot().items()).extracting(WebSocketFrameEvent::payloadLength)
                .containsExactly(2, 3, 4, 5);
        log.onState(new StateChange("c", Instant.EPOCH, ConnectionState.CONNECTING, null, null));
        log.onState(new StateChange("c", Instant.EPOCH, ConnectionState.CONNECTED, null, null));
        assertThat(log.state().state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(log.messages().entries().maxEntries()).isEqualTo(10);
        assertThat(log.packets().entries().maxEntries()).isEqualTo(4);
    }
}
