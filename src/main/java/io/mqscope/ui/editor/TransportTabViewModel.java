package io.mqscope.ui.editor;

import static io.mqscope.ui.editor.FormField.Kind.SECRET;
import static io.mqscope.ui.editor.FormField.Kind.TEXT;

import io.mqscope.profile.Profile;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.StringProperty;

/** WebSocket path and subprotocol, TLS files, SNI, ALPN and certificate checks. */
public final class TransportTabViewModel extends EditorTabViewModel {
    private final StringProperty wsPath = text("wsPath", TEXT, null);
    private final StringProperty wsSubprotocol = text("wsSubprotocol", TEXT, null);
    private final StringProperty caFile = text("caFile", TEXT, null);
    private final StringProperty clientCertFile = text("clientCertFile", TEXT, null);
    private final StringProperty clientKeyFile = text("clientKeyFile", TEXT, null);
    private final StringProperty keyPassword = text("keyPassword", SECRET, null);
    private final StringProperty sniHost = text("sniHost", TEXT, null);
    private final StringProperty alpn = text("alpn", TEXT, null);
    private final BooleanProperty verifyHostname = flag("verifyHostname");
    private final BooleanProperty insecure = flag("insecure");

    /** What each chosen file holds ("2 certificates: CN=…", "RSA private key"), or why it cannot be used. */
    private final java.util.Map<String, StringProperty> fileInfo = new java.util.LinkedHashMap<>();
    private final io.mqscope.ui.app.TaskExecutor tasks;

    public TransportTabViewModel() {
        this(null);
    }

    /** @param tasks where the chosen files are read and checked (null: they are not checked) */
    public TransportTabViewModel(io.mqscope.ui.app.TaskExecutor tasks) {
        super("transport");
        this.tasks = tasks;
        for (StringProperty f : List.of(caFile, clientCertFile, clientKeyFile)) {
            StringProperty info = new javafx.beans.property.SimpleStringProperty("");
            fileInfo.put(key(f), info);
            f.addListener((o, a, b) -> check(f, info));
        }
        keyPassword.addListener((o, a, b) -> check(clientCertFile, fileInfo.get("clientCertFile")));
    }

    private String key(StringProperty f) {
        return f == caFile ? "caFile" : f == clientCertFile ? "clientCertFile" : "clientKeyFile";
    }

    /** Reads the file on the I/O executor; a newer choice made meanwhile wins. */
    private void check(StringProperty file, StringProperty info) {
        if (tasks == null) {
            return;
        }
        String path = file.get();
        String password = keyPassword.get();
        io.mqscope.ui.app.BackgroundTask.wrap(() -> TlsFileCheck.describe(path, password)).onSuccess(text -> {
            if (java.util.Objects.equals(path, file.get())) {
                info.set(text);
            }
        }).executeWith(tasks);
    }

    /** What the file of input {@code key} holds ({@code caFile}, {@code clientCertFile}, {@code clientKeyFile}). */
    public StringProperty fileInfo(String key) {
        return fileInfo.get(key);
    }

    @Override
    public void load(Profile p) {
        set(wsPath, p.wsPath());
        set(wsSubprotocol, p.wsSubprotocol());
        Profile.TlsSettings tls = p.tls();
        set(caFile, tls.caFile());
        set(clientCertFile, tls.clientCertFile());
        set(clientKeyFile, tls.clientKeyFile());
        set(keyPassword, tls.keyPassword());
        set(sniHost, tls.sniHost());
        set(alpn, String.join(",", tls.alpn()));
        verifyHostname.set(tls.verifyHostname());
        insecure.set(tls.insecure());
    }

    @Override
    public void apply(Profile.Builder b) {
        List<String> protocols = new ArrayList<>();
        for (String a : trimmed(alpn).split(",")) {
            if (!a.isBlank()) {
                protocols.add(a.trim());
            }
        }
        b.wsPath(trimmed(wsPath)).wsSubprotocol(trimmed(wsSubprotocol))
                .tls(new Profile.TlsSettings(orNull(caFile), orNull(clientCertFile), orNull(clientKeyFile),
                        orNull(keyPassword), orNull(sniHost), protocols, verifyHostname.get(), insecure.get()));
    }

    public StringProperty wsPath() { return wsPath; }
    public StringProperty wsSubprotocol() { return wsSubprotocol; }
    public StringProperty caFile() { return caFile; }
    public StringProperty clientCertFile() { return clientCertFile; }
    public StringProperty clientKeyFile() { return clientKeyFile; }
    public StringProperty keyPassword() { return keyPassword; }
    public StringProperty sniHost() { return sniHost; }
    public StringProperty alpn() { return alpn; }
    public BooleanProperty verifyHostname() { return verifyHostname; }
    public BooleanProperty insecure() { return insecure; }
}
