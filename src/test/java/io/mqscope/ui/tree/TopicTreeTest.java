package io.mqscope.ui.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.session.MessageEvent;
import io.mqscope.session.MessageProperties;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicTreeTest {
    private long clock = 1_000;

    private MessageEvent msg(String topic, String payload) {
        return msg(topic, payload, false, false);
    }

    private MessageEvent msg(String topic, String payload, boolean retain, boolean outgoing) {
        return new MessageEvent("c", clock++, Instant.now(), outgoing, topic, 1, retain, false,
                payload.getBytes(StandardCharsets.UTF_8), MessageProperties.NONE);
    }

    @Test
    void levels_become_nodes_with_counts_of_their_own_and_of_their_subtree() {
        TopicTree t = new TopicTree();
        t.addAll(List.of(msg("home/kitchen/temp", "21"), msg("home/kitchen/temp", "22"),
                msg("home/kitchen", "on"), msg("home/garage/door", "open"), msg("office", "x", false, true)));

        TopicNode home = t.find("home");
        TopicNode kitchen = t.find("home/kitchen");
        TopicNode temp = t.find("home/kitchen/temp");
        assertThat(t.nodes()).isEqualTo(6);
        assertThat(temp.messages()).isEqualTo(2);
        assertThat(temp.total()).isEqualTo(2);
        assertThat(new String(temp.last().payload(), StandardCharsets.UTF_8)).isEqualTo("22");
        assertThat(kitchen.messages()).isEqualTo(1);
        assertThat(kitchen.total()).isEqualTo(3);
        assertThat(kitchen.topicsBelow()).isEqualTo(2);
        assertThat(home.messages()).isZero();
        assertThat(home.total()).isEqualTo(4);
        assertThat(home.topicsBelow()).isEqualTo(3);
        assertThat(t.root().total()).isEqualTo(5);
        assertThat(t.root().topicsBelow()).isEqualTo(4);
        assertThat(t.find("office").last().outgoing()).as("published messages count too").isTrue();
        assertThat(temp.topic()).isEqualTo("home/kitchen/temp");
        assertThat(TopicTree.path(temp)).containsExactly(home, kitchen, temp);
        assertThat(t.find("home/nothing")).isNull();
        assertThat(home.lastNanos()).isEqualTo(t.find("home/garage/door").lastNanos());
    }

    @Test
    void empty_levels_are_levels_too() {
        TopicTree t = new TopicTree();
        t.add(msg("/a//b", "1"));
        TopicNode b = t.find("/a//b");
        assertThat(b).isNotNull();
        assertThat(TopicTree.path(b)).extracting(TopicNode::name).containsExactly("", "a", "", "b");
        assertThat(b.topic()).isEqualTo("/a//b");
        assertThat(NodeText.name(t.find(""))).isNotEmpty();
    }

    @Test
    void sys_topics_form_their_own_branch_listed_first() {
        TopicTree t = new TopicTree();
        t.add(msg("devices/1", "a"));
        t.add(msg("$SYS/broker/uptime", "12"));
        t.add(msg("alpha", "b"));
        assertThat(t.root().sortedChildren()).extracting(TopicNode::name).containsExactly("$SYS", "alpha", "devices");
        assertThat(t.find("$SYS/broker/uptime").system()).isTrue();
        assertThat(t.find("$SYS").system()).isTrue();
        assertThat(t.find("devices/1").system()).isFalse();
        assertThat(t.root().system()).isFalse();
    }

    @Test
    void retained_flags_are_counted_up_the_tree_and_an_empty_retained_message_clears_one() {
        TopicTree t = new TopicTree();
        t.add(msg("a/b/1", "x", true, false));
        t.add(msg("a/b/2", "y", true, false));
        t.add(msg("a/c", "z", true, false));
        t.add(msg("a/b/2", "live, not retained", false, false));
        assertThat(t.find("a").retainedBelow()).isEqualTo(3);
        assertThat(t.find("a/b").retainedBelow()).isEqualTo(2);
        assertThat(t.find("a/b/2").retained()).as("a live message leaves the retained one in place").isTrue();
        assertThat(t.retainedTopics(t.find("a/b"))).containsExactly("a/b/1", "a/b/2");
        assertThat(t.retainedTopics(t.root())).containsExactly("a/b/1", "a/b/2", "a/c");

        t.add(msg("a/b/1", "", true, true));
        assertThat(t.find("a/b/1").retained()).isFalse();
        assertThat(t.find("a").retainedBelow()).isEqualTo(2);

        t.markCleared(List.of("a/b/2", "a/c", "a/unknown"));
        assertThat(t.find("a").retainedBelow()).isZero();
        assertThat(t.root().retainedBelow()).isZero();
        assertThat(t.retainedTopics(t.root())).isEmpty();
    }

    @Test
    void changes_are_coalesced_per_pulse_and_a_node_that_grew_is_reported_once() {
        TopicTree t = new TopicTree();
        assertThat(t.takeChanges()).isSameAs(TopicTree.Changes.NONE);
        for (int i = 0; i < 500; i++) {
            t.add(msg("flood/" + i, "v"));
        }
        TopicTree.Changes c = t.takeChanges();
        assertThat(c.any()).isTrue();
        assertThat(c.grown()).containsExactly(t.root(), t.find("flood"));
        // counts only: no node grew, one change
        for (int i = 0; i < 500; i++) {
            t.add(msg("flood/" + i, "w"));
        }
        c = t.takeChanges();
        assertThat(c.any()).isTrue();
        assertThat(c.grown()).isEmpty();
        assertThat(t.takeChanges()).isSameAs(TopicTree.Changes.NONE);
        t.add(msg("flood/new", "w"));
        assertThat(t.takeChanges().grown()).containsExactly(t.find("flood"));
    }

    @Test
    void rates_are_per_second_and_fall_to_zero_when_quiet() {
        TopicTree t = new TopicTree();
        t.tick(1_000_000_000L);
        for (int i = 0; i < 50; i++) {
            t.add(msg("busy/a", "1"));
        }
        t.add(msg("quiet", "1"));
        t.tick(2_000_000_000L);
        assertThat(t.find("busy/a").rate()).isEqualTo(50.0);
        assertThat(t.find("busy").rate()).isEqualTo(50.0);
        assertThat(t.root().rate()).isEqualTo(51.0);
        assertThat(NodeText.rate(t.find("busy"))).contains("50");
        t.add(msg("busy/a", "1"));
        t.tick(4_000_000_000L);
        assertThat(t.find("busy/a").rate()).isEqualTo(0.5);
        assertThat(t.find("quiet").rate()).isZero();
        assertThat(NodeText.rate(t.find("busy/a"))).isEmpty();
        t.tick(5_000_000_000L);
        assertThat(t.find("busy/a").rate()).isZero();
    }

    @Test
    void history_is_newest_first_per_topic_and_for_a_subtree() {
        TopicTree t = new TopicTree();
        for (int i = 0; i < 10; i++) {
            t.add(msg("s/a", "a" + i));
            t.add(msg("s/b", "b" + i));
        }
        assertThat(t.newest(t.find("s/a"), 3)).extracting(m -> new String(m.payload(), StandardCharsets.UTF_8))
                .containsExactly("a9", "a8", "a7");
        assertThat(t.newest(t.find("s"), 4)).extracting(m -> new String(m.payload(), StandardCharsets.UTF_8))
                .containsExactly("b9", "a9", "b8", "a8");
        assertThat(t.newest(t.root(), 100)).hasSize(20);
    }

    @Test
    void history_gives_back_each_message_as_it_came_every_field_of_it() {
        TopicTree t = new TopicTree();
        MessageProperties props = new MessageProperties(true, 60L, null, "reply/x", new byte[] {1, 2}, "text/plain",
                List.of(), List.of(7));
        List<MessageEvent> added = List.of(
                new MessageEvent("c1", 11, Instant.ofEpochSecond(1_764_900_000L, 123_456_789), false, "f/a", 2, true,
                        true, new byte[] {9}, props),
                new MessageEvent("c1", 12, Instant.ofEpochSecond(1_764_900_001L, 1), true, "f/a", 0, false, false,
                        new byte[0], MessageProperties.NONE),
                new MessageEvent("c1", 13, Instant.ofEpochSecond(1_764_900_002L, 999_999_999), false, "f/a", 1,
                        false, true, "x".getBytes(StandardCharsets.UTF_8), MessageProperties.NONE));
        added.forEach(t::add);

        assertThat(t.newest(t.find("f/a"), 10)).containsExactly(added.get(2), added.get(1), added.get(0));
        assertThat(t.newest(t.find("f"), 10)).containsExactly(added.get(2), added.get(1), added.get(0));
    }

    @Test
    void history_is_bounded_per_topic_in_entries_and_in_bytes() {
        TopicTree t = new TopicTree(1_000, 5, 50, 1L << 20);
        for (int i = 0; i < 1_000; i++) {
            t.add(msg("hot", "m" + i));
        }
        assertThat(t.newest(t.find("hot"), 100)).hasSize(5);
        assertThat(t.historySize()).as("dropped entries are evicted too").isLessThanOrEqualTo(50);
        for (int i = 0; i < 200; i++) {
            t.add(msg("many/" + i, "v"));
        }
        assertThat(t.historySize()).isLessThanOrEqualTo(50);
        assertThat(t.newest(t.root(), 1_000)).hasSizeLessThanOrEqualTo(50);
        // the oldest topics lost their history to the entry bound, but keep their newest message and counts
        assertThat(t.newest(t.find("many/0"), 10)).isEmpty();
        assertThat(t.find("many/0").last()).isNotNull();
        assertThat(t.newest(t.find("many/199"), 10)).hasSize(1);

        TopicTree small = new TopicTree(1_000, 100, 10_000, 64 * 1024);
        String big = "x".repeat(8 * 1024);
        for (int i = 0; i < 100; i++) {
            small.add(msg("big/" + (i % 3), big));
        }
        assertThat(small.historyBytes()).isLessThanOrEqualTo(64 * 1024);
        assertThat(small.newest(small.root(), 1_000)).hasSizeBetween(5, 8);
    }

    @Test
    void levels_beyond_the_bound_are_counted_not_added() {
        TopicTree t = new TopicTree(10, 5, 100, 1L << 20);
        for (int i = 0; i < 20; i++) {
            t.add(msg("n/" + i, "v"));
        }
        assertThat(t.nodes()).isEqualTo(10);
        assertThat(t.overflow()).isEqualTo(11);
        assertThat(t.root().total()).isEqualTo(9);
        t.add(msg("n/0", "known topics still count"));
        assertThat(t.find("n/0").messages()).isEqualTo(2);
    }

    @Test
    void a_hundred_thousand_topics_with_bounded_history() {
        TopicTree t = new TopicTree();
        List<MessageEvent> batch = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            batch.add(msg("plant/" + (i % 10) + "/line/" + (i % 100) + "/sensor/" + i, "{\"v\":" + i + "}"));
        }
        t.addAll(batch);
        t.addAll(batch);
        assertThat(t.root().topicsBelow()).isEqualTo(100_000);
        assertThat(t.root().total()).isEqualTo(200_000);
        // plant, 10 plants, 10 "line", 100 lines, 100 "sensor", 100,000 sensors
        assertThat(t.nodes()).isEqualTo(1 + 10 + 10 + 100 + 100 + 100_000);
        assertThat(t.find("plant/3/line/53/sensor/12353").messages()).isEqualTo(2);
        assertThat(t.find("plant/3").topicsBelow()).isEqualTo(10_000);
        assertThat(t.historySize()).isLessThanOrEqualTo(TopicTree.DEFAULT_HISTORY_ENTRIES);
        assertThat(t.historyBytes()).isLessThanOrEqualTo(TopicTree.DEFAULT_HISTORY_BYTES);
        TopicTree.Changes c = t.takeChanges();
        assertThat(c.grown()).hasSize(1 + 1 + 10 + 10 + 100 + 100);
        assertThat(t.newest(t.find("plant/9"), 10)).hasSize(10)
                .allSatisfy(m -> assertThat(m.topic()).startsWith("plant/9/"));
    }
}
