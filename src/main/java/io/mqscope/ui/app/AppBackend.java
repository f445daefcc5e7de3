package io.mqscope.ui.app;

import io.mqscope.profile.Profile;
import io.mqscope.session.Session;
import io.mqscope.session.SessionListener;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The application's backend: real sessions and the built-in broker. */
public final class AppBackend {
    private AppBackend() {
    }

    public static Backend create() {
        return new Backend() {
            @Override
            public Session open(Profile profile, SessionListener listener) {
                throw new UnsupportedOperationException("sessions are not available in this build");
            }

            @Override
            public CompletableFuture<Integer> localBrokerPort() {
                return CompletableFuture.failedFuture(
                        new UnsupportedOperationException("the built-in broker is not available in this build"));
            }
        };
    }

    public static ProfileRepository profiles() {
        return ProfileRepository.inMemory(List.of());
    }
}
