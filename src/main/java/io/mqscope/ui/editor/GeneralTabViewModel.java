package io.mqscope.ui.editor;

import static io.mqscope.ui.editor.FormField.Kind.SECRET;
import static io.mqscope.ui.editor.FormField.Kind.TEXT;

import io.mqscope.payload.ParseResult;
import io.mqscope.profile.MqttVersion;
import io.mqscope.profile.Profile;
import io.mqscope.profile.ProfileUrl;
import io.mqscope.profile.Transport;
import io.mqscope.ui.I18n;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.StringProperty;

/** Name, group, where to connect (or a pasted URL), MQTT version, client id, login, keep alive, clean start. */
public final class GeneralTabViewModel extends EditorTabViewModel {
    private final StringProperty url = text("url", TEXT, v -> v.isBlank() ? "" : urlError(v));
    private final StringProperty name = text("name", TEXT, EditorTabViewModel::required);
    private final StringProperty group = text("group", TEXT, null);
    private final StringProperty transport = choice("transport", List.of("tcp", "tls", "ws", "wss"));
    private final StringProperty host = text("host", TEXT, v -> v.isBlank() ? I18n.t("editor.error.required")
            : v.contains(" ") || v.contains("/") ? I18n.t("editor.error.host") : "");
    private final StringProperty port = text("port", TEXT, v -> intRange(v, 1, 65535, false));
    private final StringProperty mqttVersion = choice("mqttVersion", List.of("3.1", "3.1.1", "5"));
    // a UTF-8 encoded string is at most 65535 bytes (3.1.1 §1.5.3, 5.0 §1.5.4)
    private final StringProperty clientId = text("clientId", TEXT,
            v -> v.getBytes(StandardCharsets.UTF_8).length > 65535 ? I18n.t("editor.error.tooLong") : "");
    private final BooleanProperty randomClientIdSuffix = flag("randomClientIdSuffix");
    private final StringProperty username = text("username", TEXT, null);
    private final StringProperty password = text("password", SECRET, null);
    private final StringProperty keepAlive = text("keepAlive", TEXT, v -> intRange(v, 0, 65535, false));
    private final BooleanProperty cleanStart = flag("cleanStart");

    public GeneralTabViewModel() {
        super("general");
    }

    static String urlError(String v) {
        ParseResult<Profile> r = ProfileUrl.parse(v);
        return r.ok() ? "" : I18n.t("editor.error.url", r.column(), r.error());
    }

    @Override
    public void load(Profile p) {
        set(name, p.name());
        set(group, p.group());
        set(transport, p.transport().name().toLowerCase(Locale.ROOT));
        set(host, p.host());
        set(port, p.port());
        set(mqttVersion, p.mqttVersion().label());
        set(clientId, p.clientId());
        randomClientIdSuffix.set(p.randomClientIdSuffix());
        set(username, p.username());
        set(password, p.password());
        set(keepAlive, p.keepAliveSeconds());
        cleanStart.set(p.cleanStart());
    }

    /** Fills what a URL says (transport, host, port, login, version, client id); the path goes to the caller. */
    void fillFrom(Profile fromUrl) {
        set(transport, fromUrl.transport().name().toLowerCase(Locale.ROOT));
        set(host, fromUrl.host());
        set(port, fromUrl.port());
        if (fromUrl.username() != null) {
            set(username, fromUrl.username());
        }
        if (fromUrl.password() != null) {
            set(password, fromUrl.password());
        }
        if (fromUrl.mqttVersion() != null) {
            set(mqttVersion, fromUrl.mqttVersion().label());
        }
        if (fromUrl.clientId() != null && !fromUrl.clientId().equals(Profile.builder().build().clientId())) {
            set(clientId, fromUrl.clientId());
        }
    }

    @Override
    public void apply(Profile.Builder b) {
        b.name(trimmed(name)).group(trimmed(group))
                .transport(Transport.valueOf(trimmed(transport).toUpperCase(Locale.ROOT))).host(trimmed(host))
                .port(Integer.parseInt(trimmed(port))).mqttVersion(MqttVersion.fromLabel(trimmed(mqttVersion)))
                // the client id and password are taken as typed: spaces may be part of them
                .clientId(clientId.get()).randomClientIdSuffix(randomClientIdSuffix.get())
                .username(orNull(username)).password(password.get().isEmpty() ? null : password.get())
                .keepAliveSeconds(Integer.parseInt(trimmed(keepAlive))).cleanStart(cleanStart.get());
    }

    public StringProperty url() { return url; }
    public StringProperty name() { return name; }
    public StringProperty group() { return group; }
    public StringProperty transport() { return transport; }
    public StringProperty host() { return host; }
    public StringProperty port() { return port; }
    public StringProperty mqttVersion() { return mqttVersion; }
    public StringProperty clientId() { return clientId; }
    public BooleanProperty randomClientIdSuffix() { return randomClientIdSuffix; }
    public StringProperty username() { return username; }
    public StringProperty password() { return password; }
    public StringProperty keepAlive() { return keepAlive; }
    public BooleanProperty cleanStart() { return cleanStart; }
}
