package io.mqscope.ui.wiretap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.session.Failure;
import io.mqscope.tap.Stage;
import io.mqscope.testing.Mosquitto;
import io.mqscope.testing.MqttBytes;
import io.mqscope.ui.I18n;
import io.mqscope.ui.NoBackend;
import io.mqscope.ui.app.TaskExecutor;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Wiretaps pane's verdict for a broker-side failure is the one {@code mqscope check} and the connections give,
 * in the UI language: a tcp upstream pointed at mosquitto's WebSocket port, with the app in Chinese.
 */
@ExtendWith(Mosquitto.class)
class WiretapVerdictTest {
    private final WiretapsViewModel vm = new WiretapsViewModel(new NoBackend(), List::of, TaskExecutor.sameThread(),
            100);

    @AfterEach
    void english() {
        I18n.setLocale(I18n.ENGLISH);
    }

    @Test
    void a_tcp_upstream_at_a_websocket_port_reads_as_check_says_it_in_chinese(Mosquitto m) throws Exception {
        I18n.setLocale(I18n.CHINESE);
        WiretapEntry e = vm.add(new WiretapDefinition("t", "mqtt://127.0.0.1:0", null,
                "mqtt://127.0.0.1:" + m.wsPort, null, null, null, false));
        vm.start(e);
        try {
            String url = e.urls().get(0);
            int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.setSoTimeout(20_000);
                s.getOutputStream().write(MqttBytes.connect(4, "tcp-at-ws"));
                InputStream in = s.getInputStream();
                while (in.read() >= 0) {
                    continue; // until the tap lets the client go
                }
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                vm.pulse();
                return e.rows().size() == 1 && e.rows().get(0).state() == TapClientRow.State.CLOSED;
            });
            TapClientRow row = e.rows().get(0);
            String expected = Failure.of(Stage.MQTT, "mqtt.port_speaks_http", m.wsPort).render(I18n.CHINESE);
            assertThat(row.verdict()).isEqualTo(expected).containsPattern("\\p{IsHan}").contains("ws://");
            vm.selectedClientProperty().set(row);
            assertThat(vm.inspector().verdictProperty().get()).isEqualTo(expected);
        } finally {
            vm.stop(e);
        }
    }
}
