package io.mqscope.ui.editor;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One input of the connection editor as the view shows it: a label ({@code editor.field.<key>}), a control of the
 * given kind bound to {@code text} (or {@code flag} for a switch) and, beside it, the reason it is wrong.
 *
 * @param error   null for a switch, which cannot be wrong
 * @param choices the fixed values of a {@link Kind#CHOICE}, empty otherwise
 */
public record FormField(String key, Kind kind, StringProperty text, BooleanProperty flag,
                        ReadOnlyStringProperty error, List<String> choices) {
    public enum Kind { TEXT, SECRET, MULTILINE, CHOICE, SWITCH }

    public FormField {
        choices = List.copyOf(choices);
    }
}
