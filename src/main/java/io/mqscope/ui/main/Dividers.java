package io.mqscope.ui.main;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import org.controlsfx.control.NotificationPane;

/**
 * The split panes' divider positions of a window, walked in the same order every time: saved with the window's
 * size, and carried over when the views are made again in another language (the same tree shape).
 */
final class Dividers {
    private Dividers() {
    }

    static List<double[]> of(Parent from) {
        List<SplitPane> panes = new ArrayList<>();
        splitPanes(from, panes);
        return panes.stream().map(SplitPane::getDividerPositions).toList();
    }

    static void apply(Parent to, List<double[]> positions) {
        List<SplitPane> panes = new ArrayList<>();
        splitPanes(to, panes);
        for (int i = 0; i < Math.min(panes.size(), positions.size()); i++) {
            // a pane whose shape changed since (frames shown, publisher folded) keeps its own positions
            if (panes.get(i).getDividers().size() == positions.get(i).length) {
                panes.get(i).setDividerPositions(positions.get(i));
            }
        }
    }

    private static void splitPanes(Node n, List<SplitPane> out) {
        if (n instanceof SplitPane sp) {
            out.add(sp);
            sp.getItems().forEach(c -> splitPanes(c, out));
        } else if (n instanceof NotificationPane np) {
            splitPanes(np.getContent(), out);
        } else if (n instanceof TabPane tp) {
            tp.getTabs().forEach(t -> {
                if (t.getContent() != null) {
                    splitPanes(t.getContent(), out);
                }
            });
        } else if (n instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> splitPanes(c, out));
        }
    }
}
