package io.mqscope.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.Profile;
import io.mqscope.ui.Events;
import io.mqscope.ui.NoBackend;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.connections.ConnectionEntry;
import io.mqscope.ui.settings.UiSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pulse drain feeds every connection's topic tree from the same batches as the message list. */
class MainViewModelTopicsTest {
    private static final long PULSE = MainViewModel.LIST_REFRESH_NANOS;

    @Test
    void each_connection_grows_its_own_tree_also_while_another_is_on_screen() {
        Profile a = Profile.builder().id("a").name("A").host("127.0.0.1").port(1).build();
        Profile b = Profile.builder().id("b").name("B").host("127.0.0.1").port(2).build();
        MainViewModel vm = new MainViewModel(UiSettings.DEFAULT, null, new NoBackend(),
                ProfileRepository.inMemory(List.of(a, b)), TaskExecutor.sameThread());
        ConnectionEntry ea = vm.connections().entries().stream().filter(e -> e.profile().id().equals("a"))
                .findFirst().orElseThrow();
        ConnectionEntry eb = vm.connections().entries().stream().filter(e -> e.profile().id().equals("b"))
                .findFirst().orElseThrow();
        vm.connections().selectedProperty().set(ea);
        ea.live().log().onMessage(Events.msg("a/one", "1", false));
        eb.live().log().onMessage(Events.msg("b/one", "1", false));
        eb.live().log().onMessage(Events.msg("b/two", "2", true));
        vm.pulse(PULSE);
        assertThat(vm.topics().treeProperty().get().find("a/one").messages()).isEqualTo(1);
        assertThat(vm.topics().treeProperty().get().find("b/one")).isNull();

        vm.connections().selectedProperty().set(eb);
        assertThat(vm.topics().treeProperty().get().root().topicsBelow()).as("B's tree grew while A was shown")
                .isEqualTo(2);
        assertThat(vm.topics().treeProperty().get().find("b/two").last().outgoing()).isTrue();
        // and what arrives while B is shown still reaches A's tree
        ea.live().log().onMessage(Events.msg("a/two", "2", false));
        vm.pulse(2 * PULSE);
        vm.connections().selectedProperty().set(ea);
        assertThat(vm.topics().treeProperty().get().root().total()).isEqualTo(2);
    }
}
