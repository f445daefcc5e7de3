package io.mqscope.auth;

import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Entry point for vendor signing. A profile with a {@link Profile.Signing} section gets fresh credentials at every
 * connect: {@code Signer.apply(profile, Signer.sign(profile.signing(), Instant.now()))}.
 */
public final class Signer {
    /** Vendor ids accepted in {@link Profile.Signing#vendor()}, in the order the UI lists them. */
    public static final List<String> VENDORS = List.of(AliyunIotSigner.VENDOR, AliyunMqttSigner.VENDOR,
            TencentSigner.VENDOR, HuaweiSigner.VENDOR, OneNetSigner.VENDOR);

    private Signer() {
    }

    public static SignedCredentials sign(Profile.Signing signing, Instant now) {
        if (signing == null || signing.vendor() == null) {
            throw new SigningException("vendor", "no signing vendor");
        }
        return sign(signing.vendor(), signing.params(), now);
    }

    public static SignedCredentials sign(String vendor, Map<String, String> params, Instant now) {
        return switch (vendor.toLowerCase(Locale.ROOT)) {
            case AliyunIotSigner.VENDOR -> AliyunIotSigner.sign(params, now);
            case AliyunMqttSigner.VENDOR -> AliyunMqttSigner.sign(params, now);
            case TencentSigner.VENDOR -> TencentSigner.sign(params, now);
            case HuaweiSigner.VENDOR -> HuaweiSigner.sign(params, now);
            case OneNetSigner.VENDOR -> OneNetSigner.sign(params, now);
            default -> throw new SigningException("vendor", "unknown signing vendor '" + vendor + "'; expected one of "
                    + String.join(", ", VENDORS));
        };
    }

    /** Whether a signing parameter is a secret (kept out of profiles.json and out of exports by default). */
    public static boolean isSecretParam(String vendor, String param) {
        return io.mqscope.profile.ProfileSecrets.isSecretSigningParam(vendor, param);
    }

    /**
     * The profile to connect with: clientId, username and password from the credentials (the random suffix is turned
     * off since vendors check the clientId), host, port, transport and WebSocket path where the vendor fixes them.
     */
    public static Profile apply(Profile profile, SignedCredentials c) {
        Profile.Builder b = profile.toBuilder().clientId(c.clientId()).randomClientIdSuffix(false)
                .username(c.username()).password(c.password());
        if (c.host() != null) {
            b.host(c.host());
        }
        if (c.port() != null) {
            b.port(c.port());
        }
        if (c.transport() != null) {
            b.transport(Transport.valueOf(c.transport().toUpperCase(Locale.ROOT)));
        }
        if (c.wsPath() != null) {
            b.wsPath(c.wsPath());
        }
        return b.build();
    }
}
