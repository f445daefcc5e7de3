package io.mqscope.ui.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.ui.Fx;
import io.mqscope.ui.I18n;
import io.mqscope.ui.NoBackend;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.connections.ConnectionsView;
import io.mqscope.ui.connections.ConnectionsViewModel;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A connection that trusts any certificate is marked "insecure" in the connections list; the others are not. */
@ExtendWith(ApplicationExtension.class)
class InsecureMarkFxTest {
    @Start
    void start(Stage stage) {
        I18n.setLocale(Locale.ENGLISH);
        Profile insecure = Profile.builder().id("a").name("Trusting box").transport(Transport.TLS).host("h")
                .port(8883).tls(new Profile.TlsSettings(null, null, null, null, null, List.of(), false, true)).build();
        Profile careful = Profile.builder().id("b").name("Careful box").transport(Transport.TLS).host("h").port(8883)
                .build();
        ConnectionsViewModel vm = new ConnectionsViewModel(new NoBackend(), ProfileRepository.inMemory(
                List.of(insecure, careful)), TaskExecutor.sameThread(), 100, 100);
        stage.setScene(new Scene(new StackPane(new ConnectionsView(vm, stage).root()), 400, 500));
        stage.show();
    }

    @Test
    void onlyTheTrustingProfileIsMarked(FxRobot robot) {
        List<Node> marks = Fx.read(() -> robot.lookup(n -> n instanceof Label l && "insecure".equals(l.getText())
                && l.isVisible()).queryAll().stream().toList());
        assertThat(marks).hasSize(1);
        Node row = Fx.read(() -> marks.get(0).getParent());
        assertThat(Fx.read(() -> robot.from(row).lookup("Trusting box").tryQuery().isPresent())).isTrue();
    }
}
