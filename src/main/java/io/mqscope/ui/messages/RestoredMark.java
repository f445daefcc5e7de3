package io.mqscope.ui.messages;

import io.mqscope.ui.I18n;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;

/**
 * How a message of an earlier run, put back from the history, looks in the lists (issue 15): like a restored packet
 * in the Packets table, its cell or row carries the {@code restored-row} style class (greyed, italic) and a tooltip
 * says why; its time is marked ↺ ({@link MessageRow#RESTORED_MARK}).
 */
final class RestoredMark {
    static final String STYLE = "restored-row";

    private final Tooltip tip = new Tooltip(I18n.t("messages.restored"));

    /** Marks {@code c} or takes the mark off; the style class is touched only when it changes (a CSS pass each). */
    void apply(Control c, boolean restored) {
        if (restored != c.getStyleClass().contains(STYLE)) {
            if (restored) {
                c.getStyleClass().add(STYLE);
            } else {
                c.getStyleClass().remove(STYLE);
            }
        }
        if ((c.getTooltip() == tip) != restored) {
            c.setTooltip(restored ? tip : null);
        }
    }
}
