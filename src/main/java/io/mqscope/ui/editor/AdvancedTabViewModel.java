package io.mqscope.ui.editor;

import static io.mqscope.ui.editor.FormField.Kind.SECRET;
import static io.mqscope.ui.editor.FormField.Kind.TEXT;

import io.mqscope.profile.Profile;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.StringProperty;

/** Connect timeout, connect on start, reconnect with back-off, and the proxy to reach the broker through. */
public final class AdvancedTabViewModel extends EditorTabViewModel {
    private final StringProperty connectTimeout = text("connectTimeout", TEXT, v -> intRange(v, 1, 600, false));
    private final BooleanProperty autoConnect = flag("autoConnect");
    private final BooleanProperty reconnect = flag("reconnect");
    private final StringProperty reconnectInitial = text("reconnectInitial", TEXT,
            v -> intRange(v, 0, 3_600_000, false));
    private final StringProperty reconnectMax = text("reconnectMax", TEXT, v -> intRange(v, 0, 3_600_000, false));
    private final StringProperty proxyType = choice("proxyType", List.of("none", "http", "socks5"));
    private final StringProperty proxyHost = text("proxyHost", TEXT, null);
    private final StringProperty proxyPort = text("proxyPort", TEXT, v -> intRange(v, 1, 65535, true));
    private final StringProperty proxyUsername = text("proxyUsername", TEXT, null);
    private final StringProperty proxyPassword = text("proxyPassword", SECRET, null);

    public AdvancedTabViewModel() {
        super("advanced");
    }

    @Override
    public void load(Profile p) {
        set(connectTimeout, p.connectTimeoutSeconds());
        autoConnect.set(p.autoConnect());
        reconnect.set(p.reconnect().enabled());
        set(reconnectInitial, p.reconnect().initialDelayMillis());
        set(reconnectMax, p.reconnect().maxDelayMillis());
        Profile.ProxySettings px = p.proxy();
        set(proxyType, px == null ? "none" : px.type());
        set(proxyHost, px == null ? "" : px.host());
        set(proxyPort, px == null || px.port() == 0 ? "" : Integer.toString(px.port()));
        set(proxyUsername, px == null ? "" : px.username());
        set(proxyPassword, px == null ? "" : px.password());
    }

    @Override
    public void apply(Profile.Builder b) {
        String type = trimmed(proxyType);
        Profile.ProxySettings proxy = type.equals("none") || type.isEmpty() ? null
                : new Profile.ProxySettings(type, trimmed(proxyHost),
                        trimmed(proxyPort).isEmpty() ? 0 : Integer.parseInt(trimmed(proxyPort)),
                        orNull(proxyUsername), orNull(proxyPassword));
        b.connectTimeoutSeconds(Integer.parseInt(trimmed(connectTimeout))).autoConnect(autoConnect.get())
                .reconnect(new Profile.Reconnect(reconnect.get(), Integer.parseInt(trimmed(reconnectInitial)),
                        Integer.parseInt(trimmed(reconnectMax))))
                .proxy(proxy);
    }

    public StringProperty connectTimeout() { return connectTimeout; }
    public BooleanProperty autoConnect() { return autoConnect; }
    public BooleanProperty reconnect() { return reconnect; }
    public StringProperty reconnectInitial() { return reconnectInitial; }
    public StringProperty reconnectMax() { return reconnectMax; }
    public StringProperty proxyType() { return proxyType; }
    public StringProperty proxyHost() { return proxyHost; }
    public StringProperty proxyPort() { return proxyPort; }
    public StringProperty proxyUsername() { return proxyUsername; }
    public StringProperty proxyPassword() { return proxyPassword; }
}
