package io.mqscope.ui.editor;

import io.mqscope.payload.ParseResult;
import io.mqscope.profile.Profile;
import io.mqscope.profile.ProfileUrl;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.check.CheckViewModel;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;

/**
 * The profile form behind the connection editor: one typed view model per tab (general, transport and TLS, MQTT 5,
 * will, signing, advanced), each loading and applying its part of the profile. Pasting a URL
 * ({@code mqtts://user:pass@host:8883}, {@code wss://host/mqtt}) fills transport, host, port, path and login.
 */
public final class ConnectionEditorViewModel {
    private final GeneralTabViewModel general = new GeneralTabViewModel();
    private final TransportTabViewModel transport;
    private final Mqtt5TabViewModel mqtt5 = new Mqtt5TabViewModel();
    private final WillTabViewModel will = new WillTabViewModel();
    private final SigningTabViewModel signing;
    private final AdvancedTabViewModel advanced = new AdvancedTabViewModel();
    private final List<EditorTabViewModel> tabs;
    private final BooleanBinding valid;
    private final String id;
    private final List<Profile.SavedSubscription> subscriptions;
    private final TaskExecutor tasks;

    public ConnectionEditorViewModel(Profile p, TaskExecutor tasks) {
        this(p, tasks, SigningTabViewModel::sign);
    }

    /** @param signer computes the signing preview from the vendor and its inputs */
    public ConnectionEditorViewModel(Profile p, TaskExecutor tasks, Function<Profile.Signing, String> signer) {
        // a new profile is named in the UI's language; the profile layer's default name is English
        Profile src = p == null ? Profile.builder().name(I18n.t("editor.defaultName")).build() : p;
        id = src.id();
        this.tasks = tasks;
        transport = new TransportTabViewModel(tasks);
        subscriptions = src.subscriptions();
        signing = new SigningTabViewModel(tasks, signer);
        tabs = List.of(general, transport, mqtt5, will, signing, advanced);
        general.url().addListener((o, a, b) -> {
            if (b != null && !b.isBlank() && GeneralTabViewModel.urlError(b).isEmpty()) {
                applyUrl(b.trim());
            }
        });
        for (EditorTabViewModel t : tabs) {
            t.load(src);
            t.validate();
        }
        valid = Bindings.createBooleanBinding(() -> tabs.stream().allMatch(t -> t.validProperty().get()),
                tabs.stream().map(EditorTabViewModel::validProperty).toArray(BooleanBinding[]::new));
    }

    private void applyUrl(String url) {
        ParseResult<Profile> r = ProfileUrl.parse(url, Profile.builder().build());
        if (r.ok()) {
            general.fillFrom(r.value());
            EditorTabViewModel.set(transport.wsPath(), r.value().wsPath());
        }
    }

    /** The broker check of the profile as edited so far, or null while an input is invalid. */
    public CheckViewModel check() {
        Profile p = build();
        return p == null ? null : new CheckViewModel(p, CheckViewModel.url(p), tasks, I18n.locale());
    }

    /** The profile, or null while any input of any tab is invalid. */
    public Profile build() {
        boolean ok = true;
        for (EditorTabViewModel t : tabs) {
            ok &= t.validate();
        }
        if (!ok) {
            return null;
        }
        Profile.Builder b = Profile.builder().id(id);
        tabs.forEach(t -> t.apply(b));
        return b.subscriptions(subscriptions).build();
    }

    /** The tabs in display order. */
    public List<EditorTabViewModel> tabs() { return tabs; }
    public GeneralTabViewModel general() { return general; }
    public TransportTabViewModel transport() { return transport; }
    public Mqtt5TabViewModel mqtt5() { return mqtt5; }
    public WillTabViewModel will() { return will; }
    public SigningTabViewModel signing() { return signing; }
    public AdvancedTabViewModel advanced() { return advanced; }
    public BooleanBinding validProperty() { return valid; }
}
