package io.mqscope.ui.editor;

import io.mqscope.auth.SignedCredentials;
import io.mqscope.auth.Signer;
import io.mqscope.profile.Profile;
import java.time.Instant;
import java.util.Locale;

/**
 * Where a vendor-signed profile really connects: the transport, host, port and client id its signer fixes (each null
 * where the signer leaves the profile's own value). A signed profile's General tab values are not what goes on the
 * wire (issue 14 item 14: an Aliyun profile read "tcp 127.0.0.1:1883" and connected to an aliyuncs.com host over
 * TLS), so every place that shows a profile shows these instead, marked "from signing".
 */
public record SignedEndpoint(String transport, String host, Integer port, String clientId) {
    /** A profile without signing, or whose inputs cannot be signed yet: nothing overrides its own values. */
    public static final SignedEndpoint NONE = new SignedEndpoint(null, null, null, null);

    /** What signing {@code s} at {@code now} fixes; {@link #NONE} without signing or when the inputs are wrong. */
    public static SignedEndpoint of(Profile.Signing s, Instant now) {
        if (s == null || s.vendor() == null || s.vendor().isBlank()) {
            return NONE;
        }
        try {
            SignedCredentials c = Signer.sign(s, now);
            return new SignedEndpoint(c.transport() == null ? null : c.transport().toLowerCase(Locale.ROOT),
                    c.host(), c.port(), c.clientId());
        } catch (RuntimeException e) {
            // the signing tab says what is wrong; the profile's own values are all there is to show
            return NONE;
        }
    }

    /** Whether signing fixes anything at all. */
    public boolean any() {
        return transport != null || host != null || port != null || clientId != null;
    }

    /** The signed value of an editor field ({@code transport}, {@code host}, {@code port}, {@code clientId}). */
    public String value(String field) {
        Object v = switch (field) {
            case "transport" -> transport;
            case "host" -> host;
            case "port" -> port;
            case "clientId" -> clientId;
            default -> null;
        };
        return v == null ? null : v.toString();
    }

    /** {@code tls://host:port} as the profile connects: the signed parts over the profile's own. */
    public String url(Profile p) {
        String t = transport != null ? transport : p.transport().name().toLowerCase(Locale.ROOT);
        return t + "://" + (host != null ? host : p.host()) + ":" + (port != null ? port : p.port());
    }
}
