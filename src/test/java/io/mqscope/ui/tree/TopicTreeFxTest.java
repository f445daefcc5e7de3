package io.mqscope.ui.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.mqscope.ui.BuiltInBrokerWindow;
import io.mqscope.ui.Fx;
import io.mqscope.ui.I18n;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Topics tab in the real window against the built-in HiveMQ CE: retained messages put on the broker by another
 * client arrive with the retain flag and fill the tree; a click selects a node, a crumb selects its parent, and
 * "Delete retained" on a subtree clears every retained message below it on the broker (a fresh subscriber gets
 * none) while one outside it stays.
 */
@ExtendWith(ApplicationExtension.class)
class TopicTreeFxTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> UNDER_PLANT = List.of("plant/line1/hum", "plant/line1/temp",
            "plant/line2/temp");

    private BuiltInBrokerWindow window;

    @Start
    void start(Stage stage) {
        window = BuiltInBrokerWindow.open(stage);
    }

    @AfterEach
    void stop(FxRobot robot) {
        window.close(robot);
    }

    private TopicTreeViewModel topics() {
        return window.vm().topics();
    }

    private Mqtt5BlockingClient client(String id) {
        Mqtt5BlockingClient c = MqttClient.builder().useMqttVersion5().identifier(id).serverHost("127.0.0.1")
                .serverPort(window.backend().broker().tcpPort()).buildBlocking();
        c.connect();
        return c;
    }

    @Test
    void delete_retained_on_a_subtree_clears_the_broker_and_the_counts(FxRobot robot) throws Exception {
        window.connectLocalBroker(robot);

        Mqtt5BlockingClient seeder = client("seeder");
        for (String t : UNDER_PLANT) {
            seeder.publishWith().topic(t).payload(("{\"v\":\"" + t + "\"}").getBytes(StandardCharsets.UTF_8))
                    .qos(MqttQos.AT_LEAST_ONCE).retain(true).send();
        }
        seeder.publishWith().topic("office/keep").payload("stays".getBytes(StandardCharsets.UTF_8))
                .qos(MqttQos.AT_LEAST_ONCE).retain(true).send();
        seeder.disconnect();

        robot.interact(() -> {
            window.view().selectTopicsTab();
            window.vm().subscriptions().filterProperty().set("#");
            window.vm().subscriptions().qosProperty().set(1);
            window.vm().subscriptions().add();
        });
        await().atMost(WAIT).until(() -> Fx.read(() -> {
            TopicNode root = topics().treeProperty().get().root();
            return root.retainedBelow() == 4;
        }));
        assertThat(Fx.read(() -> topics().treeProperty().get().retainedTopics(
                topics().treeProperty().get().find("plant")))).containsExactlyElementsOf(UNDER_PLANT);

        // the tree shows the first level; a click on "plant" selects it and its history lists the subtree
        TreeView<?> tree = robot.lookup("#topicTree").query();
        await().atMost(WAIT).until(() -> Fx.read(() -> tree.getExpandedItemCount() == 2));
        Label plantRow = robot.lookup("#topicTree .topic-name").<Label>match(n -> "plant".equals(((Label) n)
                .getText())).query();
        robot.clickOn(plantRow);
        assertThat(Fx.read(() -> topics().selectedProperty().get().topic())).isEqualTo("plant");
        await().atMost(WAIT).until(() -> Fx.read(() -> topics().history().size()) == 3);
        assertThat(Fx.read(() -> robot.lookup("#topicNodeSummary").queryAs(Label.class).getText()))
                .isEqualTo(I18n.t("topics.node", "plant", 3, 3, 3));

        // a deeper node, then its crumb "plant" brings the selection back up
        robot.interact(() -> topics().selectedProperty().set(topics().treeProperty().get().find("plant/line1/temp")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Fx.read(() -> topics().history().get(0).topic())).isEqualTo("plant/line1/temp");
        Button crumb = robot.lookup("#topicCrumbs .button").<Button>match(n -> "plant".equals(((Button) n)
                .getText())).query();
        robot.clickOn(crumb);
        assertThat(Fx.read(() -> topics().selectedProperty().get().topic())).isEqualTo("plant");
        assertThat(Fx.read(() -> tree.getSelectionModel().getSelectedItem().getValue()))
                .isSameAs(Fx.read(() -> topics().selectedProperty().get()));

        robot.clickOn("#deleteRetainedButton");
        TextArea list = robot.lookup("#deleteRetainedList").queryAs(TextArea.class);
        String listed = Fx.read(list::getText);
        assertThat(listed).startsWith(I18n.t("topics.delete.confirm", 3, "plant"))
                .contains(UNDER_PLANT).doesNotContain("office/keep");
        robot.clickOn(I18n.t("topics.delete.confirmButton", 3));

        await().atMost(WAIT).until(() -> Fx.read(() -> topics().deleteStatusProperty().get())
                .equals(I18n.t("topics.delete.done", 3)));
        assertThat(Fx.read(() -> robot.lookup("#deleteStatus").queryAs(Label.class).getText()))
                .isEqualTo(I18n.t("topics.delete.done", 3));
        await().atMost(WAIT).until(() -> Fx.read(() -> topics().treeProperty().get().find("plant")
                .retainedBelow()) == 0);
        assertThat(Fx.read(() -> topics().treeProperty().get().root().retainedBelow())).isEqualTo(1);
        await().atMost(WAIT).until(() -> Fx.read(() -> robot.lookup("#topicNodeSummary").queryAs(Label.class)
                .getText().equals(I18n.t("topics.node", "plant", topics().selectedProperty().get().total(), 3, 0))));

        // the broker: a fresh subscriber gets no retained message under plant/, and still the one outside it
        Mqtt5BlockingClient fresh = client("fresh");
        try (Mqtt5BlockingClient.Mqtt5Publishes got = fresh.publishes(MqttGlobalPublishFilter.ALL)) {
            fresh.subscribeWith().topicFilter("plant/#").qos(MqttQos.AT_LEAST_ONCE).send();
            // absence can only be shown by waiting a while: the broker sends retained messages right after SUBACK
            Optional<Mqtt5Publish> none = got.receive(3, TimeUnit.SECONDS);
            assertThat(none).as("retained message left under plant/").isEmpty();
            fresh.subscribeWith().topicFilter("office/#").qos(MqttQos.AT_LEAST_ONCE).send();
            Optional<Mqtt5Publish> kept = got.receive(10, TimeUnit.SECONDS);
            assertThat(kept).isPresent();
            assertThat(kept.get().getTopic().toString()).isEqualTo("office/keep");
            assertThat(kept.get().isRetain()).isTrue();
        } finally {
            fresh.disconnect();
        }
    }
}
