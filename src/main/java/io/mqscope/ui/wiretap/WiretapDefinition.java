package io.mqscope.ui.wiretap;

/**
 * A wiretap as the user defined it: where it listens, the broker it forwards to (a saved connection by id, or a
 * URL), where the server certificate comes from (mqtts:// and wss:// only) and whether client packets with a padded
 * Remaining Length are forwarded repaired.
 *
 * @param upstreamProfileId the saved connection to forward to; null when {@code upstreamUrl} says where
 */
public record WiretapDefinition(String name, String listen, String upstreamProfileId, String upstreamUrl,
                                Certificates certificates, String certFile, String keyFile,
                                boolean repairPaddedLength) {

    /** Where a secure listener's certificate comes from. */
    public enum Certificates {
        /** The user's own PEM certificate chain and PKCS#8 key. */
        FILES,
        /** A CA and a server certificate MQScope makes once and keeps in the config directory. */
        SELF_SIGNED
    }
}
