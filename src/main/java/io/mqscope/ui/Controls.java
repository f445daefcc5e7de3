package io.mqscope.ui;

import javafx.scene.Node;
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

    /**
     * Scrolls a list, table or tree just enough that row {@code index} is wholly visible (issue 14 item 17: a row put
     * "two rows below the top" by {@code scrollTo(row - 2)} was cut at the bottom of a short tree, or hidden). The
     * skin's flow knows the cell heights; before the first layout the control's own {@code scrollTo} is all there is.
     */
    public static void reveal(javafx.scene.control.Control list, int index) {
        reveal(list, index, 5);
    }

    private static void reveal(javafx.scene.control.Control list, int index, int triesLeft) {
        if (index < 0) {
            return;
        }
        // a tree given a new root learns its row count at its next layout: lay it out first
        list.layout();
        if (list.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow) {
            if (index >= flow.getCellCount()) {
                // rows just added (a new profile): the flow counts them at a later layout pass (later still on a
                // busy machine, where several runLater calls can all run before one pulse); try again after each
                // of the next few passes
                if (triesLeft > 0) {
                    afterNextLayout(list, () -> reveal(list, index, triesLeft - 1));
                }
                return;
            }
            javafx.scene.control.IndexedCell<?> first = flow.getFirstVisibleCell();
            javafx.scene.control.IndexedCell<?> last = flow.getLastVisibleCell();
            if (first == null || last == null || index <= first.getIndex()) {
                // at or above the first, maybe half-hidden, row: that row goes to the top
                flow.scrollToTop(index);
            } else if (index >= last.getIndex()) {
                // at or below the last row: near it first, then by the pixels its bottom edge still lies below
                flow.scrollTo(index);
                javafx.scene.control.IndexedCell<?> cell = flow.getVisibleCell(index);
                if (cell != null && flow.lookup(".clipped-container") instanceof javafx.scene.layout.Region view) {
                    double below = cell.getLayoutY() + cell.getHeight() - view.getHeight();
                    if (below > 0) {
                        flow.scrollPixels(below);
                    }
                }
            }
        } else if (list instanceof javafx.scene.control.TreeView<?> t) {
            t.scrollTo(index);
        } else if (list instanceof javafx.scene.control.ListView<?> l) {
            l.scrollTo(index);
        } else if (list instanceof javafx.scene.control.TableView<?> t) {
            t.scrollTo(index);
        }
    }

    /** A one-way converter for choice boxes and combo boxes that show a value by {@code text} (null: nothing). */
    public static <T> javafx.util.StringConverter<T> shownAs(java.util.function.Function<T, String> text) {
        return new javafx.util.StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : text.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }

    /**
     * Runs {@code action} once, on the FX thread, after the next layout pass of {@code node}'s scene (right away
     * through {@code runLater} when it has none): what a just-changed list measures (its row count, the heights of
     * its rows) is known then, whatever the machine's load.
     */
    public static void afterNextLayout(javafx.scene.Node node, Runnable action) {
        javafx.scene.Scene scene = node.getScene();
        if (scene == null) {
            javafx.application.Platform.runLater(action);
            return;
        }
        boolean[] done = new boolean[1];
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            if (!done[0]) {
                done[0] = true;
                // after the pulse, not inside it: the scene's listener list is not changed while it is walked
                javafx.application.Platform.runLater(() -> {
                    scene.removePostLayoutPulseListener(listener[0]);
                    action.run();
                });
            }
        };
        scene.addPostLayoutPulseListener(listener[0]);
        javafx.application.Platform.requestNextPulse();
    }

    /**
     * A folded pane whose content is made the first time it is opened (issue 17: a folded pane's content is styled
     * and laid out with the window even while nobody can see it, which the first frame paid for). Not animated: the
     * publisher makes room for the opened height, which an animation would measure half-way.
     */
    public static javafx.scene.control.TitledPane fold(String title, java.util.function.Supplier<Node> content) {
        javafx.scene.control.TitledPane pane = new javafx.scene.control.TitledPane();
        pane.setText(title);
        pane.setExpanded(false);
        pane.setAnimated(false);
        pane.getStyleClass().add("dense");
        whenFirst(pane.expandedProperty(), () -> pane.setContent(content.get()));
        return pane;
    }

    /**
     * Runs {@code action} once, the first time {@code flag} is true (right away when it already is); returns what
     * takes the listener off before then ({@link ViewListeners#whenFirstTrue} for a view model's flag).
     */
    public static Runnable whenFirst(javafx.beans.value.ObservableValue<Boolean> flag, Runnable action) {
        if (Boolean.TRUE.equals(flag.getValue())) {
            action.run();
            return () -> { };
        }
        javafx.beans.value.ChangeListener<Boolean> once = new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                if (Boolean.TRUE.equals(now)) {
                    o.removeListener(this);
                    action.run();
                }
            }
        };
        flag.addListener(once);
        return () -> flag.removeListener(once);
    }
}
