package io.mqscope.ui.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.session.ConnectionState;
import io.mqscope.session.MessageProperties;
import io.mqscope.session.PublishRequest;
import io.mqscope.session.Session;
import io.mqscope.ui.BuiltInBrokerWindow;
import io.mqscope.ui.Fx;
import io.mqscope.ui.I18n;
import io.mqscope.ui.connections.ConnectionEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 15: the Topics tab shows the selected message in the same payload viewer as the Messages tab, diff
 * included: against the previous message on its topic, or between two messages selected with Ctrl+click.
 * Messages go through the embedded broker.
 */
@ExtendWith(ApplicationExtension.class)
class TopicPayloadDiffFxTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private BuiltInBrokerWindow window;

    @Start
    void start(Stage stage) {
        window = BuiltInBrokerWindow.open(stage);
    }

    @AfterEach
    void stop(FxRobot robot) {
        window.close(robot);
    }

    private static String dump(javafx.scene.control.TreeItem<?> item) {
        StringBuilder sb = new StringBuilder(String.valueOf(item.getValue()));
        for (javafx.scene.control.TreeItem<?> c : item.getChildren()) {
            sb.append('\n').append(dump(c));
        }
        return sb.toString();
    }

    @Test
    void the_topic_viewer_diffs_a_message_against_the_previous_one_on_its_topic(FxRobot robot) throws Exception {
        ConnectionEntry local = Fx.read(() -> window.vm().connections().entries().get(0));
        robot.interact(() -> window.vm().connections().connect(local));
        await().atMost(WAIT).until(() -> Fx.read(() -> local.stateProperty().get()) == ConnectionState.CONNECTED);
        robot.interact(() -> {
            window.view().selectTopicsTab();
            window.vm().subscriptions().filterProperty().set("dev/#");
            window.vm().subscriptions().add();
        });
        await().atMost(WAIT).until(() -> Fx.read(() -> window.vm().subscriptions().statusProperty().get())
                .equals(I18n.t("subscriptions.subscribed", "dev/#")));
        Session s = local.live().session();
        for (String json : new String[] {"{\"t\":20,\"mode\":\"eco\"}", "{\"t\":21,\"fan\":true}",
            "{\"t\":23,\"fan\":true}"}) {
            s.publish(new PublishRequest("dev/a", json.getBytes(StandardCharsets.UTF_8), 0, false,
                    MessageProperties.NONE)).get(10, TimeUnit.SECONDS);
        }
        TopicTreeViewModel topics = window.vm().topics();
        // three sent and three received on dev/a
        await().atMost(WAIT).until(() -> Fx.read(() -> topics.treeProperty().get().find("dev/a") != null
                && topics.treeProperty().get().find("dev/a").messages() == 6));
        robot.interact(() -> topics.selectedProperty().set(topics.treeProperty().get().find("dev/a")));
        await().atMost(WAIT).until(() -> Fx.read(() -> topics.history().size()) == 6);

        // the newest received message, then the viewer's diff toggle: against the received one before it
        ListView<?> history = robot.lookup("#topicHistory").queryAs(ListView.class);
        int newestIn = Fx.read(() -> {
            for (int i = 0; i < topics.history().size(); i++) {
                if (!topics.history().get(i).outgoing()) {
                    return i;
                }
            }
            return -1;
        });
        robot.interact(() -> history.getSelectionModel().clearAndSelect(newestIn));
        assertThat(Fx.read(() -> robot.lookup("#topicPayloadText").query().getParent().isVisible())).isTrue();
        robot.clickOn("#topicPayloadDiffToggle");
        assertThat(Fx.read(() -> robot.lookup("#topicPayloadDiffToggle").queryAs(ToggleButton.class).isSelected()))
                .isTrue();
        await().atMost(WAIT).until(() -> Fx.read(() -> robot.lookup("#topicPayloadDiffSummary").queryAs(Label.class)
                .getText()).equals(I18n.t("diff.summary.json", 1, 0, 0)));
        assertThat(Fx.read(() -> robot.lookup("#topicPayloadDiffHeading").queryAs(Label.class).getText()))
                .startsWith(I18n.t("diff.previous", "dev/a", "x", "y").substring(0, 5));
        TreeView<?> tree = robot.lookup("#topicPayloadDiffTree").queryAs(TreeView.class);
        assertThat(Fx.read(() -> tree.isVisible())).isTrue();
        assertThat(Fx.read(() -> dump(tree.getRoot()))).contains("$.t").contains("21").contains("23")
                .doesNotContain("fan");

        // two selected: the oldest received against the newest received (mode removed, fan added, t changed)
        int oldestIn = Fx.read(() -> {
            for (int i = topics.history().size() - 1; i >= 0; i--) {
                if (!topics.history().get(i).outgoing()) {
                    return i;
                }
            }
            return -1;
        });
        robot.interact(() -> history.getSelectionModel().selectIndices(newestIn, oldestIn));
        await().atMost(WAIT).until(() -> Fx.read(() -> robot.lookup("#topicPayloadDiffSummary").queryAs(Label.class)
                .getText()).equals(I18n.t("diff.summary.json", 1, 1, 1)));
        // the Messages tab's viewer is untouched
        assertThat(Fx.read(() -> window.vm().payload().diff().shownProperty().get())).isFalse();
    }
}
