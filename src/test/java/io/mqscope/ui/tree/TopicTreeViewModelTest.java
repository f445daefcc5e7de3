package io.mqscope.ui.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.session.MessageEvent;
import io.mqscope.session.MessageProperties;
import io.mqscope.session.PublishRequest;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.messages.PayloadViewModel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TopicTreeViewModelTest {
    private long clock = 1;

    private MessageEvent msg(String topic, String payload, boolean retain) {
        return new MessageEvent("c", clock++, Instant.now(), false, topic, 1, retain, false,
                payload.getBytes(StandardCharsets.UTF_8), MessageProperties.NONE);
    }

    private TopicTreeViewModel vm() {
        return new TopicTreeViewModel(new PayloadViewModel(null, TaskExecutor.sameThread()),
                TaskExecutor.sameThread());
    }

    @Test
    void each_connection_has_its_own_tree_and_changes_reach_the_view_once_per_pulse() {
        TopicTreeViewModel vm = vm();
        List<TopicTree.Changes> seen = new ArrayList<>();
        vm.setOnChanges(seen::add);
        vm.activate("one");
        vm.feed("one", List.of(msg("a/1", "x", false), msg("a/2", "y", false)));
        vm.feed("two", List.of(msg("b/1", "z", false)));
        long second = 1_000_000_000L;
        vm.pulse(second);
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).grown()).extracting(TopicNode::topic).containsExactly("", "a");
        assertThat(vm.treeProperty().get().root().total()).isEqualTo(2);
        assertThat(vm.summaryProperty().get()).isEqualTo(I18n.t("topics.summary", 2, 2));
        vm.pulse(second + second / 10);
        assertThat(seen).as("nothing new, nothing sent").hasSize(1);
        // two pulses' new topics within half a second reach the view together, at the next repaint
        vm.feed("one", List.of(msg("a/3", "x", false)));
        vm.pulse(second + 2 * second / 10);
        vm.feed("one", List.of(msg("c/1", "x", false)));
        vm.pulse(second + 3 * second / 10);
        assertThat(seen).hasSize(1);
        vm.pulse(second + 6 * second / 10);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(1).grown()).extracting(TopicNode::topic).containsExactly("a", "", "c");
        vm.activate("two");
        assertThat(vm.treeProperty().get().find("b/1")).isNotNull();
        vm.retainOnly(Set.of("two"));
        vm.activate("one");
        assertThat(vm.treeProperty().get().root().total()).as("a forgotten connection starts again").isZero();
    }

    @Test
    void selecting_a_node_shows_its_path_history_and_newest_payload() {
        TopicTreeViewModel vm = vm();
        vm.activate("c");
        vm.shownProperty().set(true);
        vm.feed("c", List.of(msg("h/k/t", "20", false), msg("h/k/t", "21", false), msg("h/g", "open", false)));
        vm.pulse(1);
        TopicTree t = vm.treeProperty().get();
        vm.selectedProperty().set(t.find("h/k/t"));
        assertThat(vm.path()).extracting(TopicNode::topic).containsExactly("", "h", "h/k", "h/k/t");
        assertThat(vm.history()).extracting(r -> new String(r.payload(), StandardCharsets.UTF_8))
                .containsExactly("21", "20");
        assertThat(vm.messageDescriptionProperty().get()).contains("h/k/t");
        assertThat(vm.payload().textProperty().get()).isEqualTo("21");
        vm.selectedProperty().set(t.find("h"));
        assertThat(vm.history()).extracting(MessageEvent::topic).containsExactly("h/g", "h/k/t", "h/k/t");
        assertThat(vm.nodeSummaryProperty().get()).isEqualTo(I18n.t("topics.node", "h", 3, 2, 0));

        // a new message in the selected subtree shows on the next refresh; the chosen message stays chosen
        vm.selectedMessageProperty().set(vm.history().get(2));
        vm.feed("c", List.of(msg("h/new", "n", false)));
        vm.pulse(2_000_000_000L);
        assertThat(vm.history()).extracting(MessageEvent::topic).startsWith("h/new");
        assertThat(vm.selectedMessageProperty().get().topic()).isEqualTo("h/k/t");
        assertThat(vm.payload().textProperty().get()).isEqualTo("20");
    }

    @Test
    void the_confirmation_says_how_many_and_names_the_first_topics() {
        TopicTreeViewModel vm = vm();
        vm.activate("c");
        List<MessageEvent> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(msg("r/" + (char) ('a' + i), "v", true));
        }
        vm.feed("c", batch);
        TopicNode r = vm.treeProperty().get().find("r");
        List<String> topics = vm.retainedTopics(r);
        assertThat(topics).hasSize(20);
        String text = TopicTreeViewModel.confirmText(r, topics);
        assertThat(text).startsWith(I18n.t("topics.delete.confirm", 20, "r")).contains("r/a").contains("r/l")
                .doesNotContain("r/m").contains(I18n.t("topics.delete.more", 8));
    }

    @Test
    void deleting_publishes_empty_retained_messages_at_qos_1_and_counts_what_the_broker_acknowledged() {
        TopicTreeViewModel vm = vm();
        vm.activate("c");
        vm.feed("c", List.of(msg("d/1", "a", true), msg("d/2", "b", true), msg("d/x/3", "c", true),
                msg("e/1", "keep", true)));
        List<PublishRequest> sent = new ArrayList<>();
        vm.setPublishTarget(req -> {
            sent.add(req);
            return req.topic().equals("d/2") ? CompletableFuture.failedFuture(new IllegalStateException("refused"))
                    : CompletableFuture.completedFuture(null);
        });
        TopicTree t = vm.treeProperty().get();
        vm.deleteRetained(t.find("d"));
        assertThat(sent).extracting(PublishRequest::topic).containsExactly("d/1", "d/2", "d/x/3");
        assertThat(sent).allSatisfy(p -> {
            assertThat(p.payload()).isEmpty();
            assertThat(p.retain()).isTrue();
            assertThat(p.qos()).isEqualTo(1);
        });
        assertThat(vm.deletingProperty().get()).isFalse();
        assertThat(vm.deleteProgressProperty().get()).isEqualTo(1.0);
        assertThat(vm.deleteStatusProperty().get()).isEqualTo(I18n.t("topics.delete.partly", 2, 3, 1, "refused"));
        assertThat(t.find("d").retainedBelow()).as("the failed one is still retained").isEqualTo(1);
        assertThat(t.root().retainedBelow()).isEqualTo(2);

        vm.setPublishTarget(req -> CompletableFuture.completedFuture(null));
        vm.deleteRetained(t.find("d"));
        assertThat(vm.deleteStatusProperty().get()).isEqualTo(I18n.t("topics.delete.done", 1));
        assertThat(t.find("d").retainedBelow()).isZero();
        assertThat(t.find("e/1").retained()).isTrue();
    }
}
