package io.mqscope.session;

import static io.mqscope.session.ConnectionState.CONNECTED;
import static io.mqscope.session.ConnectionState.CONNECTING;
import static io.mqscope.session.ConnectionState.DISCONNECTED;
import static io.mqscope.session.ConnectionState.FAILED;
import static io.mqscope.session.ConnectionState.RECONNECTING;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.tap.Stage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The session's transition table, and that a change it does not allow is neither made nor told. */
class LifecycleTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    /** The table written out once more, by hand: a change to the session's table must be made here too. */
    static final Map<ConnectionState, Set<ConnectionState>> EXPECTED = Map.of(
            DISCONNECTED, EnumSet.of(CONNECTING),
            CONNECTING, EnumSet.of(CONNECTED, FAILED, DISCONNECTED),
            CONNECTED, EnumSet.of(CONNECTED, RECONNECTING, DISCONNECTED),
            RECONNECTING, EnumSet.of(RECONNECTING, CONNECTED, CONNECTING, FAILED, DISCONNECTED),
            FAILED, EnumSet.of(CONNECTING, DISCONNECTED));

    final List<StateChange> told = new ArrayList<>();
    final Lifecycle lifecycle = new Lifecycle("s1", new SessionListener() {
        @Override
        public void onState(StateChange change) {
            told.add(change);
        }
    }, CLOCK);

    @ParameterizedTest
    @EnumSource(ConnectionState.class)
    void every_state_has_exactly_the_expected_successors(ConnectionState from) {
        for (ConnectionState to : ConnectionState.values()) {
            assertThat(Lifecycle.allowed(from, to)).as("%s -> %s", from, to)
                    .isEqualTo(EXPECTED.get(from).contains(to));
        }
    }

    @Test
    void nothing_follows_disconnected_but_a_connect() {
        assertThat(Lifecycle.allowed(DISCONNECTED, FAILED)).isFalse();
        assertThat(Lifecycle.allowed(DISCONNECTED, CONNECTED)).isFalse();
        assertThat(Lifecycle.allowed(DISCONNECTED, RECONNECTING)).isFalse();
        assertThat(Lifecycle.allowed(DISCONNECTED, DISCONNECTED)).isFalse();
    }

    @Test
    void a_session_starts_disconnected_and_tells_each_change_with_the_clock_time() {
        assertThat(lifecycle.current()).isEqualTo(DISCONNECTED);
        assertThat(lifecycle.move(CONNECTING, null, null)).isTrue();
        assertThat(lifecycle.move(FAILED, Stage.TLS, Sentence.verbatim("bad certificate"))).isTrue();
        assertThat(lifecycle.current()).isEqualTo(FAILED);
        assertThat(told).containsExactly(
                new StateChange("s1", CLOCK.instant(), CONNECTING, null, null),
                new StateChange("s1", CLOCK.instant(), FAILED, Stage.TLS, Sentence.verbatim("bad certificate")));
    }

    @Test
    void a_refused_change_is_neither_made_nor_told() {
        lifecycle.move(CONNECTING, null, null);
        lifecycle.move(DISCONNECTED, null, Sentence.verbatim("disconnected by user"));
        told.clear();
        // the failure of the attempt the user ended arrives late
        assertThat(lifecycle.move(FAILED, Stage.TCP, Sentence.verbatim("connection refused"))).isFalse();
        assertThat(lifecycle.current()).isEqualTo(DISCONNECTED);
        assertThat(told).isEmpty();
    }

    @Test
    void connected_to_connected_tells_a_notice_and_reconnecting_repeats() {
        lifecycle.move(CONNECTING, null, null);
        lifecycle.move(CONNECTED, null, Sentence.verbatim("connected"));
        assertThat(lifecycle.move(CONNECTED, Stage.MQTT, Sentence.verbatim("resubscribe to a failed"))).isTrue();
        assertThat(lifecycle.move(RECONNECTING, Stage.TCP, Sentence.of("state.reconnecting", "refused", "1.0", 1)))
                .isTrue();
        assertThat(lifecycle.move(RECONNECTING, Stage.TCP, Sentence.of("state.reconnecting", "refused", "2.0", 2)))
                .isTrue();
        assertThat(told).extracting(StateChange::state)
                .containsExactly(CONNECTING, CONNECTED, CONNECTED, RECONNECTING, RECONNECTING);
    }
}
