package io.mqscope.ui.messages;

import io.mqscope.session.MessageEvent;
import io.mqscope.ui.subscriptions.SubscriptionsViewModel;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * One message as a chat bubble: incoming on the left with its subscription's colour tag, outgoing on the right, a
 * search hit and a message restored from the history marked. Apart from the Messages view because the cell is what a
 * flood redraws, and its care not to measure or restyle more than needed is easier to keep in one place.
 */
final class BubbleCell extends ListCell<MessageRow> {
    private final MessagesViewModel vm;
    private final SubscriptionsViewModel subscriptions;
    private final Label head = new Label();
    private final Label body = new Label();
    private final Label foot = new Label();
    private final VBox bubble = new VBox(3, head, body, foot);
    /** Subscription colour tag; filled directly (an inline style per update would re-parse CSS per cell). */
    private final javafx.scene.shape.Rectangle tag = new javafx.scene.shape.Rectangle(4, 24);
    private final HBox row = new HBox(4, tag, bubble);
    private Boolean lastOutgoing;
    private final RestoredMark restored;

    BubbleCell(MessagesViewModel vm, SubscriptionsViewModel subscriptions, RestoredMark restored) {
        this.vm = vm;
        this.restored = restored;
        this.subscriptions = subscriptions;
        head.getStyleClass().add("bubble-topic");
        body.getStyleClass().addAll("bubble-body", "mono");
        // one line with an ellipsis: wrapped text would be measured again for every cell on every refresh
        body.setWrapText(false);
        foot.getStyleClass().add("bubble-foot");
        bubble.getStyleClass().add("bubble");
        bubble.setMaxWidth(520);
        row.setPadding(new Insets(2, 6, 2, 6));
    }

    @Override
    protected void updateItem(MessageRow item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            restored.apply(this, false);
            setGraphic(null);
            return;
        }
        restored.apply(this, item.restored());
        MessageEvent m = item.event();
        head.setText(m.topic());
        body.setText(item.bubbleBody());
        foot.setText(item.bubbleFoot());
        if (lastOutgoing == null || lastOutgoing != m.outgoing()) {
            // touch style classes only when the side changes: each change re-applies CSS to the cell
            lastOutgoing = m.outgoing();
            bubble.getStyleClass().removeAll("incoming", "outgoing");
            bubble.getStyleClass().add(m.outgoing() ? "outgoing" : "incoming");
            row.setAlignment(m.outgoing() ? Pos.CENTER_RIGHT : Pos.CENTER_LEFT);
        }
        bubble.pseudoClassStateChanged(SearchHighlight.HIT,
                SearchHighlight.isHit(item, vm.highlightProperty().get()));
        String color = m.outgoing() ? null : subscriptions.colorFor(m.topic());
        tag.setVisible(color != null);
        if (color != null) {
            tag.setFill(javafx.scene.paint.Color.web(color));
        }
        setGraphic(row);
    }
}
