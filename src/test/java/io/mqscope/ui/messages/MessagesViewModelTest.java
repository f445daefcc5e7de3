package io.mqscope.ui.messages;

import static io.mqscope.ui.Events.msg;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.session.MessageEvent;
import io.mqscope.store.MessageLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The message list: a bounded window over the connection's byte-bounded message log. */
class MessagesViewModelTest {

    @Test
    void window_is_bounded_filtered_and_pausable() {
        MessagesViewModel vm = new MessagesViewModel(100);
        MessageLog log = new MessageLog(MessageLog.DEFAULT_MAX_BYTES, 1000);
        vm.setSource(() -> log.entries().last(100).items(), log.entries()::clear);
        List<MessageEvent> batch = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            MessageEvent m = msg(i % 2 == 0 ? "a/x" : "b/y", "v" + i, false);
            log.append(m);
            batch.add(m);
        }
        vm.append(batch);
        assertThat(vm.visible()).hasSize(100);
        assertThat(new String(vm.visible().get(99).event().payload())).isEqualTo("v249");
        vm.topicFilterProperty().set("a/#");
        assertThat(vm.visible()).allMatch(m -> m.event().topic().equals("a/x"));
        vm.topicFilterProperty().set("a/#/x");
        assertThat(vm.topicFilterErrorProperty().get()).contains("last");
        vm.topicFilterProperty().set("");
        vm.textFilterProperty().set("v24");
        assertThat(vm.visible()).extracting(m -> new String(m.event().payload())).contains("v240", "v249");
        vm.textFilterProperty().set("");
        vm.pausedProperty().set(true);
        MessageEvent late = msg("a/x", "late", false);
        log.append(late);
        vm.append(List.of(late));
        assertThat(vm.visible()).extracting(MessageRow::event).doesNotContain(late);
        assertThat(vm.missedWhilePausedProperty().get()).isEqualTo(1);
        vm.pausedProperty().set(false);
        assertThat(vm.visible()).last().extracting(MessageRow::event).isEqualTo(late);
        vm.clear();
        assertThat(vm.visible()).isEmpty();
        assertThat(log.entries().size()).isZero();
    }

    @Test
    void older_messages_are_paged_from_the_log_in_bounded_windows() {
        MessagesViewModel vm = new MessagesViewModel(100);
        MessageLog log = new MessageLog(MessageLog.DEFAULT_MAX_BYTES, 1000);
        for (int i = 0; i < 250; i++) {
            log.append(msg("t", "v" + i, false));
        }
        vm.setSource(() -> log.entries().snapshot().items(), log.entries()::clear);
        assertThat(vm.pagesProperty().get()).isEqualTo(3);
        assertThat(new String(vm.visible().get(0).event().payload())).isEqualTo("v150");
        vm.older();
        assertThat(vm.visible()).hasSize(100);
        assertThat(new String(vm.visible().get(0).event().payload())).isEqualTo("v50");
        vm.older();
        assertThat(vm.visible()).hasSize(50);
        assertThat(new String(vm.visible().get(0).event().payload())).isEqualTo("v0");
        vm.append(List.of(msg("t", "new", false)));
        assertThat(vm.visible()).hasSize(50);
        assertThat(vm.missedWhilePausedProperty().get()).isEqualTo(1);
        vm.newer();
        vm.newer();
        assertThat(vm.pageProperty().get()).isZero();
        assertThat(new String(vm.visible().get(99).event().payload())).isEqualTo("v249");
    }
}
