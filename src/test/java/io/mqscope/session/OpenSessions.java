package io.mqscope.session;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqscope.profile.Profile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The sessions a test opens, each closed after the test:
 * {@code @RegisterExtension final OpenSessions sessions = new OpenSessions();}, then {@code sessions.open(...)}.
 */
final class OpenSessions implements AfterEachCallback {
    private final List<Session> open = new ArrayList<>();

    Session open(Profile profile, SessionListener listener) {
        Session s = Sessions.open(profile, listener);
        open.add(s);
        return s;
    }

    /** Opens a session whose connect must fail, and returns the FAILED state change it reported. */
    StateChange failToConnect(Profile profile) {
        Recorder rec = new Recorder();
        Session s = open(profile, rec);
        assertThatThrownBy(() -> s.connect().join()).hasCauseInstanceOf(SessionException.class);
        return rec.awaitState(c -> c.state() == ConnectionState.FAILED);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        open.forEach(Session::close);
        open.clear();
    }
}
