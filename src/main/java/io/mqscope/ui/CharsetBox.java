package io.mqscope.ui;

import io.mqscope.payload.TextCharset;
import javafx.beans.property.ObjectProperty;
import javafx.scene.control.ComboBox;
import javafx.util.StringConverter;

/**
 * The text encoding of one view: the common charsets first, then every other one the JDK knows; the name can be
 * typed (any alias, e.g. "cp936", "sjis"). A name the JDK does not know leaves the current charset as it was.
 */
public final class CharsetBox {
    private CharsetBox() {
    }

    public static ComboBox<TextCharset> create(String id, ObjectProperty<TextCharset> value) {
        ComboBox<TextCharset> box = new ComboBox<>();
        box.setId(id);
        box.setEditable(true);
        box.setVisibleRowCount(14);
        box.setPrefWidth(120);
        box.getItems().setAll(TextCharset.available());
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(TextCharset c) {
                return c == null ? "" : c.name();
            }

            @Override
            public TextCharset fromString(String s) {
                TextCharset c = TextCharset.byName(s);
                if (c == null && value.get() != null) {
                    // unknown name: the box shows the charset still in use (the value does not change, so no
                    // listener would put its name back)
                    box.getEditor().setText(value.get().name());
                }
                return c != null ? c : value.get();
            }
        });
        box.valueProperty().bindBidirectional(value);
        box.valueProperty().addListener((o, a, b) -> box.getEditor().setText(b == null ? "" : b.name()));
        return box;
    }
}
