package io.mqscope.ui.publisher;

/**
 * A saved publish: everything the publisher's fields hold, by name. {@code connection} is the profile it belongs to,
 * null for one every connection offers. The payload is the text as typed (placeholders included), read in
 * {@code format} ({@code PayloadFormat} id).
 */
public record PublishTemplate(String name, String connection, String topic, String payload, String format, int qos,
                              boolean retain, String contentType, String responseTopic, String correlationData,
                              String messageExpiry, boolean payloadIsUtf8, String userProperties) {

    /** As the list shows it: the name, and the connection for one that belongs to a connection. */
    @Override
    public String toString() {
        return connection == null ? name : name + "  (" + connection + ")";
    }
}
