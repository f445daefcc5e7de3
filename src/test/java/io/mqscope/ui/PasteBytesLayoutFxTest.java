package io.mqscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.payload.HexParser;
import io.mqscope.ui.packets.PasteBytesView;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.Secrets;
import io.mqscope.wire.StreamDecoder;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 14 items 9 and 12: Paste bytes says how to use it, closes with Escape or its Close button, claims nothing
 * before an analysis, shows the whole diagnosis and the repaired bytes (copyable, as the CLI prints them) without
 * anything drawn over another, and its packet list is not clipped.
 */
@ExtendWith(ApplicationExtension.class)
class PasteBytesLayoutFxTest {
    private Stage owner;

    @Start
    void start(Stage stage) {
        ThemeSwitcher.apply(false);
        owner = stage;
        stage.setScene(new Scene(new StackPane(), 300, 200));
        stage.show();
    }

    private static Bounds bounds(Node n) {
        return n.localToScene(n.getLayoutBounds());
    }

    @Test
    void a_hint_no_claim_before_analysis_and_escape_or_close_closes(FxRobot robot) {
        Stage paste = Fx.read(() -> PasteBytesView.open(owner));
        Scene scene = paste.getScene();
        assertThat(Fx.read(() -> ((Label) scene.lookup("#pasteHint")).getText())).contains("Wireshark");
        ListView<?> findings = (ListView<?>) scene.lookup("#findingList");
        assertThat(Fx.read(() -> ((Label) findings.getPlaceholder()).getText()))
                .isEqualTo(I18n.t("packets.noneSelected")).isNotEqualTo(I18n.t("packets.noFindings"));
        robot.interact(() -> scene.lookup("#pasteInput").requestFocus());
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Fx.read(paste::isShowing)).isFalse();

        Stage again = Fx.read(() -> PasteBytesView.open(owner));
        robot.interact(() -> ((Button) again.getScene().lookup("#pasteCloseButton")).fire());
        assertThat(Fx.read(again::isShowing)).isFalse();
    }

    @Test
    void the_diagnosis_and_repair_show_whole_and_nothing_overlaps(FxRobot robot) {
        Stage paste = Fx.read(() -> PasteBytesView.open(owner));
        Scene scene = paste.getScene();
        robot.interact(() -> {
            ((TextArea) scene.lookup("#pasteInput")).setText(PasteBytesFxTest.WECHAT_PADDED);
            ((Button) scene.lookup("#analyzeButton")).fire();
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> { });
        WaitForAsyncUtils.waitForFxEvents();

        Node diagnosisScroll = scene.lookup("#diagnosisScroll");
        Label diagnosis = (Label) scene.lookup("#diagnosis");
        Node findings = scene.lookup("#findingList");
        Node tree = scene.lookup("#fieldTree");
        assertThat(Fx.read(diagnosis::getText)).isNotEmpty();
        // the whole text is laid out (the pane scrolls when it is taller than its viewport)
        assertThat(Fx.read(() -> diagnosis.getHeight())).isGreaterThanOrEqualTo(
                Fx.read(() -> diagnosis.prefHeight(diagnosis.getWidth())) - 1);
        assertThat(Fx.read(() -> bounds(diagnosisScroll).intersects(bounds(findings)))).isFalse();
        assertThat(Fx.read(() -> bounds(diagnosisScroll).intersects(bounds(tree)))).isFalse();
        assertThat(Fx.read(() -> bounds(findings).intersects(bounds(tree)))).isFalse();
        assertThat(Fx.read(() -> findings.getLayoutBounds().getHeight())).isGreaterThanOrEqualTo(3 * 24);

        DecodedPacket p = new StreamDecoder(Direction.CLIENT_TO_BROKER, 0)
                .decodeAll(HexParser.parse(PasteBytesFxTest.WECHAT_PADDED).value()).get(0);
        String cli = Secrets.hex(p.repaired(), Secrets.passwordInRepair(p), " ");
        assertThat(Fx.read(() -> ((TextField) scene.lookup("#repairedBytes")).getText())).isEqualTo(cli)
                .startsWith("10 1a 00 04");
        robot.interact(() -> ((Button) scene.lookup("#copyRepaired")).fire());
        assertThat(Fx.read(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(cli);

        // the packet list's rows are not cut short ("#0 CONNECT 31 by")
        ListCell<?> cell = Fx.read(() -> scene.lookup("#pastePackets").lookupAll(".list-cell").stream()
                .map(n -> (ListCell<?>) n).filter(c -> !c.isEmpty()).findFirst().orElseThrow());
        assertThat(Fx.read(() -> ((Text) cell.lookup(".text")).getText())).isEqualTo(Fx.read(cell::getText));
        robot.interact(paste::close);
    }

    /** The screenshot's case (a Wireshark dump at 1280x760, the first finding selected): its row shows whole. */
    @Test
    void the_first_finding_row_is_wholly_visible(FxRobot robot) {
        Stage paste = Fx.read(() -> {
            Stage s = PasteBytesView.open(owner);
            s.setWidth(1280);
            s.setHeight(760);
            return s;
        });
        Scene scene = paste.getScene();
        robot.interact(() -> {
            ((TextArea) scene.lookup("#pasteInput")).setText(
                    "0000   10 1a 00 00 00 00 04 4d 51 54 54 04 c2 00 3c 00   .......MQTT...<.\n"
                    + "0010   0a 63 6e 2e 6c 6f 6b 65 69 2d 31 00 00 00 00      .cn.lokei-1....\n");
            ((Button) scene.lookup("#analyzeButton")).fire();
        });
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        ListView<io.mqscope.wire.Finding> findings = (ListView<io.mqscope.wire.Finding>) scene.lookup("#findingList");
        robot.interact(() -> findings.getSelectionModel().select(0));
        for (int i = 0; i < 5; i++) {
            robot.interact(() -> { }); // a few pulses: the wrapped rows get their heights
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertThat(Fx.read(() -> findings.getItems().size())).isGreaterThan(1);
        ListCell<?> first = Fx.read(() -> findings.lookupAll(".list-cell").stream().map(n -> (ListCell<?>) n)
                .filter(c -> c.getIndex() == 0 && c.isVisible()).findFirst().orElseThrow());
        Bounds list = Fx.read(() -> bounds(findings));
        Bounds row = Fx.read(() -> bounds(first));
        assertThat(row.getMinY()).as("top of the first finding row").isGreaterThanOrEqualTo(list.getMinY() - 0.5);
        assertThat(row.getMaxY()).as("bottom of the first finding row").isLessThanOrEqualTo(list.getMaxY() + 0.5);
        // the row's wrapped text fits in the row: a row sized for fewer lines draws its first and last line outside
        // it, over the diagnosis above and the next row below (what the screenshot showed)
        Label text = (Label) Fx.read(first::getGraphic);
        assertThat(Fx.read(() -> text.getHeight())).as("the finding's text laid out whole")
                .isGreaterThanOrEqualTo(Fx.read(() -> text.prefHeight(text.getWidth())) - 0.5);
        Bounds shown = Fx.read(() -> bounds(text));
        assertThat(shown.getMinY()).as("top of the first finding's text").isGreaterThanOrEqualTo(row.getMinY() - 0.5);
        assertThat(shown.getMaxY()).as("bottom of the first finding's text").isLessThanOrEqualTo(row.getMaxY() + 0.5);
        robot.interact(paste::close);
    }
}
