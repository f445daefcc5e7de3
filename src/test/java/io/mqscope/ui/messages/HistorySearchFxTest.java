package io.mqscope.ui.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.session.MessageProperties;
import io.mqscope.session.PublishRequest;
import io.mqscope.session.Session;
import io.mqscope.store.HistoryLimits;
import io.mqscope.store.HistoryStore;
import io.mqscope.ui.BuiltInBrokerWindow;
import io.mqscope.ui.Fx;
import io.mqscope.ui.I18n;
import io.mqscope.ui.connections.ConnectionEntry;
import io.mqscope.ui.main.MainViewModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 15, search: in the real window against the embedded broker, with the history on disk. Messages are
 * published and received, the list is cleared (its in-memory log goes), and the search box still finds every match
 * in the stored history with its count; next selects a hit, which the list and the payload viewer highlight; a hex
 * search finds bytes; the direction filter narrows the count.
 */
@ExtendWith(ApplicationExtension.class)
class HistorySearchFxTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private HistoryStore history;
    private BuiltInBrokerWindow window;

    @Start
    void start(Stage stage) throws Exception {
        history = HistoryStore.openIn(dir, HistoryLimits.DEFAULT);
        window = BuiltInBrokerWindow.with().history(history).open(stage);
    }

    @AfterEach
    void stop(FxRobot robot) {
        window.close(robot);
        history.close();
    }

    private MainViewModel vm() {
        return window.vm();
    }

    private String countText(FxRobot robot) {
        return Fx.read(() -> robot.lookup("#searchCount").queryAs(Label.class).getText());
    }

    @Test
    void search_counts_every_stored_match_and_highlights_the_hit(FxRobot robot) throws Exception {
        ConnectionEntry local = window.connectLocalBroker(robot);
        robot.interact(() -> {
            vm().subscriptions().filterProperty().set("ui/search/#");
            vm().subscriptions().add();
        });
        await().atMost(WAIT).until(() -> Fx.read(() -> vm().subscriptions().statusProperty().get())
                .equals(I18n.t("subscriptions.subscribed", "ui/search/#")));

        Session s = local.live().session();
        for (int i = 0; i < 600; i++) {
            String text = i % 200 == 7 ? "{\"alarm\": \"Needle in the haystack " + i + "\"}" : "reading " + i;
            s.publish(new PublishRequest("ui/search/" + (i % 10), text.getBytes(StandardCharsets.UTF_8), 0, false,
                    MessageProperties.NONE)).get(10, TimeUnit.SECONDS);
        }
        s.publish(new PublishRequest("ui/search/bin", new byte[] {0, (byte) 0xde, (byte) 0xad, (byte) 0xbe,
            (byte) 0xef, 1}, 0, false, MessageProperties.NONE)).get(10, TimeUnit.SECONDS);
        // 601 sent and 601 received
        await().atMost(WAIT).until(() -> local.live().receivedCount() == 601);
        history.flush(10_000);
        await().atMost(WAIT).until(() -> history.count(io.mqscope.store.HistoryQuery.all(local.live().id()))
                == 1202);

        // what the window holds in memory goes; the history on disk stays
        robot.interact(() -> vm().messages().clear());
        assertThat(Fx.read(() -> vm().messages().visible().size())).isZero();

        robot.clickOn("#messageSearch").write("needle");
        await().atMost(WAIT).until(() -> countText(robot).equals(I18n.t("search.count", 6)));
        assertThat(Fx.read(() -> vm().messages().visible().size())).isEqualTo(6);

        robot.clickOn("#searchNext");
        MessageRow hit = Fx.read(() -> vm().messages().selectedProperty().get());
        assertThat(hit).isNotNull();
        assertThat(new String(hit.event().payload(), StandardCharsets.UTF_8)).contains("Needle");
        assertThat(countText(robot)).endsWith(I18n.t("search.hit", 1, 6));
        // the payload viewer marks the hit where it is, whatever its case
        await().atMost(WAIT).until(() -> Fx.read(() -> {
            StyleClassedTextArea area = robot.lookup("#payloadText").queryAs(StyleClassedTextArea.class);
            int at = area.getText().indexOf("Needle");
            return at >= 0 && area.getStyleOfChar(at + 1).contains("search-hit")
                    && !area.getStyleOfChar(Math.max(0, at - 3)).contains("search-hit");
        }));
        // and the list marks the hits
        assertThat(Fx.read(() -> robot.lookup(".bubble").queryAll().stream()
                .filter(Node::isVisible)
                .filter(n -> n.getPseudoClassStates().contains(SearchHighlight.HIT)).count())).isGreaterThan(0);

        // received only: half of them
        robot.interact(() -> robot.lookup("#filterDirection").queryAs(ChoiceBox.class)
                .setValue(HistorySearchViewModel.DirectionChoice.IN));
        await().atMost(WAIT).until(() -> countText(robot).equals(I18n.t("search.count", 3)));
        assertThat(Fx.read(() -> vm().messages().visible().stream().noneMatch(r -> r.event().outgoing()))).isTrue();

        // hex bytes
        robot.interact(() -> vm().search().searchProperty().set("DE AD BE EF"));
        await().atMost(WAIT).until(() -> countText(robot).equals(I18n.t("search.count", 1)));
        assertThat(Fx.read(() -> vm().messages().visible().get(0).event().topic())).isEqualTo("ui/search/bin");

        // an empty box goes back to the live list
        robot.interact(() -> vm().search().searchProperty().set(""));
        assertThat(Fx.read(() -> vm().messages().showingResults())).isFalse();
        assertThat(countText(robot)).isEmpty();
    }
}
