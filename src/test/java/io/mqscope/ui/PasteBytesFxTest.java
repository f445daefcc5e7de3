package io.mqscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.ui.packets.PasteBytesView;
import io.mqscope.ui.packets.PasteBytesViewModel;
import io.mqscope.wire.Finding;
import io.mqscope.wire.PacketType;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The "Paste bytes" analyzer on the WeChat mini-program CONNECT with a padded Remaining Length. */
@ExtendWith(ApplicationExtension.class)
class PasteBytesFxTest {
    /** corpus bad-wechat-connect-rl-padded-1a: Remaining Length written as 1a 00 00 00 by mqtt.js in WeChat. */
    static final String WECHAT_PADDED = "10 1a 00 00 00 00 04 4d 51 54 54 04 c2 00 3c 00 0a 63 6e 2e 6c 6f 6b 65 69 "
            + "2d 31 00 00 00 00";

    private PasteBytesView view;

    @Start
    void start(Stage stage) {
        ThemeSwitcher.apply(false);
        view = new PasteBytesView(new PasteBytesViewModel());
        Scene scene = new Scene(view.root(), 1100, 700);
        ThemeSwitcher.style(scene, false);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void shows_the_padded_remaining_length_diagnosis(FxRobot robot) {
        robot.interact(() -> view.viewModel().inputProperty().set(WECHAT_PADDED));
        robot.clickOn("#analyzeButton");
        PasteBytesViewModel vm = view.viewModel();
        assertThat(Fx.read(() -> List.copyOf(vm.packets()))).singleElement()
                .satisfies(p -> assertThat(p.type()).isEqualTo(PacketType.CONNECT));
        Label diagnosis = robot.lookup("#diagnosis").queryAs(Label.class);
        assertThat(Fx.read(() -> diagnosis.isVisible())).isTrue();
        assertThat(Fx.read(() -> diagnosis.getText())).containsIgnoringCase("padded").contains("1a 00 00 00");
        ListView<Finding> findings = robot.lookup("#findingList").queryListView();
        List<Finding> items = Fx.read(() -> List.copyOf(findings.getItems()));
        assertThat(items).anySatisfy(f -> assertThat(f.field()).isEqualTo("remaining_length"));
        StyleClassedTextArea hex = robot.lookup("#hexDump").queryAs(StyleClassedTextArea.class);
        assertThat(Fx.read(() -> hex.getText())).startsWith("0000  10 1a 00 00 00 00 04 4d  51 54 54 04 c2 00 3c 00");
        // choosing the remaining-length finding highlights its bytes in the dump
        Finding rl = items.stream().filter(f -> f.field().equals("remaining_length")).findFirst().orElseThrow();
        robot.interact(() -> findings.getSelectionModel().select(rl));
        assertThat(Fx.read(() -> vm.detail().highlightedProperty().get().offset())).isEqualTo(rl.offset());
        assertThat(Fx.read(() -> hex.getStyleOfChar(
                vm.detail().dumpProperty().get().hexStart(Math.max(rl.offset(), 0))))).contains("hx-sel");
    }

    /** Issue 13 item 8: the inspector hides a CONNECT password until "Show password" is ticked. */
    @Test
    void the_password_is_hidden_until_shown(FxRobot robot) {
        // CONNECT 3.1.1: client id "c", user "u", password "s3cret".
        robot.interact(() -> view.viewModel().inputProperty().set(
                "101800044d51545404c2003c0001630001750006733363726574"));
        robot.clickOn("#analyzeButton");
        StyleClassedTextArea hex = robot.lookup("#hexDump").queryAs(StyleClassedTextArea.class);
        CheckBox show = robot.lookup("#showPassword").queryAs(CheckBox.class);
        assertThat(Fx.read(() -> show.isVisible())).isTrue();
        assertThat(Fx.read(() -> hex.getText())).contains("** ** ** **  ** **").doesNotContain("s3cret")
                .doesNotContain("73 33 63");
        robot.clickOn("#showPassword");
        assertThat(Fx.read(() -> hex.getText())).contains("73 33 63 72  65 74").contains("s3cret");
    }

    /** Issue 14 item 3: stream findings read as findings, not as a record's toString. */
    @Test
    void stream_findings_are_rendered_as_text(FxRobot robot) {
        // a PUBLISH whose Remaining Length promises 5 bytes of which 2 arrived
        robot.interact(() -> view.viewModel().inputProperty().set("30 05 00 01"));
        robot.clickOn("#analyzeButton");
        assertThat(Fx.read(() -> List.copyOf(view.viewModel().streamFindings()))).isNotEmpty();
        List<String> shown = Fx.read(() -> robot.lookup("#streamFindings .list-cell").queryAllAs(ListCell.class)
                .stream().map(c -> c.getGraphic() instanceof Label l ? l.getText() : c.getText())
                .filter(t -> t != null && !t.isEmpty()).toList());
        assertThat(shown).isNotEmpty().allSatisfy(t -> assertThat(t).doesNotContain("Finding[")
                .startsWith("error  remaining_length @").contains("PUBLISH"));
    }

    /** Issue 14 item 2: a Wireshark dump with offsets and ASCII is one CONNECT, and the layout is named. */
    @Test
    void a_wireshark_dump_is_read_as_one_and_says_so(FxRobot robot) {
        robot.interact(() -> view.viewModel().inputProperty().set(
                "0000   10 1a 00 00 00 00 04 4d 51 54 54 04 c2 00 3c 00   .......MQTT...<.\n"
                + "0010   0a 63 6e 2e 6c 6f 6b 65 69 2d 31 00 00 00 00      .cn.lokei-1....\n"));
        robot.clickOn("#analyzeButton");
        assertThat(Fx.read(() -> List.copyOf(view.viewModel().packets()))).singleElement()
                .satisfies(p -> assertThat(p.type()).isEqualTo(PacketType.CONNECT));
        assertThat(Fx.read(() -> robot.lookup("#pasteLayout").queryAs(Label.class).getText()))
                .isEqualTo("Read as: Wireshark hex dump");
    }

    @Test
    void bad_hex_is_an_error_with_its_position(FxRobot robot) {
        robot.interact(() -> view.viewModel().inputProperty().set("10 1a 0g"));
        robot.clickOn("#analyzeButton");
        assertThat(Fx.read(() -> robot.lookup("#pasteError").queryAs(Label.class).getText()))
                .contains("column 8").contains("'g'");
        assertThat(Fx.read(() -> view.viewModel().packets().isEmpty())).isTrue();
    }
}
