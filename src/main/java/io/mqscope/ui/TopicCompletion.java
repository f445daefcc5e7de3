package io.mqscope.ui;

import javafx.scene.Node;
import javafx.scene.control.TextField;
import org.controlsfx.control.textfield.AutoCompletionBinding;
import org.controlsfx.control.textfield.TextFields;

/**
 * ControlsFX's auto-completion on a topic field, from the topics seen so far. Its popup is a ControlsFX list that
 * the theme's list styles (mqscope.css {@code .auto-complete-popup}) make look like the rest of AtlantaFX.
 */
public final class TopicCompletion {
    private TopicCompletion() {
    }

    /** Completes the text field with id {@code fieldId} under {@code root}; returns the binding (null: no field). */
    public static AutoCompletionBinding<String> bind(Node root, String fieldId, SeenTopics seen) {
        if (!(root.lookup("#" + fieldId) instanceof TextField field)) {
            return null;
        }
        AutoCompletionBinding<String> b = TextFields.bindAutoCompletion(field, r -> seen.suggest(r.getUserText()));
        b.setVisibleRowCount(8);
        b.getAutoCompletionPopup().getStyleClass().add("topic-completion");
        return b;
    }
}
