package io.mqscope.profile;

import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The OS credential store through java-keyring: Keychain, Windows Credential Manager, Secret Service or KWallet. */
public final class KeyringSecretStore implements SecretStore {
    static final String SERVICE = "MQScope";
    private final Keyring keyring;

    private KeyringSecretStore(Keyring keyring) {
        this.keyring = keyring;
    }

    /**
     * A working keyring, or empty when none answers within {@code timeout}. Linux desktops without a Secret Service
     * daemon (or without a D-Bus session) fail here; the probe writes, reads back and deletes a marker entry because
     * some backends only fail on first use.
     */
    public static Optional<KeyringSecretStore> probe(Duration timeout) {
        ExecutorService ex = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "keyring-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            CompletableFuture<KeyringSecretStore> f = CompletableFuture.supplyAsync(() -> {
                try {
                    Keyring k = Keyring.create();
                    k.setPassword(SERVICE, "probe", "ok");
                    boolean works = "ok".equals(k.getPassword(SERVICE, "probe"));
                    k.deletePassword(SERVICE, "probe");
                    return works ? new KeyringSecretStore(k) : null;
                } catch (Exception | LinkageError e) {
                    return null;
                }
            }, ex);
            return Optional.ofNullable(f.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (Exception e) {
            return Optional.empty();
        } finally {
            ex.shutdownNow();
        }
    }

    @Override
    public String describe() {
        return "OS credential store (" + keyring.getKeyringStorageType() + ")";
    }

    @Override
    public boolean osCredentialStore() {
        return true;
    }

    @Override
    public Optional<String> get(String key) throws IOException {
        try {
            return Optional.ofNullable(keyring.getPassword(SERVICE, key));
        } catch (PasswordAccessException e) {
            // Backends report a missing entry as an access failure; treat it as absent.
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, String value) throws IOException {
        try {
            keyring.setPassword(SERVICE, key, value);
        } catch (PasswordAccessException e) {
            throw new IOException("credential store refused to save " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void remove(String key) throws IOException {
        try {
            keyring.deletePassword(SERVICE, key);
        } catch (PasswordAccessException e) {
            // already absent
        }
    }
}
