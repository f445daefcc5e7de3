package io.mqscope.ui.editor;

import io.mqscope.profile.Profile;
import io.mqscope.ui.Controls;
import io.mqscope.ui.I18n;
import io.mqscope.ui.check.CheckView;
import io.mqscope.ui.check.CheckViewModel;
import java.util.Optional;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The connection editor: every profile field, grouped in tabs, each with its validation reason beside it. */
public final class ConnectionEditorView {
    /** Width of the label column in every section (and the vendor fields), so all fields line up. */
    private static final double LABEL_WIDTH = 180;
    /** The label column: the widest label of any tab in the UI's language, so none is cut (issue 14 item 13). */
    private final double labelWidth;
    private final ConnectionEditorViewModel vm;
    private final TabPane root = new TabPane();
    private final SigningPreview preview;
    private final String secretsNote;
    private final GridPane vendorFields;
    /** Where Browse… asks for a CA, certificate or key file. */
    private TlsFileInput.Chooser chooser = TlsFileInput.NATIVE;

    public ConnectionEditorView(ConnectionEditorViewModel vm) {
        this(vm, null);
    }

    /** {@code secretsNote}: where passwords and device secrets are kept, shown next to those fields (null: none). */
    public ConnectionEditorView(ConnectionEditorViewModel vm, String secretsNote) {
        this.vm = vm;
        this.preview = new SigningPreview(vm);
        this.secretsNote = secretsNote;
        this.labelWidth = labelWidth(vm);
        this.vendorFields = grid();
        createView();
    }

    private Label secretsLabel() {
        Label l = new Label(secretsNote);
        l.getStyleClass().addAll("muted", "secrets-note");
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }

    private void createView() {
        root.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        root.setId("editorTabs");
        for (EditorTabViewModel tab : vm.tabs()) {
            GridPane g = grid();
            g.setPadding(new Insets(12));
            int row = 0;
            for (FormField f : tab.fields()) {
                String key = f.key();
                if (key.equals("signingParams")) {
                    // what the signer computes first, so it is seen without scrolling (issue 14 item 14); then the
                    // labelled inputs of the selected vendor instead of free "name=value" lines
                    g.add(preview.root(), 0, row++, 3, 1);
                    g.add(vendorFields, 0, row++, 3, 1);
                    continue;
                }
                g.add(new Label(I18n.t("editor.field." + key)), 0, row);
                boolean signable = tab == vm.general() && SIGNED_FIELDS.contains(key);
                boolean file = tab == vm.transport() && vm.transport().fileInfo(key) != null;
                Node input = signable ? signedOverlay(key, control(f))
                        : file ? TlsFileInput.create(key, (TextInputControl) control(f), () -> chooser) : control(f);
                g.add(input, 1, row);
                VBox reason = new VBox(2);
                if (f.error() != null) {
                    Label err = io.mqscope.ui.Controls.errorLabel();
                    err.setId("error-" + key);
                    err.textProperty().bind(f.error());
                    err.setMaxWidth(260);
                    reason.getChildren().add(err);
                }
                if (signable) {
                    reason.getChildren().add(fromSigningLabel(key));
                }
                if (!reason.getChildren().isEmpty()) {
                    g.add(reason, 2, row);
                }
                row++;
                if (file) {
                    Label info = new Label();
                    info.setId("fileInfo-" + key);
                    info.getStyleClass().add("muted");
                    info.setWrapText(true);
                    info.textProperty().bind(vm.transport().fileInfo(key));
                    info.managedProperty().bind(info.textProperty().isNotEmpty());
                    g.add(info, 1, row++, 2, 1);
                }
                if (secretsNote != null && (key.equals("password") || key.equals("keyPassword"))) {
                    Label note = secretsLabel();
                    note.setId(key.equals("password") ? "secretsNote" : "secretsNote-" + key);
                    g.add(note, 1, row++, 2, 1);
                }
            }
            if (tab == vm.signing() && secretsNote != null) {
                Label note = secretsLabel();
                note.setId("secretsNote-signing");
                g.add(note, 1, row++, 2, 1);
            }
            ScrollPane sp = new ScrollPane(g);
            sp.setFitToWidth(true);
            Tab t = new Tab(I18n.t("editor.section." + tab.key()), sp);
            t.setId("section-" + tab.key());
            root.getTabs().add(t);
        }
        root.setPrefSize(920, 560);
        vm.signing().vendor().addListener((o, a, b) -> fillVendorFields());
        fillVendorFields();
    }

    /** The General tab's fields a vendor signer may fix: they show the signed value, greyed, while it does. */
    private static final java.util.Set<String> SIGNED_FIELDS = java.util.Set.of("transport", "host", "port",
            "clientId");

    private String signedValue(String key) {
        SignedEndpoint e = vm.signing().endpointProperty().get();
        return e == null ? null : e.value(key);
    }

    /** The field, or in its place a greyed, read-only copy of the value the signer fixes. */
    private Node signedOverlay(String key, Node control) {
        TextField signed = new TextField();
        signed.setId("signed-" + key);
        signed.setEditable(false);
        signed.setDisable(true);
        signed.getStyleClass().add("signed-value");
        javafx.beans.binding.StringBinding value = javafx.beans.binding.Bindings.createStringBinding(
                () -> signedValue(key), vm.signing().endpointProperty());
        signed.textProperty().bind(value);
        signed.visibleProperty().bind(value.isNotNull());
        control.visibleProperty().bind(value.isNull());
        return new javafx.scene.layout.StackPane(control, signed);
    }

    /** Replaces the file dialog of the TLS files' Browse… buttons (tests: no native dialog). */
    public void setFileChooser(TlsFileInput.Chooser chooser) {
        this.chooser = chooser;
    }

    private Label fromSigningLabel(String key) {
        Label l = new Label(I18n.t("editor.fromSigning"));
        l.setId("fromSigning-" + key);
        l.getStyleClass().add("muted");
        l.managedProperty().bind(l.visibleProperty());
        l.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> signedValue(key) != null, vm.signing().endpointProperty()));
        return l;
    }

    /** Label, field and reason columns; the same widths in every tab and the vendor fields, so all fields line up. */
    private static double labelWidth(ConnectionEditorViewModel vm) {
        double widest = LABEL_WIDTH;
        for (EditorTabViewModel tab : vm.tabs()) {
            for (FormField f : tab.fields()) {
                javafx.scene.text.Text probe = new javafx.scene.text.Text(I18n.t("editor.field." + f.key()));
                // the theme's body font is 14 px
                probe.setFont(javafx.scene.text.Font.font(14));
                widest = Math.max(widest, probe.getLayoutBounds().getWidth() + 12);
            }
        }
        return Math.ceil(widest);
    }

    private GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(6);
        ColumnConstraints c0 = new ColumnConstraints();
        // never narrower than its widest label, whatever the font turns out to be
        c0.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        c0.setPrefWidth(labelWidth);
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        c1.setPrefWidth(320);
        ColumnConstraints c2 = new ColumnConstraints();
        c2.setPrefWidth(260);
        g.getColumnConstraints().addAll(c0, c1, c2);
        return g;
    }

    /** One row per input of the selected vendor: label, field (masked for secrets, a choice where fixed), reason. */
    private void fillVendorFields() {
        SigningFields sf = vm.signing().signingFields();
        vendorFields.getChildren().clear();
        int row = 0;
        for (SigningFields.Param p : sf.params()) {
            Label label = new Label(I18n.t("editor.signing.param." + p.name()) + (p.required() ? " *" : ""));
            Node control;
            if (!p.choices().isEmpty()) {
                ChoiceBox<String> cb = new ChoiceBox<>();
                cb.getItems().addAll(p.choices());
                cb.setConverter(new javafx.util.StringConverter<>() {
                    @Override
                    public String toString(String v) {
                        return v == null || v.isEmpty() ? I18n.t("editor.signing.default") : v;
                    }

                    @Override
                    public String fromString(String v) {
                        return v;
                    }
                });
                cb.valueProperty().bindBidirectional(sf.value(p.name()));
                control = cb;
            } else {
                TextField t = p.secret() ? new PasswordField() : new TextField();
                t.textProperty().bindBidirectional(sf.value(p.name()));
                control = t;
            }
            control.setId("signing-" + p.name());
            Label err = io.mqscope.ui.Controls.errorLabel();
            err.setId("error-signing-" + p.name());
            err.textProperty().bind(sf.error(p.name()));
            err.setMaxWidth(260);
            err.setWrapText(true);
            vendorFields.add(label, 0, row);
            vendorFields.add(control, 1, row);
            vendorFields.add(err, 2, row);
            row++;
        }
    }

    private Node control(FormField f) {
        String key = f.key();
        if (f.kind() == FormField.Kind.SWITCH) {
            CheckBox cb = new CheckBox();
            cb.setId("field-" + key);
            cb.selectedProperty().bindBidirectional(f.flag());
            return cb;
        }
        if (f.kind() == FormField.Kind.CHOICE) {
            ChoiceBox<String> cb = new ChoiceBox<>();
            cb.setId("field-" + key);
            cb.getItems().addAll(f.choices());
            if (key.equals("vendor")) {
                // the vendors' names, not their ids; "" is "no signing", named too (issue 14 item 14)
                cb.setConverter(new javafx.util.StringConverter<>() {
                    @Override
                    public String toString(String v) {
                        return vendorName(v);
                    }

                    @Override
                    public String fromString(String v) {
                        return v;
                    }
                });
            }
            cb.valueProperty().bindBidirectional(f.text());
            return cb;
        }
        TextInputControl t = switch (f.kind()) {
            case SECRET -> new PasswordField();
            case MULTILINE -> {
                TextArea ta = new TextArea();
                ta.setPrefRowCount(3);
                yield ta;
            }
            default -> new TextField();
        };
        t.setId("field-" + key);
        if (key.equals("url")) {
            t.setPromptText(I18n.t("editor.url.prompt"));
            t.setTooltip(new javafx.scene.control.Tooltip(I18n.t("editor.url.tooltip")));
        }
        t.textProperty().bindBidirectional(f.text());
        return t;
    }

    /** The vendor's name in the UI's language ({@code ""}: no signing). */
    static String vendorName(String id) {
        return I18n.t(id == null || id.isBlank() ? "editor.signing.vendor.none" : "editor.signing.vendor." + id);
    }

    public TabPane root() {
        return root;
    }

    public void selectSection(String key) {
        root.getTabs().stream().filter(t -> t.getId().equals("section-" + key)).findFirst()
                .ifPresent(t -> root.getSelectionModel().select(t));
    }

    /**
     * Shows the editor for {@code vm} (a copy of a profile, or a new one) and returns the changed profile; says next
     * to the secret fields where secrets are kept.
     */
    public static Optional<Profile> edit(Window owner, ConnectionEditorViewModel vm, boolean isNew,
                                         String secretsNote) {
        ConnectionEditorView v = new ConnectionEditorView(vm, secretsNote);
        Dialog<Profile> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(I18n.t(isNew ? "editor.title.new" : "editor.title.edit"));
        d.getDialogPane().setContent(v.root());
        ButtonType ok = Controls.okButton();
        d.getDialogPane().getButtonTypes().addAll(ok, Controls.cancelButton());
        d.getDialogPane().lookupButton(ok).disableProperty().bind(vm.validProperty().not());
        // checks the profile as edited, without closing the editor
        ButtonType check = new ButtonType(I18n.t("connections.check"), ButtonBar.ButtonData.HELP);
        d.getDialogPane().getButtonTypes().add(check);
        Node checkButton = d.getDialogPane().lookupButton(check);
        checkButton.setId("editorCheckButton");
        checkButton.disableProperty().bind(vm.validProperty().not());
        checkButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            CheckViewModel c = vm.check();
            if (c != null) {
                CheckView.open(d.getDialogPane().getScene().getWindow(), c);
            }
        });
        d.setResizable(true);
        d.setResultConverter(b -> b == ok ? vm.build() : null);
        return d.showAndWait();
    }

    /** The vendor signing result: computed clientId / username / password and the exact string signed. */
    static final class SigningPreview {
        private final VBox root = new VBox(4);
        private final TextArea out = new TextArea();

        SigningPreview(ConnectionEditorViewModel vm) {
            Label title = new Label(I18n.t("editor.signing.result"));
            title.getStyleClass().add("section-title");
            out.setId("signingResult");
            out.setEditable(false);
            out.setPrefRowCount(7);
            // the password is a long hex string: wrapped, it is never cut off
            out.setWrapText(true);
            out.getStyleClass().add("mono");
            out.textProperty().bind(vm.signing().signingResultProperty());
            root.getChildren().addAll(title, out);
        }

        Node root() {
            return root;
        }
    }
}
