package io.mqscope.ui.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.doctor.Insight;
import io.mqscope.profile.MqttVersion;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.session.Session;
import io.mqscope.session.Sessions;
import io.mqscope.testing.Mosquitto;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.live.LiveConnection;
import io.mqscope.ui.packets.PacketsViewModel;
import io.mqscope.wire.Direction;
import io.mqscope.wire.PacketType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A desktop connection's own packets go through the conversation doctor: a real session (HiveMQ client through its
 * relay) to mosquitto with a wrong password gets its connack.refused insight, the Insights list shows it, and
 * opening the row selects the CONNECT in the Packets list.
 */
@ExtendWith(Mosquitto.class)
class SessionInsightsTest {

    @Test
    void a_refused_session_gets_an_insight_that_opens_its_connect(Mosquitto m) throws Exception {
        Profile p = Profile.builder().id("doctor-session").name("doctor").transport(Transport.TCP)
                .host("127.0.0.1").port(m.authPort).mqttVersion(MqttVersion.V5).clientId("doctor-session")
                .username(Mosquitto.USERNAME).password("not-the-password").build();
        LiveConnection live = new LiveConnection(p, 100, 100);
        try (Session s = Sessions.open(p, live.listener())) {
            try {
                s.connect().get(20, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException refused) {
                // expected: the broker refuses the password
            }
            List<Insight> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                List<Insight> now = live.takeNewInsights(System.nanoTime());
                if (now != null) {
                    found.clear();
                    found.addAll(now);
                }
                return found.stream().anyMatch(i -> i.rule().id().equals("connack.refused"));
            });
            assertThat(live.takeNewInsights(System.nanoTime())).as("nothing new since").isNull();

            InsightsViewModel insights = new InsightsViewModel();
            PacketsViewModel packets = new PacketsViewModel(100, TaskExecutor.sameThread());
            packets.setSource(() -> live.log().packets().entries().snapshot().items(), () -> { });
            packets.directionProperty().set(Direction.BROKER_TO_CLIENT); // a filter that hides the CONNECT
            packets.reload();
            insights.setJump(ref -> packets.reveal(ref.conn(), ref.from(), ref.index()));
            insights.show(found);
            InsightRow row = insights.rows().stream().filter(r -> r.rule().equals("connack.refused")).findFirst()
                    .orElseThrow();
            assertThat(row.message()).contains("doctor-session", "username \"mqscope\" and a password of 16 bytes");
            insights.open(row);
            assertThat(packets.selectedProperty().get()).isNotNull();
            assertThat(packets.selectedProperty().get().packet().type()).isEqualTo(PacketType.CONNECT);
        }
    }
}
