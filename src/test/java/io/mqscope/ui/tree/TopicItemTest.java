package io.mqscope.ui.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.session.MessageEvent;
import io.mqscope.session.MessageProperties;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.Map;
import javafx.scene.control.TreeItem;
import org.junit.jupiter.api.Test;

/** Rows exist only under expanded nodes: a collapsed subtree of any size has no items. */
class TopicItemTest {
    private static MessageEvent msg(String topic) {
        return new MessageEvent("c", 1, Instant.now(), false, topic, 0, false, false, new byte[] {1},
                MessageProperties.NONE);
    }

    @Test
    void items_are_made_on_expand_dropped_on_collapse_and_new_children_merge_in_order() {
        TopicTree t = new TopicTree();
        for (int i = 0; i < 10_000; i++) {
            t.add(msg("big/" + i));
        }
        t.add(msg("small/b"));
        t.add(msg("small/d"));
        Map<TopicNode, TopicItem> index = new IdentityHashMap<>();
        TopicItem root = new TopicItem(t.root(), index);
        assertThat(index).hasSize(1);
        root.setExpanded(true);
        assertThat(index).as("the root and its two children, none of the 10,000 below").hasSize(3);
        TopicItem big = index.get(t.find("big"));
        assertThat(big.isLeaf()).as("a collapsed node with children shows its arrow").isFalse();
        assertThat(big.getChildren()).isEmpty();

        big.setExpanded(true);
        assertThat(index).hasSize(3 + 10_000);
        big.setExpanded(false);
        assertThat(index).hasSize(3);
        assertThat(big.getChildren()).isEmpty();

        TopicItem small = index.get(t.find("small"));
        small.setExpanded(true);
        t.add(msg("small/c"));
        t.add(msg("small/a"));
        small.addNewChildren();
        assertThat(small.getChildren()).extracting(TreeItem::getValue).extracting(TopicNode::name)
                .containsExactly("a", "b", "c", "d");
        for (int i = 0; i < 20; i++) {
            t.add(msg("small/e" + i));
        }
        small.addNewChildren();
        assertThat(small.getChildren()).hasSize(24);
        assertThat(small.getChildren().get(4).getValue().name()).isEqualTo("e0");
        assertThat(small.getChildren()).allSatisfy(c -> assertThat(c.getParent()).isSameAs(small));

        // a collapsed node that grew makes nothing
        t.add(msg("big/new"));
        big.addNewChildren();
        assertThat(big.getChildren()).isEmpty();
        assertThat(index.get(t.find("big/new"))).isNull();
    }
}
