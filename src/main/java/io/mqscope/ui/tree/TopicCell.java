package io.mqscope.ui.tree;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TreeCell;
import javafx.scene.layout.HBox;

/**
 * One row of the topic tree: level name, counts, QoS and retain marks, the newest payload, the rate of a busy node
 * and the time since its last message. Everything is read from the node when the cell is laid out, so a pulse that
 * changed a thousand counts repaints only the rows on screen.
 */
final class TopicCell extends TreeCell<TopicNode> {
    private static final double PREVIEW_WIDTH = 320;
    private final Label name = new Label();
    private final Label counts = new Label();
    private final Label marks = new Label();
    private final Label preview = new Label();
    private final Label rate = new Label();
    private final Label age = new Label();
    /** The payload last, cut to a fixed width: rate and age stay in view without scrolling sideways. */
    private final HBox row = new HBox(8, name, counts, marks, rate, age, preview);
    private Boolean lastSystem;

    TopicCell() {
        name.getStyleClass().add("topic-name");
        counts.getStyleClass().add("muted");
        marks.getStyleClass().add("topic-marks");
        preview.getStyleClass().addAll("mono", "topic-preview");
        preview.setTextOverrun(OverrunStyle.ELLIPSIS);
        preview.setMinWidth(0);
        preview.setPrefWidth(PREVIEW_WIDTH);
        preview.setMaxWidth(PREVIEW_WIDTH);
        rate.getStyleClass().add("topic-rate");
        age.getStyleClass().add("muted");
        for (Label l : new Label[] {name, counts, marks, rate, age}) {
            l.setMinWidth(Label.USE_PREF_SIZE);
        }
        row.setAlignment(Pos.CENTER_LEFT);
        // one line per row: the tree never measures wrapped text under a flood
        setPrefHeight(26);
    }

    @Override
    protected void updateItem(TopicNode n, boolean empty) {
        super.updateItem(n, empty);
        if (empty || n == null) {
            // removed (the skin then drops the disclosure arrow too); cells turn empty only when rows go, since a
            // pulse re-reads the cells it has instead of rebuilding them
            setGraphic(null);
            return;
        }
        show(n, System.nanoTime());
        if (getGraphic() != row) {
            setGraphic(row);
        }
    }

    /** Reads the node's counts again (a pulse changed them); a cell without a node stays as it is. */
    void refresh(long now) {
        TopicNode n = getItem();
        if (n != null && !isEmpty()) {
            show(n, now);
        }
    }

    private void show(TopicNode n, long now) {
        name.setText(NodeText.name(n));
        counts.setText(NodeText.counts(n));
        marks.setText(NodeText.marks(n));
        preview.setText(NodeText.preview(n));
        rate.setText(NodeText.rate(n));
        age.setText(NodeText.age(n, now));
        boolean sys = n.system();
        if (lastSystem == null || lastSystem != sys) {
            // touch style classes only when it changes: each change re-applies CSS to the cell
            lastSystem = sys;
            getStyleClass().remove("sys-topic");
            if (sys) {
                getStyleClass().add("sys-topic");
            }
        }
    }
}
