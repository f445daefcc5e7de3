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

    public TransportTabViewModel() {
        super("transport");
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
