package io.mqscope.ui.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.doctor.DoctorRule;
import io.mqscope.doctor.Insight;
import io.mqscope.doctor.PacketRef;
import io.mqscope.doctor.Words;
import io.mqscope.ui.BuiltInBrokerWindow;
import io.mqscope.ui.Fx;
import io.mqscope.ui.main.MainViewModel;
import io.mqscope.wire.Direction;
import java.util.List;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The main window's Insights tab: it lists what the doctor found and a double click opens the Packets tab. */
@ExtendWith(ApplicationExtension.class)
class InsightsTabFxTest {
    private BuiltInBrokerWindow window;

    @Start
    void start(Stage stage) {
        window = BuiltInBrokerWindow.open(stage);
    }

    @AfterEach
    void stop(FxRobot robot) {
        window.close(robot);
    }

    @Test
    void an_insight_is_listed_and_opens_the_packets_tab(FxRobot robot) {
        MainViewModel vm = window.vm();
        Insight refused = new Insight(DoctorRule.CONNACK_REFUSED, DoctorRule.CONNACK_REFUSED.severity(),
                List.of("r1"), List.of(new PacketRef("r1", Direction.CLIENT_TO_BROKER, 0)),
                List.of(Words.of("connack.refused.0x86", "0x86", "dev-1"), Words.of("connack.sent.nothing")),
                Words.of("connack.refused.0x86.fix"), 0);
        TabPane tabs = robot.lookup(".tab-pane").queryAllAs(TabPane.class).stream()
                .filter(p -> p.getTabs().stream().anyMatch(t -> "insightsTab".equals(t.getId()))).findFirst()
                .orElseThrow();
        Tab insights = tabs.getTabs().stream().filter(t -> "insightsTab".equals(t.getId())).findFirst().orElseThrow();
        robot.interact(() -> tabs.getSelectionModel().select(insights));
        robot.interact(() -> vm.insights().show(List.of(refused)));
        ListView<?> list = robot.lookup("#insightsList").queryAs(ListView.class);
        assertThat(list.getItems()).hasSize(1);
        robot.doubleClickOn(robot.lookup("#insightsList .list-cell").nth(0).queryAs(javafx.scene.Node.class));
        assertThat(Fx.read(() -> tabs.getSelectionModel().getSelectedItem().getId()))
                .as("the Packets tab is shown after opening the insight").isEqualTo("packetsTab");
    }
}
