package io.mqscope.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.broker.BrokerSettings;
import io.mqscope.broker.LocalBroker;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.session.Session;
import io.mqscope.session.Sessions;
import io.mqscope.tap.WebSocketFrameEvent;
import io.mqscope.ui.live.LiveConnection;
import io.mqscope.ui.messages.MessagesViewModel;
import io.mqscope.ui.packets.PacketsViewModel;
import io.mqscope.wire.Direction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** WebSocket frames reach the Packets view model: from a real ws session through the relay, bounded, described. */
class WebSocketFramesTest {

    @Test
    void frames_of_a_real_ws_session_reach_the_packets_view_model() throws Exception {
        try (LocalBroker broker = LocalBroker.start(BrokerSettings.ephemeral())) {
            Profile p = Profile.builder().id("ws-test").name("ws").transport(Transport.WS).host("127.0.0.1")
                    .port(broker.wsPort()).build();
            LiveConnection live = new LiveConnection(p, 100, 100);
            try (Session s = Sessions.open(p, live.log())) {
                s.connect().get(20, TimeUnit.SECONDS);
                s.disconnect().get(20, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> live.log().frames().size() >= 2);
            List<WebSocketFrameEvent> frames = live.takeNewFrames();
            // CONNECT goes up in a binary frame, CONNACK comes back in one
            assertThat(frames).anyMatch(f -> f.opcode().equals("binary")
                    && f.direction() == Direction.CLIENT_TO_BROKER);
            assertThat(frames).anyMatch(f -> f.opcode().equals("binary")
                    && f.direction() == Direction.BROKER_TO_CLIENT);

            PacketsViewModel vm = new PacketsViewModel(50, io.mqscope.ui.app.TaskExecutor.sameThread());
            vm.setFrameSource(() -> live.log().frames().last(100).items());
            assertThat(vm.frames()).isEmpty();
            vm.showFramesProperty().set(true);
            assertThat(vm.frames()).hasSize(Math.min(50, live.log().frames().size()));
            vm.directionProperty().set(Direction.BROKER_TO_CLIENT);
            vm.reload();
            assertThat(vm.frames()).allMatch(f -> f.direction() == Direction.BROKER_TO_CLIENT);
        }
    }

    @Test
    void frame_list_is_bounded_and_close_frames_say_code_and_reason() {
        PacketsViewModel vm = new PacketsViewModel(300, io.mqscope.ui.app.TaskExecutor.sameThread());
        vm.showFramesProperty().set(true);
        List<WebSocketFrameEvent> batch = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            batch.add(frame("binary", i, null, null));
        }
        vm.appendFrames(batch);
        assertThat(vm.frames()).hasSize(io.mqscope.ui.BoundedAppend.MAX_APPEND);
        assertThat(vm.frames().get(vm.frames().size() - 1).payloadLength()).isEqualTo(999);
        vm.appendFrames(batch.subList(0, 150));
        assertThat(vm.frames()).hasSize(300);

        WebSocketFrameEvent close = frame("close", 19, 1002, "bad subprotocol");
        assertThat(PacketsViewModel.describe(close)).isEqualTo("close 1002 (protocol error) \"bad subprotocol\"");
        assertThat(PacketsViewModel.abnormalClose(close)).isTrue();
        assertThat(PacketsViewModel.abnormalClose(frame("close", 2, 1000, ""))).isFalse();
        assertThat(PacketsViewModel.describe(frame("text", 3, null, null))).isEqualTo("text");

        vm.pausedProperty().set(true);
        vm.appendFrames(List.of(close));
        assertThat(vm.frames()).doesNotContain(close);
    }

    @Test
    void message_list_appends_at_most_max_append_newest_rows_per_refresh() {
        MessagesViewModel vm = new MessagesViewModel(2000);
        List<io.mqscope.session.MessageEvent> batch = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            batch.add(new io.mqscope.session.MessageEvent("c", System.nanoTime(), Instant.now(), false,
                    "t/" + i, 0, false, false, new byte[] {(byte) i}, null));
        }
        vm.append(batch);
        assertThat(vm.visible()).hasSize(io.mqscope.ui.BoundedAppend.MAX_APPEND);
        assertThat(vm.visible().get(vm.visible().size() - 1).event().topic()).isEqualTo("t/999");
    }

    private static WebSocketFrameEvent frame(String opcode, int len, Integer code, String reason) {
        return new WebSocketFrameEvent("c", System.nanoTime(), Instant.now(), Direction.BROKER_TO_CLIENT, opcode,
                true, len, code, reason);
    }
}
