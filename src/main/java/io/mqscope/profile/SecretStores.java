package io.mqscope.profile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Chooses the secret backend: the OS credential store when it answers quickly, otherwise {@code secrets.json}
 * (0600) in the config directory. System property {@code mqscope.secrets}: {@code file} forces the file,
 * {@code keyring} skips nothing but is the default anyway.
 */
public final class SecretStores {
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private SecretStores() {
    }

    public static SecretStore detect(Path configDirectory) {
        String forced = System.getProperty("mqscope.secrets", "").toLowerCase(Locale.ROOT);
        if (!forced.equals("file")) {
            var keyring = KeyringSecretStore.probe(PROBE_TIMEOUT);
            if (keyring.isPresent()) {
                return keyring.get();
            }
        }
        return new FileSecretStore(configDirectory);
    }
}
