package io.mqscope.ui.wiretap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.tap.ListenUrl;
import io.mqscope.tap.TapSettings;
import io.mqscope.tap.Wiretap;
import io.mqscope.testing.JsClients;
import io.mqscope.testing.Mosquitto;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.insights.InsightRow;
import io.mqscope.wire.PacketType;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A wiretap of the left pane gets the doctor too: two real mqtt.js clients with one client id through a real tap
 * (fed into {@link TapClients} as the app does) to mosquitto; the inspector of the displacing client lists the
 * takeover, and opening it selects that client's CONNECT in its packet list.
 */
@ExtendWith(Mosquitto.class)
class TapClientInsightsTest {

    @Test
    void the_inspector_lists_a_takeover_of_the_shown_client(Mosquitto m) throws Exception {
        JsClients.assumeInstalled("mqtt");
        TapClients clients = new TapClients();
        Profile upstream = Profile.builder().transport(Transport.TCP).host("127.0.0.1").port(m.tcpPort).build();
        try (Wiretap tap = Wiretap.start(new TapSettings(ListenUrl.parse("mqtt://127.0.0.1:0"), upstream, null,
                false, Locale.ENGLISH), clients.feed("t1/"))) {
            JsClients.run("doctor-scenarios.js", "same-id", "mqtt://127.0.0.1:" + tap.port(), "3000");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> clients.insights().count() > 0);
        // the first takeover: c2 (the second client, 300 ms later) displaces c1; c2's inspector lists it too
        TapClientRow second = clients.row("t1/c2");
        TapInspectorViewModel inspector = new TapInspectorViewModel(100, TaskExecutor.sameThread());
        inspector.show(clients, second);
        inspector.pulse(second);
        InsightRow takeover = inspector.insights().rows().stream()
                .filter(r -> r.rule().equals("client_id.takeover")).findFirst().orElseThrow();
        assertThat(takeover.connections()).isEqualTo("t1/c1, t1/c2");
        assertThat(takeover.message()).contains("t1/c1", "t1/c2");
        inspector.insights().open(takeover);
        assertThat(inspector.packets().selectedProperty().get().packet().type()).isEqualTo(PacketType.CONNECT);
        assertThat(inspector.packets().selectedProperty().get().connectionId()).isEqualTo("t1/c2");
    }
}
