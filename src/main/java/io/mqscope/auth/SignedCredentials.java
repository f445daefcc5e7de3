package io.mqscope.auth;

import java.util.List;

/**
 * What a vendor signer produced: the CONNECT fields, the endpoint when the vendor's scheme determines it, and the exact
 * string that went into the HMAC so a user can compare it with their device's code. Absent values are null.
 */
public record SignedCredentials(String clientId, String username, String password, String host, Integer port,
                                String transport, String wsPath, String signedString, List<String> warnings) {
    public SignedCredentials {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
