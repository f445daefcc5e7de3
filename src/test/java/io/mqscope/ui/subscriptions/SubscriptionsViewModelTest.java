package io.mqscope.ui.subscriptions;

import static io.mqscope.ui.Events.msg;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.Profile;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.TaskExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Subscriptions: validated as typed, counted per filter, muted, saved into the profile. */
class SubscriptionsViewModelTest {

    @Test
    void a_subscribed_line_is_not_shown_under_another_profile() {
        SubscriptionsViewModel vm = new SubscriptionsViewModel(TaskExecutor.sameThread());
        CompletableFuture<Void> slow = new CompletableFuture<>();
        vm.bind(List.of(), s -> CompletableFuture.completedFuture(null), f -> CompletableFuture.completedFuture(null),
                l -> { });
        vm.filterProperty().set("test/#");
        assertThat(vm.add()).isTrue();
        assertThat(vm.statusProperty().get()).isEqualTo(I18n.t("subscriptions.subscribed", "test/#"));
        // another profile selected: its own (empty) status
        vm.bind(List.of(), s -> slow, f -> CompletableFuture.completedFuture(null), l -> { });
        assertThat(vm.statusProperty().get()).isEmpty();
        vm.filterProperty().set("other/#");
        assertThat(vm.add()).isTrue();
        vm.bind(List.of(), s -> CompletableFuture.completedFuture(null), f -> CompletableFuture.completedFuture(null),
                l -> { });
        // the second profile's subscribe completes after the user moved to a third one: it says nothing here
        slow.complete(null);
        assertThat(vm.statusProperty().get()).isEmpty();
    }

    @Test
    void validate_count_mute_and_save() {
        SubscriptionsViewModel vm = new SubscriptionsViewModel(TaskExecutor.sameThread());
        List<List<Profile.SavedSubscription>> saved = new ArrayList<>();
        List<String> subscribed = new ArrayList<>();
        vm.bind(List.of(), s -> {
            subscribed.add(s.topicFilter());
            return CompletableFuture.completedFuture(null);
        }, f -> CompletableFuture.completedFuture(null), saved::add);
        vm.filterProperty().set("a/#/b");
        assertThat(vm.add()).isFalse();
        assertThat(vm.filterErrorProperty().get()).contains("'#'");
        vm.filterProperty().set("a/b+");
        assertThat(vm.filterErrorProperty().get()).contains("'+'").contains("whole level");
        vm.filterProperty().set("a/+");
        vm.qosProperty().set(1);
        assertThat(vm.add()).isTrue();
        assertThat(subscribed).containsExactly("a/+");
        assertThat(vm.statusProperty().get()).isEqualTo(I18n.t("subscriptions.subscribed", "a/+"));
        assertThat(saved.get(saved.size() - 1)).extracting(Profile.SavedSubscription::qos).containsExactly(1);
        vm.filterProperty().set("a/+");
        assertThat(vm.add()).isFalse();
        assertThat(vm.filterErrorProperty().get()).isEqualTo(I18n.t("subscriptions.duplicate", "a/+"));
        io.mqscope.ui.live.FilterTally tally = new io.mqscope.ui.live.FilterTally();
        tally.setFilters(List.of("a/+"));
        List.of(msg("a/1", "x", false), msg("a/2", "x", false), msg("b/1", "x", false), msg("a/3", "x", true))
                .forEach(tally::record);
        vm.count(tally);
        assertThat(vm.rows().get(0).countProperty().get()).isEqualTo(2);
        assertThat(vm.hidden(msg("a/1", "x", false))).isFalse();
        vm.rows().get(0).mutedProperty().set(true);
        assertThat(vm.hidden(msg("a/1", "x", false))).isTrue();
        assertThat(vm.hidden(msg("b/1", "x", false))).isFalse();
        vm.unsubscribe(vm.rows().get(0));
        assertThat(saved.get(saved.size() - 1)).isEmpty();
    }
}
