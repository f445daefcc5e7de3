package io.mqscope.ui.wiretap;

import io.mqscope.payload.ParseResult;
import io.mqscope.profile.Profile;
import io.mqscope.profile.ProfileUrl;
import io.mqscope.tap.ListenUrl;
import io.mqscope.ui.I18n;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Wiretap form: name, listen URL, upstream (a saved connection or a URL), certificate options for a secure
 * listener and the repair switch. Each input's error is recomputed as it changes; {@link #result()} gives the
 * definition only when nothing is wrong.
 */
public final class WiretapFormViewModel {
    /** An upstream choice: a saved connection, or {@code profile == null} for "a URL". */
    public record Upstream(Profile profile) {
        public String label() {
            return profile == null ? I18n.t("wiretap.form.upstream.url") : profile.name();
        }
    }

    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty listen = new SimpleStringProperty("");
    private final ObjectProperty<Upstream> upstream = new SimpleObjectProperty<>();
    private final StringProperty upstreamUrl = new SimpleStringProperty("");
    private final ObjectProperty<WiretapDefinition.Certificates> certificates =
            new SimpleObjectProperty<>(WiretapDefinition.Certificates.SELF_SIGNED);
    private final StringProperty certFile = new SimpleStringProperty("");
    private final StringProperty keyFile = new SimpleStringProperty("");
    private final BooleanProperty repair = new SimpleBooleanProperty();
    private final StringProperty nameError = new SimpleStringProperty("");
    private final StringProperty listenError = new SimpleStringProperty("");
    private final StringProperty upstreamError = new SimpleStringProperty("");
    private final StringProperty certError = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper secure = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper urlUpstream = new ReadOnlyBooleanWrapper(true);
    private final List<Upstream> upstreams;

    /**
     * @param profiles the saved connections the tap may forward to
     * @param editing  the definition to edit, or null for a new one
     */
    public WiretapFormViewModel(List<Profile> profiles, WiretapDefinition editing) {
        List<Upstream> choices = new java.util.ArrayList<>();
        choices.add(new Upstream(null));
        profiles.forEach(p -> choices.add(new Upstream(p)));
        upstreams = List.copyOf(choices);
        upstream.set(upstreams.get(0));
        name.addListener((o, a, b) -> validate());
        listen.addListener((o, a, b) -> validate());
        upstream.addListener((o, a, b) -> validate());
        upstreamUrl.addListener((o, a, b) -> validate());
        certificates.addListener((o, a, b) -> validate());
        certFile.addListener((o, a, b) -> validate());
        keyFile.addListener((o, a, b) -> validate());
        if (editing == null) {
            name.set(I18n.t("wiretap.form.defaultName"));
            listen.set("ws://127.0.0.1:18083/mqtt");
        } else {
            load(editing);
        }
        validate();
    }

    private void load(WiretapDefinition d) {
        name.set(d.name());
        listen.set(d.listen());
        upstreamUrl.set(d.upstreamUrl() == null ? "" : d.upstreamUrl());
        upstreams.stream().filter(u -> u.profile() != null && u.profile().id() != null
                && u.profile().id().equals(d.upstreamProfileId())).findFirst().ifPresent(upstream::set);
        certificates.set(d.certificates() == null ? WiretapDefinition.Certificates.SELF_SIGNED : d.certificates());
        certFile.set(d.certFile() == null ? "" : d.certFile());
        keyFile.set(d.keyFile() == null ? "" : d.keyFile());
        repair.set(d.repairPaddedLength());
    }

    private void validate() {
        nameError.set(name.get().isBlank() ? I18n.t("wiretap.form.error.required") : "");
        ListenUrl at = null;
        try {
            at = ListenUrl.parse(listen.get());
            listenError.set("");
        } catch (IllegalArgumentException e) {
            listenError.set(I18n.t("wiretap.form.error.listen"));
        }
        secure.set(at != null && at.kind().secure());
        Upstream u = upstream.get();
        urlUpstream.set(u == null || u.profile() == null);
        if (urlUpstream.get()) {
            ParseResult<Profile> r = ProfileUrl.parse(upstreamUrl.get());
            upstreamError.set(r.ok() ? "" : I18n.t("wiretap.form.error.upstream", r.column(), r.error()));
        } else {
            upstreamError.set("");
        }
        boolean files = certificates.get() == WiretapDefinition.Certificates.FILES;
        certError.set(secure.get() && files && (certFile.get().isBlank() || keyFile.get().isBlank())
                ? I18n.t("wiretap.form.error.certificate") : "");
    }

    /** The definition, or empty while an input is wrong. */
    public Optional<WiretapDefinition> result() {
        validate();
        if (!nameError.get().isEmpty() || !listenError.get().isEmpty() || !upstreamError.get().isEmpty()
                || !certError.get().isEmpty()) {
            return Optional.empty();
        }
        Profile p = upstream.get() == null ? null : upstream.get().profile();
        boolean files = certificates.get() == WiretapDefinition.Certificates.FILES;
        return Optional.of(new WiretapDefinition(name.get().strip(), listen.get().strip(),
                p == null ? null : p.id(), p == null ? upstreamUrl.get().strip() : null, certificates.get(),
                files ? certFile.get().strip() : null, files ? keyFile.get().strip() : null, repair.get()));
    }

    public List<Upstream> upstreams() { return upstreams; }
    public StringProperty nameProperty() { return name; }
    public StringProperty listenProperty() { return listen; }
    public ObjectProperty<Upstream> upstreamProperty() { return upstream; }
    public StringProperty upstreamUrlProperty() { return upstreamUrl; }
    public ObjectProperty<WiretapDefinition.Certificates> certificatesProperty() { return certificates; }
    public StringProperty certFileProperty() { return certFile; }
    public StringProperty keyFileProperty() { return keyFile; }
    public BooleanProperty repairProperty() { return repair; }
    public StringProperty nameErrorProperty() { return nameError; }
    public StringProperty listenErrorProperty() { return listenError; }
    public StringProperty upstreamErrorProperty() { return upstreamError; }
    public StringProperty certErrorProperty() { return certError; }
    /** The listen URL is mqtts:// or wss://: the certificate options apply. */
    public ReadOnlyBooleanProperty secureProperty() { return secure.getReadOnlyProperty(); }
    /** "A URL" is chosen as the upstream: its field applies. */
    public ReadOnlyBooleanProperty urlUpstreamProperty() { return urlUpstream.getReadOnlyProperty(); }
}
