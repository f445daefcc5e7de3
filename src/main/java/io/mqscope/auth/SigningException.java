package io.mqscope.auth;

/**
 * A signing input that is missing or malformed. {@code param} is the input's name as used in
 * {@link io.mqscope.profile.Profile.Signing#params()} (e.g. {@code productKey}); the CLI maps it to its option.
 */
public final class SigningException extends IllegalArgumentException {
    private final String param;

    public SigningException(String param, String message) {
        super(message);
        this.param = param;
    }

    public String param() {
        return param;
    }
}
