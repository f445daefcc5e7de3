package io.mqscope.ui.publisher;

import io.mqscope.payload.PayloadFormat;
import io.mqscope.payload.SparkplugTopic;
import javafx.beans.property.ObjectProperty;

/**
 * Publishing to a Sparkplug B topic ({@code spBv1.0/group/NBIRTH|NDATA|DDATA|NCMD|.../node[/device]}): the payload
 * is the Sparkplug B Protobuf message (Sparkplug 3.0.0 section 6.4), so the publisher switches from text or JSON to
 * the Sparkplug format, which takes JSON and encodes it with the built-in schema. A host application's STATE
 * message is JSON, not Protobuf, and keeps its format; a format chosen by hand (hex, CBOR, ...) is never overridden.
 */
final class SparkplugPublishFormat {
    private SparkplugPublishFormat() {
    }

    /** Called when the topic changes. */
    static void follow(String topic, ObjectProperty<PayloadFormat> format) {
        SparkplugTopic t = SparkplugTopic.parse(topic);
        if (t != null && t.protobuf() && (format.get() == PayloadFormat.TEXT || format.get() == PayloadFormat.JSON)) {
            format.set(PayloadFormat.SPARKPLUG);
        }
    }
}
