package io.mqscope.ui.editor;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.auth.Signer;
import io.mqscope.profile.Profile;
import io.mqscope.ui.Fx;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.TaskExecutor;
import java.util.Map;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 14 item 14: an Aliyun-signed profile's General tab shows where it really connects (greyed, "from signing"),
 * the vendor list shows names, and the computed credentials are seen whole without scrolling.
 */
@ExtendWith(ApplicationExtension.class)
class SignedProfileFxTest {
    static final Profile ALIYUN = Profile.builder().id("aliyun-device").name("Aliyun device")
            .signing(new Profile.Signing("aliyun-iot", Map.of("productKey", "a1FxISeKbq9", "deviceName", "dev01",
                    "deviceSecret", "s3cr3t", "timestamp", "1700000000000"))).build();
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void english() {
        I18n.setLocale(I18n.ENGLISH);
    }

    private void show(FxRobot robot) {
        robot.interact(() -> {
            ConnectionEditorView v = new ConnectionEditorView(
                    new ConnectionEditorViewModel(ALIYUN, TaskExecutor.sameThread()), "secrets note");
            stage.setScene(new Scene(v.root(), 920, 560));
            stage.show();
        });
    }

    @Test
    void the_general_tab_shows_the_signed_endpoint_greyed(FxRobot robot) {
        show(robot);
        TextField host = robot.lookup("#signed-host").queryAs(TextField.class);
        assertThat(Fx.<String>read(host::getText)).isEqualTo("a1FxISeKbq9.iot-as-mqtt.cn-shanghai.aliyuncs.com");
        assertThat(Fx.read(() -> host.isVisible() && host.isDisabled())).isTrue();
        assertThat(Fx.read(() -> robot.lookup("#field-host").query().isVisible())).isFalse();
        assertThat(Fx.<String>read(() -> robot.lookup("#signed-transport").queryAs(TextField.class).getText()))
                .isEqualTo("tls");
        assertThat(Fx.<String>read(() -> robot.lookup("#signed-port").queryAs(TextField.class).getText()))
                .isEqualTo("1883");
        assertThat(Fx.<String>read(() -> robot.lookup("#signed-clientId").queryAs(TextField.class).getText()))
                .isEqualTo("a1FxISeKbq9.dev01|securemode=2,signmethod=hmacsha256,timestamp=1700000000000|");
        Node note = robot.lookup("#fromSigning-host").query();
        assertThat(Fx.read(note::isVisible)).isTrue();
        // no signing: the profile's own fields, editable
        robot.interact(() -> robot.lookup("#field-vendor").queryAs(ChoiceBox.class).setValue(""));
        assertThat(Fx.read(() -> robot.lookup("#field-host").query().isVisible())).isTrue();
        assertThat(Fx.read(host::isVisible)).isFalse();
        assertThat(Fx.read(note::isVisible)).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_vendor_list_shows_names_and_no_blank_entry(FxRobot robot) {
        show(robot);
        ChoiceBox<String> vendor = robot.lookup("#field-vendor").queryAs(ChoiceBox.class);
        assertThat(Fx.<String>read(() -> vendor.getConverter().toString(vendor.getValue())))
                .isEqualTo("Aliyun IoT Platform");
        assertThat(Fx.read(() -> vendor.getItems().stream().map(vendor.getConverter()::toString).toList()))
                .containsExactly("None (no signing)", "Aliyun IoT Platform", "Aliyun MQTT (微消息队列)", "Tencent IoT",
                        "Huawei IoTDA", "OneNET");
        assertThat(Fx.read(vendor::getItems)).containsAll(Signer.VENDORS);
        I18n.setLocale(I18n.CHINESE);
        assertThat(ConnectionEditorView.vendorName("aliyun-iot")).isEqualTo("阿里云物联网平台");
        assertThat(ConnectionEditorView.vendorName("")).isEqualTo("无（不签名）");
    }

    @Test
    void the_computed_credentials_are_seen_whole_without_scrolling(FxRobot robot) {
        show(robot);
        robot.clickOn("#section-signing");
        TextArea out = robot.lookup("#signingResult").queryAs(TextArea.class);
        assertThat(Fx.<String>read(out::getText)).contains("password: ");
        robot.sleep(200);
        // the preview lies inside the tab's visible area, at the scroll position the tab opens with
        ScrollPane sp = Fx.read(() -> (ScrollPane) robot.lookup(".scroll-pane").match(Node::isVisible)
                .queryAll().stream().filter(n -> n.getParent() != out && isAncestor(n, out)).findFirst()
                .orElseThrow());
        Bounds inViewport = Fx.read(() -> sp.localToScene(sp.getLayoutBounds()));
        Bounds preview = Fx.read(() -> out.localToScene(out.getLayoutBounds()));
        assertThat(preview.getMaxY()).isLessThanOrEqualTo(inViewport.getMaxY());
        assertThat(Fx.read(sp::getVvalue)).isZero();
        // wrapped: no horizontal scrolling, so the 64-character password is never cut off
        assertThat(Fx.read(out::isWrapText)).isTrue();
        assertThat(Fx.read(() -> out.lookupAll(".scroll-bar").stream().map(ScrollBar.class::cast)
                .filter(b -> b.getOrientation() == Orientation.HORIZONTAL).noneMatch(Node::isVisible))).isTrue();
    }

    @Test
    void the_connections_list_shows_where_a_signed_profile_connects(FxRobot robot) {
        robot.interact(() -> {
            var vm = new io.mqscope.ui.connections.ConnectionsViewModel(new io.mqscope.ui.NoBackend(),
                    io.mqscope.ui.app.ProfileRepository.inMemory(java.util.List.of(ALIYUN)),
                    TaskExecutor.sameThread(), 100, 100);
            stage.setScene(new Scene(new javafx.scene.layout.StackPane(
                    new io.mqscope.ui.connections.ConnectionsView(vm, stage).root()), 400, 500));
            stage.show();
        });
        assertThat(robot.lookup(".label").match((javafx.scene.control.Label l) -> l.isVisible()
                && "tls://a1FxISeKbq9.iot-as-mqtt.cn-shanghai.aliyuncs.com:1883".equals(l.getText()))
                .tryQuery()).isPresent();
        assertThat(robot.lookup("#fromSigningMark").match(Node::isVisible).queryAll()).hasSize(1);
        // laid out whole inside its row, not clipped below the address
        Node mark = robot.lookup("#fromSigningMark").match(Node::isVisible).query();
        assertThat(Fx.read(() -> {
            Node cell = mark;
            while (!(cell instanceof javafx.scene.control.TreeCell<?>)) {
                cell = cell.getParent();
            }
            Bounds m = mark.localToScene(mark.getLayoutBounds());
            Bounds c = cell.localToScene(cell.getLayoutBounds());
            return m.getHeight() > 5 && m.getMaxY() <= c.getMaxY() + 0.5;
        })).isTrue();
    }

    private static boolean isAncestor(Node ancestor, Node n) {
        for (Node p = n.getParent(); p != null; p = p.getParent()) {
            if (p == ancestor) {
                return true;
            }
        }
        return false;
    }
}
