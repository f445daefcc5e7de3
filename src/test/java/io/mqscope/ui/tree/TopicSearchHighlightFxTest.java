package io.mqscope.ui.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.session.MessageEvent;
import io.mqscope.session.MessageProperties;
import io.mqscope.session.PublishRequest;
import io.mqscope.ui.BuiltInBrokerWindow;
import io.mqscope.ui.Fx;
import io.mqscope.ui.I18n;
import io.mqscope.ui.connections.ConnectionEntry;
import io.mqscope.ui.messages.SearchHighlight;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListCell;
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

    /**
     * Publishes {@code payloads} on dev/a through the built-in broker (each comes back on dev/#), types "needle" in
     * the Messages search box and shows dev/a in the Topics tab with all of them in its history.
     */
    private TopicTreeViewModel searchedTopic(FxRobot robot, String... payloads) throws Exception {
        ConnectionEntry local = window.connectLocalBroker(robot);
        robot.interact(() -> {
            window.vm().subscriptions().filterProperty().set("dev/#");
            window.vm().subscriptions().add();
        });
        await().atMost(WAIT).until(() -> Fx.read(() -> window.vm().subscriptions().statusProperty().get())
                .equals(I18n.t("subscriptions.subscribed", "dev/#")));
        for (String text : payloads) {
            local.live().session().publish(new PublishRequest("dev/a", text.getBytes(StandardCharsets.UTF_8), 0,
                    false, MessageProperties.NONE)).get(10, TimeUnit.SECONDS);
        }
        TopicTreeViewModel topics = window.vm().topics();
        int messages = 2 * payloads.length; // each sent and received back
        await().atMost(WAIT).until(() -> Fx.read(() -> topics.treeProperty().get().find("dev/a") != null
                && topics.treeProperty().get().find("dev/a").messages() == messages));

        robot.clickOn("#messageSearch").write("needle");
        await().atMost(WAIT).until(() -> Fx.read(() -> topics.highlightProperty().get().text()).equals("needle"));
        robot.interact(() -> {
            window.view().selectTopicsTab();
            topics.selectedProperty().set(topics.treeProperty().get().find("dev/a"));
        });
        await().atMost(WAIT).until(() -> Fx.read(() -> topics.history().size()) == messages);
        return topics;
    }

    @Test
    void the_topics_viewer_marks_the_hits_of_the_messages_search(FxRobot robot) throws Exception {
        TopicTreeViewModel topics = searchedTopic(robot, "{\"alarm\": \"Needle in the haystack\"}");
        ListView<?> history = robot.lookup("#topicHistory").queryAs(ListView.class);
        robot.interact(() -> history.getSelectionModel().clearAndSelect(0));
        await().atMost(WAIT).until(() -> marked(robot));

        // the search box emptied: the marks go
        robot.interact(() -> robot.lookup("#messageSearch").queryAs(TextField.class).clear());
        await().atMost(WAIT).until(() -> Fx.read(() -> topics.highlightProperty().get().isEmpty()));
        await().atMost(WAIT).until(() -> !marked(robot) && Fx.read(() -> robot.lookup("#topicPayloadText")
                .queryAs(StyleClassedTextArea.class).getText().contains("Needle")));
    }

    /** The payloads of the history list's rows on screen that carry {@code :search-hit}, and of those that do not. */
    private static java.util.Map<Boolean, java.util.List<String>> hits(FxRobot robot) {
        return Fx.read(() -> {
            ListView<?> history = robot.lookup("#topicHistory").queryAs(ListView.class);
            return robot.from(history).lookup(".list-cell").queryAllAs(ListCell.class).stream()
                    .filter(c -> c.isVisible() && c.getItem() != null)
                    .collect(java.util.stream.Collectors.partitioningBy(
                            c -> c.getPseudoClassStates().contains(SearchHighlight.HIT),
                            java.util.stream.Collectors.mapping(c -> new String(((MessageEvent) c.getItem())
                                    .payload(), StandardCharsets.UTF_8), java.util.stream.Collectors.toList())));
        });
    }

    @Test
    void the_topics_history_list_marks_the_hits_of_the_messages_search(FxRobot robot) throws Exception {
        TopicTreeViewModel topics = searchedTopic(robot, "Needle in the haystack", "quiet reading");
        await().atMost(WAIT).until(() -> hits(robot).get(true).size() == 2);
        assertThat(hits(robot).get(true)).containsOnly("Needle in the haystack");
        assertThat(hits(robot).get(false)).containsExactly("quiet reading", "quiet reading");
        // the viewer marks the hit in a hit, and nothing in the next message shown (no mark carried over)
        select(robot, topics, "Needle in the haystack");
        await().atMost(WAIT).until(() -> viewerHits(robot).equals("Needle"));
        select(robot, topics, "quiet reading");
        await().atMost(WAIT).until(() -> Fx.read(() -> robot.lookup("#topicPayloadText")
                .queryAs(StyleClassedTextArea.class).getText()).equals("quiet reading"));
        assertThat(viewerHits(robot)).isEmpty();

        // another search while the list is on screen: its rows look again
        robot.interact(() -> window.vm().search().searchProperty().set("quiet"));
        await().atMost(WAIT).until(() -> hits(robot).get(true).equals(List.of("quiet reading", "quiet reading")));
        assertThat(hits(robot).get(false)).containsOnly("Needle in the haystack").hasSize(2);

        // the box emptied: no row is marked
        robot.interact(() -> window.vm().search().searchProperty().set(""));
        await().atMost(WAIT).until(() -> hits(robot).get(true).isEmpty());
        assertThat(hits(robot).get(false)).hasSize(4);
    }

    /** Selects the newest message of the history list whose payload is {@code text}. */
    private static void select(FxRobot robot, TopicTreeViewModel topics, String text) {
        ListView<?> history = robot.lookup("#topicHistory").queryAs(ListView.class);
        robot.interact(() -> history.getSelectionModel().clearAndSelect(topics.history().indexOf(topics.history()
                .stream().filter(m -> new String(m.payload(), StandardCharsets.UTF_8).equals(text)).findFirst()
                .orElseThrow())));
    }

    /** The characters the Topics viewer shows marked as search hits. */
    private static String viewerHits(FxRobot robot) {
        return Fx.read(() -> {
            StyleClassedTextArea area = robot.lookup("#topicPayloadText").queryAs(StyleClassedTextArea.class);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < area.getLength(); i++) {
                if (area.getStyleOfChar(i).contains("search-hit")) {
                    sb.append(area.getText().charAt(i));
                }
            }
            return sb.toString();
        });
    }
}
