package io.mqscope.ui.wiretap;

import io.mqscope.ui.Controls;
import io.mqscope.ui.I18n;
import java.io.File;
import java.util.Optional;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

/** The Wiretap dialog: listen URL, upstream (a saved connection or a URL), certificates, repair. */
public final class WiretapFormView {
    private final WiretapFormViewModel vm;
    private final Window owner;
    private final GridPane grid = new GridPane();
    private int row;

    WiretapFormView(WiretapFormViewModel vm, Window owner) {
        this.vm = vm;
        this.owner = owner;
        createView();
    }

    /** Shows the dialog and returns the definition when the user confirms a valid one. */
    public static Optional<WiretapDefinition> edit(Window owner, WiretapFormViewModel vm, boolean isNew) {
        WiretapFormView v = new WiretapFormView(vm, owner);
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(I18n.t(isNew ? "wiretap.form.title.new" : "wiretap.form.title.edit"));
        d.getDialogPane().setContent(v.grid);
        ButtonType ok = Controls.okButton();
        d.getDialogPane().getButtonTypes().addAll(ok, Controls.cancelButton());
        Node okButton = d.getDialogPane().lookupButton(ok);
        // the dialog stays open while an input is wrong; the reasons are shown beside the inputs
        okButton.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            if (vm.result().isEmpty()) {
                e.consume();
            }
        });
        d.setResizable(true);
        Optional<ButtonType> answer = d.showAndWait();
        return answer.isPresent() && answer.get() == ok ? vm.result() : Optional.empty();
    }

    private void createView() {
        grid.setHgap(8);
        grid.setVgap(6);
        grid.setPadding(new Insets(12));
        grid.setId("wiretapForm");
        text("wiretap.form.name", "wiretapName", vm.nameProperty(), vm.nameErrorProperty(), null);
        text("wiretap.form.listen", "wiretapListen", vm.listenProperty(), vm.listenErrorProperty(), null);
        Label hint = new Label(I18n.t("wiretap.form.listen.hint"));
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        grid.add(hint, 1, row++);

        ChoiceBox<WiretapFormViewModel.Upstream> upstream = new ChoiceBox<>();
        upstream.setId("wiretapUpstream");
        upstream.getItems().setAll(vm.upstreams());
        upstream.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(WiretapFormViewModel.Upstream u) {
                return u == null ? "" : u.label();
            }

            @Override
            public WiretapFormViewModel.Upstream fromString(String s) {
                return null;
            }
        });
        upstream.valueProperty().bindBidirectional(vm.upstreamProperty());
        grid.add(new Label(I18n.t("wiretap.form.upstream")), 0, row);
        grid.add(upstream, 1, row++);
        text("wiretap.form.upstreamUrl", "wiretapUpstreamUrl", vm.upstreamUrlProperty(), vm.upstreamErrorProperty(),
                vm.urlUpstreamProperty());

        ChoiceBox<WiretapDefinition.Certificates> certs = new ChoiceBox<>();
        certs.setId("wiretapCertificates");
        certs.getItems().setAll(WiretapDefinition.Certificates.values());
        certs.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(WiretapDefinition.Certificates c) {
                return c == null ? "" : c == WiretapDefinition.Certificates.FILES
                        ? I18n.t("wiretap.form.certificates.files") : I18n.t("wiretap.form.certificates.selfSigned");
            }

            @Override
            public WiretapDefinition.Certificates fromString(String s) {
                return null;
            }
        });
        certs.valueProperty().bindBidirectional(vm.certificatesProperty());
        Label certsLabel = new Label(I18n.t("wiretap.form.certificates"));
        showWhen(vm.secureProperty(), certsLabel, certs);
        grid.add(certsLabel, 0, row);
        grid.add(certs, 1, row++);
        javafx.beans.binding.BooleanBinding files = vm.secureProperty().and(vm.certificatesProperty()
                .isEqualTo(WiretapDefinition.Certificates.FILES));
        file("wiretap.form.certFile", "wiretapCertFile", vm.certFileProperty(), files);
        file("wiretap.form.keyFile", "wiretapKeyFile", vm.keyFileProperty(), files);
        Label certError = Controls.errorLabel();
        certError.textProperty().bind(vm.certErrorProperty());
        grid.add(certError, 1, row++);

        CheckBox repair = new CheckBox(I18n.t("wiretap.form.repair"));
        repair.setId("wiretapRepair");
        repair.selectedProperty().bindBidirectional(vm.repairProperty());
        repair.setWrapText(true);
        repair.setMaxWidth(520);
        grid.add(repair, 1, row++);
    }

    private void text(String key, String id, StringProperty value, StringProperty error,
                      ObservableBooleanValue visible) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(34);
        f.textProperty().bindBidirectional(value);
        Label label = new Label(I18n.t(key));
        Label err = Controls.errorLabel();
        err.textProperty().bind(error);
        if (visible != null) {
            showWhen(visible, label, f);
        }
        grid.add(label, 0, row);
        grid.add(f, 1, row++);
        grid.add(err, 1, row++);
    }

    private void file(String key, String id, StringProperty value, ObservableBooleanValue visible) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(value);
        HBox.setHgrow(f, Priority.ALWAYS);
        Button browse = Controls.iconButton("wiretap.form.browse", Feather.FOLDER);
        browse.setOnAction(e -> {
            File chosen = new FileChooser().showOpenDialog(owner);
            if (chosen != null) {
                value.set(chosen.getAbsolutePath());
            }
        });
        HBox box = new HBox(4, f, browse);
        Label label = new Label(I18n.t(key));
        showWhen(visible, label, box);
        grid.add(label, 0, row);
        grid.add(box, 1, row++);
    }

    private static void showWhen(ObservableBooleanValue visible, Node... nodes) {
        for (Node n : nodes) {
            n.visibleProperty().bind(visible);
            n.managedProperty().bind(visible);
        }
    }
}
