package io.mqscope.ui;

import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** Small factories so views stay declarative. */
public final class Controls {
    private Controls() {
    }

    /**
     * OK and Cancel in the UI's language. JavaFX's own {@code ButtonType.OK}/{@code CANCEL} take their text from the
     * JVM's default locale, not from the language chosen in the settings (issue 14 item 6).
     */
    public static ButtonType okButton() {
        return new ButtonType(I18n.t("dialog.ok"), ButtonBar.ButtonData.OK_DONE);
    }

    public static ButtonType cancelButton() {
        return new ButtonType(I18n.t("dialog.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
    }

    public static Button button(String key, Ikon icon) {
        Button b = new Button(I18n.t(key));
        if (icon != null) {
            b.setGraphic(new FontIcon(icon));
        }
        return b;
    }

    public static Button iconButton(String tooltipKey, Ikon icon) {
        Button b = new Button();
        b.setGraphic(new FontIcon(icon));
        b.setTooltip(new Tooltip(I18n.t(tooltipKey)));
        b.getStyleClass().add("button-icon");
        return b;
    }

    /**
     * A text field with a clear icon on the right (AtlantaFX CustomTextField; ControlsFX's clearable field relies on
     * Modena colour lookups that AtlantaFX themes do not define).
     */
    public static javafx.scene.control.TextField clearableField() {
        atlantafx.base.controls.CustomTextField f = new atlantafx.base.controls.CustomTextField();
        FontIcon x = new FontIcon(org.kordamp.ikonli.feather.Feather.X);
        x.setCursor(javafx.scene.Cursor.HAND);
        x.setOnMouseClicked(e -> f.clear());
        x.visibleProperty().bind(f.textProperty().isNotEmpty());
        f.setRight(x);
        return f;
    }

    /** A label that shows a validation reason next to its field; hidden when empty. */
    public static Label errorLabel() {
        Label l = new Label();
        l.getStyleClass().add("field-error");
        l.setWrapText(true);
        l.managedProperty().bind(l.textProperty().isNotEmpty());
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        return l;
    }
}
