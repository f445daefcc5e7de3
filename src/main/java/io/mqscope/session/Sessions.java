package io.mqscope.session;

import io.mqscope.profile.Profile;
import java.util.Objects;

/** Opens sessions. A session connects only when {@link Session#connect()} is called. */
public final class Sessions {
    private static volatile SigningHook signingHook = SigningHook.NONE;

    private Sessions() {
    }

    public static Session open(Profile profile, SessionListener listener) {
        return new HiveSession(profile, listener, signingHook);
    }

    /** Wires vendor signing (from {@code io.mqscope.auth}) into every session opened afterwards. */
    public static void setSigningHook(SigningHook hook) {
        signingHook = Objects.requireNonNull(hook);
    }
}
