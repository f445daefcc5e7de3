package io.mqscope.ui.check;

import io.mqscope.check.CheckReport;
import io.mqscope.check.RuleResult;
import io.mqscope.check.StageResult;
import io.mqscope.check.Status;
import io.mqscope.check.Words;
import io.mqscope.ui.Controls;
import io.mqscope.ui.I18n;
import io.mqscope.ui.ThemeSwitcher;
import java.io.File;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The broker check report of one connection: stages top to bottom with status icon, time, detail and facts as they
 * finish, the verdict with cause and fix, the warnings (what "trust any certificate" hides) and, for ws/wss, the
 * WeChat mini-program rules; "Copy as Markdown" and "Save as HTML" for the backend team.
 */
public final class CheckView {
    private final CheckViewModel vm;
    private final BorderPane root = new BorderPane();
    private final GridPane stageGrid = new GridPane();
    private final VBox verdictBox = new VBox(4);
    private final VBox rulesBox = new VBox(4);
    private final VBox warningsBox = new VBox(4);

    public CheckView(CheckViewModel vm) {
        this.vm = vm;
        createView();
        initListeners();
    }

    /** Opens the report in its own window and starts the check. */
    public static Stage open(Window owner, CheckViewModel vm) {
        CheckView v = new CheckView(vm);
        Stage s = new Stage();
        s.initOwner(owner);
        s.setTitle(I18n.t("check.title", vm.profile().name()));
        Scene scene = new Scene(v.root, 980, 720);
        ThemeSwitcher.style(scene, owner != null && owner.getScene() != null
                && owner.getScene().getRoot().getStyleClass().contains("theme-dark"));
        s.setScene(scene);
        s.show();
        vm.start();
        return s;
    }

    public BorderPane root() {
        return root;
    }

    private void createView() {
        Label title = new Label(I18n.t("check.heading", vm.url()));
        title.getStyleClass().add("section-title");
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.runningProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button again = Controls.button("check.run", Feather.REFRESH_CW);
        again.setId("checkRerun");
        again.disableProperty().bind(vm.runningProperty());
        again.setOnAction(e -> vm.start());
        Button copy = Controls.button("check.copyMarkdown", Feather.CLIPBOARD);
        copy.setId("checkCopyMarkdown");
        copy.disableProperty().bind(vm.reportProperty().isNull());
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(vm.markdown());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
        });
        Button save = Controls.button("check.saveHtml", Feather.SAVE);
        save.setId("checkSaveHtml");
        save.disableProperty().bind(vm.reportProperty().isNull());
        save.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle(I18n.t("check.saveHtml"));
            fc.setInitialFileName("mqscope-check.html");
            File f = fc.showSaveDialog(root.getScene().getWindow());
            if (f != null) {
                vm.saveHtml(f, I18n.t("check.saved", f.getName()));
            }
        });
        HBox header = new HBox(8, title, busy, grow, again, copy, save);
        header.setAlignment(Pos.CENTER_LEFT);
        if (vm.profile().transport().secure() && vm.profile().tls().insecure()) {
            Label insecure = new Label(I18n.t("check.insecure"), new FontIcon(Feather.ALERT_TRIANGLE));
            insecure.setId("insecureMarker");
            insecure.getStyleClass().add("field-error");
            header.getChildren().add(1, insecure);
        }
        Label message = new Label();
        message.setId("checkMessage");
        message.textProperty().bind(vm.messageProperty());
        message.getStyleClass().add("muted");

        stageGrid.setId("checkStages");
        stageGrid.setHgap(10);
        stageGrid.setVgap(6);
        verdictBox.setId("checkVerdict");
        rulesBox.setId("checkRules");
        warningsBox.setId("checkWarnings");
        VBox body = new VBox(12, warningsBox, stageGrid, verdictBox, rulesBox, message);
        body.setPadding(new Insets(10));
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        VBox top = new VBox(header);
        top.setPadding(new Insets(8, 10, 4, 10));
        root.setTop(top);
        root.setCenter(scroll);
    }

    private void initListeners() {
        vm.stages().addListener((ListChangeListener<StageResult>) c -> showStages());
        vm.rules().addListener((ListChangeListener<RuleResult>) c -> showRules());
        vm.warnings().addListener((ListChangeListener<String>) c -> showWarnings());
        vm.reportProperty().addListener((o, a, b) -> showVerdict(b));
    }

    private void showStages() {
        stageGrid.getChildren().clear();
        int row = 0;
        for (StageResult s : vm.stages()) {
            Label name = new Label(s.stage(), icon(s.status()));
            name.setId("stage-" + s.stage());
            name.setMinWidth(110);
            Label status = new Label(s.status().label());
            status.setId("status-" + s.stage());
            Label ms = new Label(s.ms() + " ms");
            ms.getStyleClass().add("muted");
            Label detail = new Label(s.detail());
            detail.setWrapText(true);
            Label facts = new Label(CheckReportText.facts(s.facts()));
            facts.setWrapText(true);
            facts.getStyleClass().addAll("muted", "mono");
            VBox text = new VBox(2, detail, facts);
            GridPane.setHgrow(text, Priority.ALWAYS);
            stageGrid.addRow(row++, name, status, ms, text);
        }
    }

    private void showVerdict(CheckReport r) {
        verdictBox.getChildren().clear();
        if (r == null) {
            return;
        }
        if (r.verdict() == null) {
            Label ok = new Label(Words.label(I18n.locale(), "ok"), icon(Status.OK));
            ok.setId("checkVerdictOk");
            verdictBox.getChildren().add(ok);
            return;
        }
        Label failed = new Label(Words.label(I18n.locale(), "failed", r.verdict().stage()), icon(Status.FAIL));
        failed.getStyleClass().add("section-title");
        Label cause = new Label(Words.label(I18n.locale(), "cause", r.verdict().cause()));
        cause.setId("checkVerdictCause");
        cause.setWrapText(true);
        Label fix = new Label(Words.label(I18n.locale(), "fix", r.verdict().fix()));
        fix.setId("checkVerdictFix");
        fix.setWrapText(true);
        verdictBox.getChildren().addAll(failed, cause, fix);
    }

    private void showRules() {
        rulesBox.getChildren().clear();
        if (vm.rules().isEmpty()) {
            return;
        }
        Label title = new Label(Words.label(I18n.locale(), "miniprogram"));
        title.getStyleClass().add("section-title");
        rulesBox.getChildren().add(title);
        for (RuleResult x : vm.rules()) {
            Label l = new Label(x.rule() + ": " + x.detail(), icon(x.status()));
            l.setId("rule-" + x.rule());
            l.setWrapText(true);
            rulesBox.getChildren().add(l);
        }
    }

    private void showWarnings() {
        warningsBox.getChildren().clear();
        for (String w : vm.warnings()) {
            Label l = new Label(w, icon(Status.WARN));
            l.setWrapText(true);
            l.getStyleClass().add("field-error");
            warningsBox.getChildren().add(l);
        }
    }

    private static FontIcon icon(Status s) {
        FontIcon i = new FontIcon(switch (s) {
            case OK -> Feather.CHECK_CIRCLE;
            case FAIL -> Feather.X_CIRCLE;
            case WARN -> Feather.ALERT_TRIANGLE;
            case SKIP -> Feather.MINUS_CIRCLE;
        });
        i.getStyleClass().add("check-" + s.label());
        return i;
    }
}
