package io.mqscope.ui.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.payload.diff.PayloadDiff;
import io.mqscope.session.MessageEvent;
import io.mqscope.ui.Events;
import io.mqscope.ui.app.TaskExecutor;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadDiffViewModelTest {
    private final MessageEvent a1 = Events.msg("a", "{\"t\":1}", false);
    private final MessageEvent b1 = Events.msg("b", "x", false);
    private final MessageEvent a2 = Events.msg("a", "{\"t\":2,\"h\":5}", false);
    private final List<MessageEvent> log = List.of(a1, b1, a2);

    private PayloadDiffViewModel vm() {
        PayloadDiffViewModel vm = new PayloadDiffViewModel(TaskExecutor.sameThread());
        vm.setHistory(() -> log);
        return vm;
    }

    @Test
    void nothing_is_computed_while_hidden() {
        PayloadDiffViewModel vm = vm();
        vm.select(List.of(a2));
        assertThat(vm.resultProperty().get()).isNull();
        assertThat(vm.headingProperty().get()).isEmpty();
        vm.shownProperty().set(true);
        assertThat(vm.resultProperty().get()).isNotNull();
    }

    @Test
    void one_message_is_compared_with_the_previous_on_its_topic() {
        PayloadDiffViewModel vm = vm();
        vm.shownProperty().set(true);
        vm.select(List.of(a2));
        PayloadDiff d = vm.resultProperty().get();
        assertThat(d.mode()).isEqualTo(PayloadDiff.Mode.JSON);
        assertThat(d.changed()).isEqualTo(1);
        assertThat(d.added()).isEqualTo(1);
        assertThat(vm.headingProperty().get()).startsWith("Compared with the previous message on a (");
        assertThat(vm.summaryProperty().get()).isEqualTo("1 changed, 1 added, 0 removed");
        vm.select(List.of(a1));
        assertThat(vm.resultProperty().get()).isNull();
        assertThat(vm.headingProperty().get()).isEqualTo("No earlier message on a is in this connection's log.");
    }

    @Test
    void two_selected_are_compared_oldest_first_whatever_the_selection_order() {
        PayloadDiffViewModel vm = vm();
        vm.shownProperty().set(true);
        vm.select(List.of(a2, b1));
        PayloadDiff d = vm.resultProperty().get();
        assertThat(d.mode()).isEqualTo(PayloadDiff.Mode.TEXT);
        assertThat(d.lines()).extracting(l -> l.kind().mark() + l.text())
                .containsExactly("-x", "+{\"t\":2,\"h\":5}");
        assertThat(vm.headingProperty().get()).startsWith("Compared two selected messages: b (");
    }

    @Test
    void previous_is_in_the_same_direction() {
        MessageEvent sent = Events.msg("a", "{\"t\":9}", true);
        assertThat(PayloadDiffViewModel.previous(List.of(a1, sent, a2), a2)).isSameAs(a1);
    }

    @Test
    void previous_is_null_for_a_message_no_longer_in_the_log() {
        assertThat(PayloadDiffViewModel.previous(List.of(a1, a2), b1)).isNull();
        assertThat(PayloadDiffViewModel.previous(List.of(a1, b1, a2), a2)).isSameAs(a1);
    }
}
