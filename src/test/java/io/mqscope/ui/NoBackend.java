package io.mqscope.ui;

import io.mqscope.profile.Profile;
import io.mqscope.session.Session;
import io.mqscope.session.SessionListener;
import io.mqscope.ui.app.Backend;

/** For tests that open no connection: opening one, or starting the built-in broker, is a failure. */
public final class NoBackend implements Backend {
    @Override
    public Session open(Profile profile, SessionListener listener) {
        throw new AssertionError("no session expected");
    }

    @Override
    public int startLocalBroker() {
        throw new AssertionError("no broker expected");
    }
}
