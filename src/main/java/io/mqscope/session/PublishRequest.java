package io.mqscope.session;

/** What to publish. {@code payload} is sent byte-exact. */
public record PublishRequest(String topic, byte[] payload, int qos, boolean retain, MessageProperties properties) {
    public PublishRequest {
        properties = properties == null ? MessageProperties.NONE : properties;
    }
}
