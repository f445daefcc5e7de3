package io.mqscope.ui.editor;

import static io.mqscope.ui.editor.FormField.Kind.MULTILINE;
import static io.mqscope.ui.editor.FormField.Kind.TEXT;

import io.mqscope.profile.Profile;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.StringProperty;

/** The MQTT 5 CONNECT properties (5.0 §3.1.2.11), each range from the spec. */
public final class Mqtt5TabViewModel extends EditorTabViewModel {
    // Four Byte Integers (5.0 §1.5.3); Receive Maximum 0 is a Protocol Error (5.0 §3.1.2.11.3)
    private final StringProperty sessionExpiry = text("sessionExpiry", TEXT, v -> longRange(v, 0, 0xffffffffL));
    private final StringProperty receiveMaximum = text("receiveMaximum", TEXT, v -> intRange(v, 1, 65535, true));
    // Maximum Packet Size 0 is a Protocol Error (5.0 §3.1.2.11.4); no packet is larger than 268,435,460 bytes
    private final StringProperty maximumPacketSize = text("maximumPacketSize", TEXT,
            v -> longRange(v, 1, 268_435_460L));
    private final StringProperty topicAliasMaximum = text("topicAliasMaximum", TEXT,
            v -> intRange(v, 0, 65535, true));
    private final BooleanProperty requestResponseInformation = flag("requestResponseInformation");
    private final BooleanProperty requestProblemInformation = flag("requestProblemInformation");
    private final StringProperty userProperties = text("userProperties", MULTILINE, EditorTabViewModel::pairsError);

    public Mqtt5TabViewModel() {
        super("mqtt5");
    }

    @Override
    public void load(Profile p) {
        set(sessionExpiry, p.sessionExpirySeconds());
        set(receiveMaximum, p.receiveMaximum());
        set(maximumPacketSize, p.maximumPacketSize());
        set(topicAliasMaximum, p.topicAliasMaximum());
        requestResponseInformation.set(p.requestResponseInformation());
        requestProblemInformation.set(p.requestProblemInformation());
        set(userProperties, pairs(p.userProperties()));
    }

    @Override
    public void apply(Profile.Builder b) {
        b.sessionExpirySeconds(longOrNull(sessionExpiry)).receiveMaximum(intOrNull(receiveMaximum))
                .maximumPacketSize(intOrNull(maximumPacketSize)).topicAliasMaximum(intOrNull(topicAliasMaximum))
                .requestResponseInformation(requestResponseInformation.get())
                .requestProblemInformation(requestProblemInformation.get())
                .userProperties(parsePairs(userProperties.get()));
    }

    public StringProperty sessionExpiry() { return sessionExpiry; }
    public StringProperty receiveMaximum() { return receiveMaximum; }
    public StringProperty maximumPacketSize() { return maximumPacketSize; }
    public StringProperty topicAliasMaximum() { return topicAliasMaximum; }
    public BooleanProperty requestResponseInformation() { return requestResponseInformation; }
    public BooleanProperty requestProblemInformation() { return requestProblemInformation; }
    public StringProperty userProperties() { return userProperties; }
}
