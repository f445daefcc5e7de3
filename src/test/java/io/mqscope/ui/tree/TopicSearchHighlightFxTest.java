package io.mqscope.ui.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.session.MessageProperties;
import io.mqscope.session.PublishRequest;
import io.mqscope.ui.BuiltInBrokerWindow;
import io.mqscope.ui.Fx;
import io.mqscope.ui.I18n;
import io.mqscope.ui.connections.ConnectionEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 15: the Messages search box is the window's one search; what it holds is marked in the Topics tab's payload
 * viewer as in the Messages tab's, and the marks go when the box is cleared. Messages go through the embedded broker.
 */
@ExtendWith(ApplicationExtension.class)
class TopicSearchHighlightFxTest {
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

    /** Whether the Topics viewer marks "Needle" (and not the text before it) as a search hit. */
    private static boolean marked(FxRobot robot) {
        return Fx.read(() -> {
            StyleClassedTextArea area = robot.lookup("#topicPayloadText").queryAs(StyleClassedTextArea.class);
            int at = area.getText().indexOf("Needle");
            return at >= 0 && area.getStyleOfChar(at + 1).contains("search-hit")
                    && !area.getStyleOfChar(Math.max(0, at - 3)).contains("search-hit");
        });
    }

    @Test
    void the_topics_viewer_marks_the_hits_of_the_messages_search(FxRobot robot) throws Exception {
        ConnectionEntry local = window.connectLocalBroker(robot);
        robot.interact(() -> {
            window.vm().subscriptions().filterProperty().set("dev/#");
            window.vm().subscriptions().add();
        });
        await().atMost(WAIT).until(() -> Fx.read(() -> window.vm().subscriptions().statusProperty().get())
                .equals(I18n.t("subscriptions.subscribed", "dev/#")));
        local.live().session().publish(new PublishRequest("dev/a", "{\"alarm\": \"Needle in the haystack\"}"
                .getBytes(StandardCharsets.UTF_8), 0, false, MessageProperties.NONE)).get(10, TimeUnit.SECONDS);
        TopicTreeViewModel topics = window.vm().topics();
        await().atMost(WAIT).until(() -> Fx.read(() -> topics.treeProperty().get().find("dev/a") != null
                && topics.treeProperty().get().find("dev/a").messages() == 2));

        robot.clickOn("#messageSearch").write("needle");
        await().atMost(WAIT).until(() -> Fx.read(() -> topics.highlightProperty().get().text()).equals("needle"));

        robot.interact(() -> {
            window.view().selectTopicsTab();
            topics.selectedProperty().set(topics.treeProperty().get().find("dev/a"));
        });
        await().atMost(WAIT).until(() -> Fx.read(() -> topics.history().size()) == 2);
        ListView<?> history = robot.lookup("#topicHistory").queryAs(ListView.class);
        robot.interact(() -> history.getSelectionModel().clearAndSelect(0));
        await().atMost(WAIT).until(() -> marked(robot));

        // the search box emptied: the marks go
        robot.interact(() -> robot.lookup("#messageSearch").queryAs(TextField.class).clear());
        await().atMost(WAIT).until(() -> Fx.read(() -> topics.highlightProperty().get().isEmpty()));
        await().atMost(WAIT).until(() -> !marked(robot) && Fx.read(() -> robot.lookup("#topicPayloadText")
                .queryAs(StyleClassedTextArea.class).getText().contains("Needle")));
    }
}
