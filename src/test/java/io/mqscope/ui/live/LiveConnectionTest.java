package io.mqscope.ui.live;

import static io.mqscope.ui.Events.msg;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.Profile;
import io.mqscope.session.ConnectionState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The FX thread follows the connection's store log by sequence: nothing twice, nothing missed after a clear. */
class LiveConnectionTest {

    @Test
    void readers_take_each_message_once_within_the_count_bound() {
        LiveConnection live = new LiveConnection(Profile.builder().id("c").name("c").build(), 100, 100);
        for (int i = 0; i < 150; i++) {
            live.log().onMessage(msg("t", "v" + i, false));
        }
        List<io.mqscope.session.MessageEvent> first = live.takeNewMessages();
        // the log keeps the newest 100; the evicted ones are skipped, not returned late
        assertThat(first).hasSize(100);
        assertThat(new String(first.get(0).payload())).isEqualTo("v50");
        assertThat(live.takeNewMessages()).isEmpty();
        live.log().onMessage(msg("t", "late", true));
        assertThat(live.takeNewMessages()).extracting(m -> new String(m.payload())).containsExactly("late");
        assertThat(live.receivedCount()).isEqualTo(150);
        assertThat(live.sentCount()).isEqualTo(1);
    }

    @Test
    void after_a_clear_the_next_message_is_not_missed() {
        LiveConnection live = new LiveConnection(Profile.builder().id("c").name("c").build(), 3, 3);
        live.log().onMessage(msg("t", "a", false));
        live.takeNewMessages();
        live.log().messages().entries().clear();
        live.log().onMessage(msg("t", "b", false));
        assertThat(live.takeNewMessages()).extracting(m -> new String(m.payload())).containsExactly("b");
    }

    @Test
    void skipping_marks_everything_seen_and_state_starts_disconnected() {
        LiveConnection live = new LiveConnection(Profile.builder().id("c").name("c").build(), 10, 10);
        assertThat(live.state().state()).isEqualTo(ConnectionState.DISCONNECTED);
        live.log().onMessage(msg("t", "a", false));
        live.skipToNewest();
        assertThat(live.takeNewMessages()).isEmpty();
        live.setFailed(io.mqscope.tap.Stage.TCP, io.mqscope.session.Sentence.verbatim("refused"), null);
        assertThat(live.state().state()).isEqualTo(ConnectionState.FAILED);
        assertThat(live.state().reason()).isEqualTo("refused");
    }

    @Test
    void restored_messages_are_told_apart_until_the_log_lets_them_go() {
        LiveConnection live = new LiveConnection(Profile.builder().id("c").name("c").build(), 3, 3);
        List<io.mqscope.session.MessageEvent> old = List.of(msg("t", "old1", false), msg("t", "old2", false));
        assertThat(live.restoreMessages(old)).isTrue();
        io.mqscope.session.MessageEvent now = msg("t", "now", false);
        live.log().onMessage(now);
        assertThat(live.takeNewMessages()).extracting(live::restored).containsExactly(true, true, false);
        // a log with messages of this run gets nothing put before them
        assertThat(live.restoreMessages(List.of(msg("t", "late", false)))).isFalse();
        // once the bounded log has dropped them, they are forgotten (not held beyond the log)
        live.log().onMessage(msg("t", "a", false));
        live.log().onMessage(msg("t", "b", false));
        assertThat(live.restored(old.get(1))).isFalse();
    }
}
