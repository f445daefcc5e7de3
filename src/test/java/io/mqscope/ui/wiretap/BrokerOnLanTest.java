package io.mqscope.ui.wiretap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import io.mqscope.broker.BrokerSettings;
import io.mqscope.tap.ListenUrl;
import io.mqscope.tap.LocalAddresses;
import io.mqscope.ui.app.AppBackend;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.settings.SettingsFile;
import io.mqscope.ui.settings.UiSettings;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's explicit choice (Settings) to let other devices reach the built-in broker: its wiretaps bind every
 * interface, a client dialling a LAN address of this machine (loopback when the machine has none) is listed as a
 * tapped client, the Wiretaps pane offers the LAN URLs and marks the broker exposed; taking the choice back binds
 * loopback again on the same ports. The setting is off by default and survives a restart.
 */
class BrokerOnLanTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** A LAN address of this machine if it has one: what a phone would dial. */
    private static String lanOrLoopback() {
        List<String> lan = LocalAddresses.lan();
        return lan.isEmpty() ? "127.0.0.1" : lan.get(0);
    }

    @Test
    void with_the_setting_on_a_client_from_the_network_is_tapped_and_the_pane_shows_the_exposure() {
        AppBackend backend = new AppBackend(BrokerSettings.ephemeral());
        try {
            WiretapsViewModel vm = new WiretapsViewModel(backend, List::of, TaskExecutor.sameThread(), 100);
            vm.exposeBroker(true);
            vm.start(vm.localBroker());
            await().atMost(WAIT).until(() -> vm.localBroker().statusProperty().get() == WiretapEntry.Status.RUNNING);

            LocalBrokerFront front = backend.front();
            assertThat(front.listening()).allMatch(ListenUrl::wildcard);
            assertThat(front.exposed()).isTrue();
            assertThat(vm.localBroker().exposedProperty().get()).isTrue();
            String address = lanOrLoopback();
            assertThat(vm.localBroker().urls()).contains("mqtt://127.0.0.1:" + front.tcpPort(),
                    "mqtt://" + address + ":" + front.tcpPort());
            LocalAddresses.lan().forEach(a -> assertThat(vm.localBroker().urls())
                    .contains("ws://" + a + ":" + front.wsPort() + "/mqtt"));

            Mqtt3BlockingClient phone = MqttClient.builder().useMqttVersion3().identifier("phone-on-lan")
                    .serverHost(address).serverPort(front.tcpPort()).buildBlocking();
            phone.connect();
            phone.disconnect();
            await().atMost(WAIT).until(() -> {
                vm.pulse();
                return vm.localBroker().rows().stream().anyMatch(r -> r.client().startsWith(address + ":")
                        && r.packetsIn() >= 2 && r.state() == TapClientRow.State.CLOSED);
            });

            // taken back: loopback only, on the same ports, and the marker goes
            int tcpPort = front.tcpPort();
            vm.exposeBroker(false);
            assertThat(front.listening()).noneMatch(ListenUrl::wildcard);
            assertThat(front.tcpPort()).isEqualTo(tcpPort);
            assertThat(vm.localBroker().exposedProperty().get()).isFalse();
            assertThat(vm.localBroker().urls()).containsExactly("mqtt://127.0.0.1:" + front.tcpPort(),
                    "ws://127.0.0.1:" + front.wsPort() + "/mqtt");
            if (!LocalAddresses.lan().isEmpty()) {
                assertThatThrownBy(() -> {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(address, tcpPort), 5000);
                    }
                }).isInstanceOf(ConnectException.class);
            }
        } finally {
            backend.shutdown();
        }
    }

    @Test
    void the_broker_stays_on_loopback_unless_the_user_says_otherwise() {
        AppBackend backend = new AppBackend(BrokerSettings.ephemeral());
        try {
            backend.startLocalBroker();
            assertThat(backend.front().listening()).extracting(ListenUrl::host).containsOnly("127.0.0.1");
            assertThat(backend.front().exposed()).isFalse();
        } finally {
            backend.shutdown();
        }
    }

    @Test
    void the_choice_is_saved_with_the_settings_and_off_by_default(@TempDir Path dir) throws Exception {
        assertThat(UiSettings.DEFAULT.brokerOnLan()).isFalse();
        SettingsFile file = new SettingsFile(dir.resolve("ui.properties"));
        UiSettings on = new UiSettings(Locale.ENGLISH, false, 500, 500, null, true);
        file.save(on);
        assertThat(Files.readString(file.path())).contains("brokerOnLan=true");
        assertThat(file.load()).isEqualTo(on);
    }
}
