package io.mqscope.ui.wiretap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.mqscope.broker.BrokerSettings;
import io.mqscope.tap.PacketEvent;
import io.mqscope.ui.DesktopApp;
import io.mqscope.ui.Fx;
import io.mqscope.ui.app.AppBackend;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.insights.InsightRow;
import io.mqscope.ui.main.MainView;
import io.mqscope.ui.settings.UiSettings;
import io.mqscope.wire.PacketType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * One Insights list per wiretap, across its clients, in the real main window (headless Monocle): two real HiveMQ
 * Java clients with one client id through the built-in broker's wiretap; the takeover, which names both clients,
 * is listed in the Wiretap tab before any client is chosen, and opening it shows the displacing client in the
 * inspector (and selects it in the Wiretaps pane) with its CONNECT selected.
 */
@ExtendWith(ApplicationExtension.class)
class TapWideInsightsFxTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private AppBackend backend;
    private ExecutorService pool;
    private MainView view;

    @Start
    void start(Stage stage) {
        backend = new AppBackend(BrokerSettings.ephemeral());
        pool = Executors.newCachedThreadPool();
        view = DesktopApp.open(stage, UiSettings.DEFAULT, backend, ProfileRepository.inMemory(List.of()), pool);
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(view::shutdown);
        backend.shutdown();
        pool.shutdownNow();
    }

    private WiretapsViewModel vm() {
        return view.viewModel().wiretaps();
    }

    @Test
    void a_takeover_between_two_clients_is_listed_for_the_wiretap_and_opens_on_the_right_client(FxRobot robot) {
        WiretapEntry local = Fx.read(() -> vm().localBroker());
        robot.clickOn("#startWiretapButton");
        await().atMost(WAIT).until(() -> Fx.read(() -> local.statusProperty().get()) == WiretapEntry.Status.RUNNING);
        int port = backend.front().tcpPort();
        robot.interact(() -> {
            Tab tab = robot.lookup(".tab-pane").queryAllAs(TabPane.class).stream()
                    .flatMap(p -> p.getTabs().stream()).filter(t -> "wiretapTab".equals(t.getId())).findFirst()
                    .orElseThrow();
            tab.getTabPane().getSelectionModel().select(tab);
        });

        Mqtt5BlockingClient simulator = client(port);
        simulator.connect();
        Mqtt5BlockingClient phone = client(port);
        phone.connect();
        try {
            ListView<InsightRow> list = robot.lookup("#tapWideInsightsList").queryListView();
            await().atMost(WAIT).until(() -> Fx.read(() -> list.getItems().stream()
                    .anyMatch(r -> r.rule().equals("client_id.takeover"))));
            Node wide = robot.lookup("#tapWideInsights").query();
            assertThat(Fx.read(wide::isVisible)).isTrue();
            assertThat(Fx.read(() -> vm().selectedClientProperty().get())).as("no client chosen yet").isNull();
            InsightRow takeover = Fx.read(() -> list.getItems().stream()
                    .filter(r -> r.rule().equals("client_id.takeover")).findFirst().orElseThrow());
            assertThat(takeover.insight().conns()).hasSize(2);
            String displacing = takeover.firstPacket().conn();
            assertThat(takeover.connections()).contains(displacing);

            // a double click on the row, as the user opens it
            robot.interact(() -> list.getSelectionModel().select(takeover));
            int index = Fx.read(() -> list.getItems().indexOf(takeover));
            robot.doubleClickOn(robot.from(list).lookup(".list-cell").nth(index).queryAs(Node.class));

            await().atMost(WAIT).until(() -> Fx.read(() -> vm().selectedClientProperty().get() != null));
            assertThat(Fx.read(() -> vm().selectedClientProperty().get().key())).isEqualTo(displacing);
            assertThat(Fx.read(() -> vm().inspector().shownKey())).isEqualTo(displacing);
            PacketEvent selected = Fx.read(() -> vm().inspector().packets().selectedProperty().get());
            assertThat(selected.packet().type()).isEqualTo(PacketType.CONNECT);
            assertThat(selected.connectionId()).isEqualTo(displacing);
            TreeView<Object> tree = robot.lookup("#wiretapTree").query();
            TreeItem<Object> chosen = Fx.read(() -> tree.getSelectionModel().getSelectedItem());
            assertThat(chosen.getValue()).isInstanceOfSatisfying(TapClientRow.class,
                    r -> assertThat(r.key()).isEqualTo(displacing));

            // opened again: its next packet, on the other client (HiveMQ's DISCONNECT 0x8E to the displaced one)
            String displaced = takeover.insight().packets().get(1).conn();
            assertThat(displaced).isNotEqualTo(displacing);
            robot.interact(() -> vm().inspector().tapInsights().open(takeover));
            assertThat(Fx.read(() -> vm().inspector().shownKey())).isEqualTo(displaced);
            PacketEvent disconnect = Fx.read(() -> vm().inspector().packets().selectedProperty().get());
            assertThat(disconnect.packet().type()).isEqualTo(PacketType.DISCONNECT);
            assertThat(disconnect.connectionId()).isEqualTo(displaced);
        } finally {
            phone.disconnect();
        }
    }

    private static Mqtt5BlockingClient client(int port) {
        return MqttClient.builder().useMqttVersion5().identifier("fx-twin").serverHost("127.0.0.1").serverPort(port)
                .buildBlocking();
    }
}
