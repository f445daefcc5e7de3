package io.mqscope.ui.editor;

import static io.mqscope.ui.editor.FormField.Kind.MULTILINE;

import io.mqscope.auth.SignedCredentials;
import io.mqscope.auth.Signer;
import io.mqscope.auth.SigningException;
import io.mqscope.profile.Profile;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.BackgroundTask;
import io.mqscope.ui.app.TaskExecutor;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;

/**
 * Vendor signing: the vendor, its inputs (as labelled {@link SigningFields} kept in sync with "name=value" lines)
 * and a preview of what the signer computes, signed on the I/O executor as the inputs change.
 */
public final class SigningTabViewModel extends EditorTabViewModel {
    private final StringProperty vendor = choice("vendor",
            List.of("", "aliyun-iot", "aliyun-mqtt", "tencent", "huawei", "onenet"));
    private final StringProperty signingParams = text("signingParams", MULTILINE, EditorTabViewModel::pairsError);
    private final SigningFields signingFields = new SigningFields(vendor, signingParams);
    private final ReadOnlyStringWrapper signingResult = new ReadOnlyStringWrapper("");
    /** What the signer fixes (host, port, transport, client id), shown greyed on the General tab. */
    private final javafx.beans.property.ReadOnlyObjectWrapper<SignedEndpoint> endpoint =
            new javafx.beans.property.ReadOnlyObjectWrapper<>(SignedEndpoint.NONE);
    private final Function<Profile.Signing, String> signer;
    private final TaskExecutor tasks;
    /** Counts preview requests, so a slow, older signing result never replaces a newer one. */
    private long generation;

    /** @param signer computes the preview from the vendor and its inputs (see {@link #sign}) */
    public SigningTabViewModel(TaskExecutor tasks, Function<Profile.Signing, String> signer) {
        super("signing");
        this.tasks = tasks;
        this.signer = signer;
        vendor.addListener((o, a, b) -> updatePreview());
        signingParams.addListener((o, a, b) -> updatePreview());
    }

    @Override
    public void load(Profile p) {
        set(vendor, p.signing() == null ? "" : p.signing().vendor());
        StringBuilder sp = new StringBuilder();
        if (p.signing() != null) {
            p.signing().params().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> sp.append(e.getKey()).append('=').append(e.getValue()).append('\n'));
        }
        set(signingParams, sp.toString().strip());
    }

    @Override
    public void apply(Profile.Builder b) {
        b.signing(trimmed(vendor).isEmpty() ? null : new Profile.Signing(trimmed(vendor), params()));
    }

    private Map<String, String> params() {
        Map<String, String> params = new LinkedHashMap<>();
        for (Profile.UserProperty u : parsePairs(signingParams.get())) {
            params.put(u.name(), u.value());
        }
        return params;
    }

    private void updatePreview() {
        long mine = ++generation;
        String v = vendor.get();
        if (v == null || v.isBlank() || !error("signingParams").get().isEmpty()) {
            signingResult.set("");
            endpoint.set(SignedEndpoint.NONE);
            return;
        }
        Profile.Signing signing = new Profile.Signing(v.trim(), params());
        BackgroundTask.wrap(() -> signer.apply(signing)).onSuccess(out -> {
            if (mine == generation) {
                signingResult.set(out);
            }
        }).onFailure(e -> {
            if (mine == generation) {
                signingResult.set(I18n.t("editor.signing.failed", String.valueOf(e.getMessage())));
            }
        }).executeWith(tasks);
        BackgroundTask.wrap(() -> SignedEndpoint.of(signing, Instant.now())).onSuccess(out -> {
            if (mine == generation) {
                endpoint.set(out);
            }
        }).executeWith(tasks);
    }

    /** Signs now and shows every output, including the exact string that went into the HMAC. */
    public static String sign(Profile.Signing s) {
        try {
            SignedCredentials c = Signer.sign(s, Instant.now());
            StringBuilder sb = new StringBuilder();
            sb.append("clientId: ").append(c.clientId()).append('\n');
            sb.append("username: ").append(c.username()).append('\n');
            sb.append("password: ").append(c.password()).append('\n');
            if (c.host() != null) {
                sb.append("host: ").append(c.host()).append(c.port() == null ? "" : ":" + c.port()).append('\n');
            }
            sb.append(I18n.t("editor.signing.signed")).append('\n').append(c.signedString());
            for (String w : c.warnings()) {
                sb.append('\n').append(I18n.t("editor.signing.warning", w));
            }
            return sb.toString();
        } catch (SigningException e) {
            return I18n.t("editor.signing.failed", e.getMessage());
        }
    }

    public StringProperty vendor() { return vendor; }
    public StringProperty signingParams() { return signingParams; }
    /** The vendor's inputs as labelled, validated fields, kept in sync with the signing parameters. */
    public SigningFields signingFields() { return signingFields; }
    public ReadOnlyStringProperty signingResultProperty() { return signingResult.getReadOnlyProperty(); }
    /** Where the profile connects as signed now ({@link SignedEndpoint#NONE} without signing). */
    public javafx.beans.property.ReadOnlyObjectProperty<SignedEndpoint> endpointProperty() {
        return endpoint.getReadOnlyProperty();
    }
}
