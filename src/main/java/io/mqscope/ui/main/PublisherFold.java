package io.mqscope.ui.main;

import io.mqscope.ui.publisher.PublisherView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.layout.Region;

/** How the publisher gives its height to the packets (issue 14 item 8). */
final class PublisherFold {
    private PublisherFold() {
    }

    /**
     * The publisher folds to its topic line while the Packets tab is shown, and on demand (issue 14 item 8): the
     * packet list and the field tree get the height. Unfolding puts the divider back where it was.
     */
    static void install(SplitPane center, PublisherView publisher, Tab packetsTab) {
        Region p = publisher.root();
        double[] expandedAt = {0.6};
        Runnable apply = () -> {
            if (publisher.collapsedProperty().get()) {
                if (!center.getDividers().isEmpty() && p.getMaxHeight() != Region.USE_PREF_SIZE) {
                    expandedAt[0] = center.getDividerPositions()[0];
                }
                p.setMinHeight(Region.USE_PREF_SIZE);
                p.setMaxHeight(Region.USE_PREF_SIZE);
                center.setDividerPositions(1.0);
            } else {
                p.setMinHeight(150);
                p.setMaxHeight(Double.MAX_VALUE);
                center.setDividerPositions(expandedAt[0]);
            }
        };
        publisher.collapsedProperty().addListener((o, a, b) -> apply.run());
        // opening one of the publisher's folded sections (templates, timed publish) makes room for it: the divider
        // moves up as far as the content above allows, so what was opened is on screen
        for (javafx.scene.Node n : p.lookupAll(".titled-pane")) {
            if (n instanceof javafx.scene.control.TitledPane section) {
                section.expandedProperty().addListener((o, a, open) -> {
                    if (open && !publisher.collapsedProperty().get() && center.getHeight() > 0) {
                        p.applyCss();
                        p.layout();
                        double need = p.prefHeight(p.getWidth());
                        double room = center.getHeight() - ((Region) center.getItems().get(0)).minHeight(-1);
                        double at = 1 - Math.min(need, room) / center.getHeight();
                        if (at < center.getDividerPositions()[0]) {
                            center.setDividerPositions(at);
                        }
                    }
                });
            }
        }
        packetsTab.selectedProperty().addListener((o, a, shown) -> publisher.collapsedProperty().set(shown));
        publisher.collapsedProperty().set(packetsTab.isSelected());
        apply.run();
    }
}
