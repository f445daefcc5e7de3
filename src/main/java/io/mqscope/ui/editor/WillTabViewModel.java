package io.mqscope.ui.editor;

import io.mqscope.ui.TopicText;
import static io.mqscope.ui.editor.FormField.Kind.MULTILINE;
import static io.mqscope.ui.editor.FormField.Kind.TEXT;

import io.mqscope.profile.Profile;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.StringProperty;

/** The Will message: topic, payload and its format, QoS, retain, and the MQTT 5 will properties. */
public final class WillTabViewModel extends EditorTabViewModel {
    private final BooleanProperty willEnabled = flag("willEnabled");
    // a will topic is a topic name: no wildcards [MQTT-4.7.1-1], checked only when the will is on
    private final StringProperty willTopic = text("willTopic", TEXT, v -> {
        if (!willEnabled.get()) {
            return "";
        }
        return TopicText.nameError(v);
    });
    private final StringProperty willPayload = text("willPayload", MULTILINE, null);
    private final StringProperty willFormat = choice("willFormat", List.of("text", "json", "hex", "base64"));
    private final StringProperty willQos = choice("willQos", List.of("0", "1", "2"));
    private final BooleanProperty willRetain = flag("willRetain");
    private final StringProperty willDelay = text("willDelay", TEXT, v -> longRange(v, 0, 0xffffffffL));
    private final StringProperty willExpiry = text("willExpiry", TEXT, v -> longRange(v, 0, 0xffffffffL));
    private final StringProperty willContentType = text("willContentType", TEXT, null);

    public WillTabViewModel() {
        super("will");
        willEnabled.addListener((o, a, b) -> validate());
    }

    @Override
    public void load(Profile p) {
        Profile.Will w = p.will();
        willEnabled.set(w != null);
        set(willTopic, w == null ? "" : w.topic());
        set(willPayload, w == null ? "" : w.payload());
        set(willFormat, w == null || w.payloadFormat() == null ? "text" : w.payloadFormat());
        set(willQos, w == null ? 0 : w.qos());
        willRetain.set(w != null && w.retain());
        set(willDelay, w == null ? null : w.delaySeconds());
        set(willExpiry, w == null ? null : w.messageExpirySeconds());
        set(willContentType, w == null ? "" : w.contentType());
    }

    @Override
    public void apply(Profile.Builder b) {
        Profile.Will will = null;
        if (willEnabled.get()) {
            will = new Profile.Will(trimmed(willTopic), willPayload.get(), trimmed(willFormat),
                    Integer.parseInt(trimmed(willQos)), willRetain.get(), longOrNull(willDelay),
                    longOrNull(willExpiry), orNull(willContentType), null, null, null, List.of());
        }
        b.will(will);
    }

    public BooleanProperty willEnabled() { return willEnabled; }
    public StringProperty willTopic() { return willTopic; }
    public StringProperty willPayload() { return willPayload; }
    public StringProperty willFormat() { return willFormat; }
    public StringProperty willQos() { return willQos; }
    public BooleanProperty willRetain() { return willRetain; }
    public StringProperty willDelay() { return willDelay; }
    public StringProperty willExpiry() { return willExpiry; }
    public StringProperty willContentType() { return willContentType; }
}
