package io.mqscope.ui.main;

import io.mqscope.ui.I18n;
import io.mqscope.ui.connections.StateText;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.controlsfx.control.NotificationPane;

/** The failure bar over the content: the newest failed connect or lost connection, in full (issue 14 item 4). */
final class FailureBar {
    private FailureBar() {
    }

    /** The notification bar (ControlsFX) over {@code content}, showing the newest connection failure in full. */
    static NotificationPane over(Node content, MainViewModel vm, Runnable showLogTab,
                                 io.mqscope.ui.ViewListeners listeners) {
        NotificationPane pane = new NotificationPane(content);
        pane.setId("failureBar");
        pane.getStyleClass().add("failure-bar");
        pane.setShowFromTop(true);
        Label text = new Label();
        text.setId("failureText");
        text.setWrapText(true);
        Label fix = new Label();
        fix.setId("failureFix");
        fix.setWrapText(true);
        fix.managedProperty().bind(fix.textProperty().isNotEmpty());
        Hyperlink showLog = new Hyperlink(I18n.t("notice.showLog"));
        showLog.setId("failureShowLog");
        VBox box = new VBox(2, text, fix, showLog);
        box.setMaxWidth(Double.MAX_VALUE);
        // wrapped to the bar's width and as tall as the text: the reason is read in full, never cut with "...".
        // The bar asks its graphic for a height without a width, which a wrapping label answers with one line;
        // so the height is worked out here for the width the bar has
        Runnable fit = () -> {
            double w = Math.max(120, pane.getWidth() - 80);
            text.applyCss();
            fix.applyCss();
            double h = text.prefHeight(w) + 2 + showLog.prefHeight(-1) + 6;
            if (fix.isManaged()) {
                h += fix.prefHeight(w) + 2;
            }
            box.setPrefWidth(w);
            box.setMinHeight(h);
            box.setPrefHeight(h);
        };
        pane.widthProperty().addListener((o, a, b) -> fit.run());
        pane.setGraphic(box);
        Runnable render = () -> {
            FailureNotices.Notice n = vm.notices().currentProperty().get();
            if (n == null) {
                pane.hide();
                return;
            }
            text.setText(StateText.notice(n.entry().profile().name(), n.change()));
            String f = StateText.noticeFix(n.change());
            fix.setText(f == null ? "" : f);
            fit.run();
            showLog.setOnAction(e -> {
                vm.connections().selectedProperty().set(n.entry());
                showLogTab.run();
            });
            pane.show();
        };
        listeners.onChange(vm.notices().currentProperty(), (o, a, b) -> render.run());
        // the close button (or Escape) dismisses it for good
        pane.showingProperty().addListener((o, was, now) -> {
            if (!now) {
                vm.notices().dismiss();
            }
        });
        if (vm.notices().currentProperty().get() != null) {
            javafx.application.Platform.runLater(render);
        }
        return pane;
    }
}
