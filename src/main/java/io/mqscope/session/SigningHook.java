package io.mqscope.session;

import io.mqscope.profile.Profile;

/**
 * Supplies the signed client id, username and password for a profile with a {@link Profile.Signing} section.
 * Vendor signing lives in {@code io.mqscope.auth}; {@link Sessions#setSigningHook} wires it in.
 */
@FunctionalInterface
public interface SigningHook {
    Credentials sign(Profile profile);

    /** Any field may be null: the profile's own value is used then. */
    record Credentials(String clientId, String username, String password) {
    }

    /** Used until a signer is wired: refuses clearly instead of connecting with unsigned credentials. */
    SigningHook NONE = p -> {
        throw new SessionException("config", "the profile asks for " + p.signing().vendor()
                + " signing, but no signer is wired into sessions (Sessions.setSigningHook)");
    };
}
