package io.mqscope.session;

import io.mqscope.profile.Profile.UserProperty;
import java.util.List;

/** MQTT 5 PUBLISH properties; every field may be null (absent). Correlation data stays bytes. */
public record MessageProperties(Boolean payloadIsUtf8, Long messageExpirySeconds, Integer topicAlias,
                                String responseTopic, byte[] correlationData, String contentType,
                                List<UserProperty> userProperties, List<Integer> subscriptionIdentifiers) {
    public static final MessageProperties NONE = new MessageProperties(null, null, null, null, null, null, List.of(),
            List.of());

    public MessageProperties {
        userProperties = userProperties == null ? List.of() : List.copyOf(userProperties);
        subscriptionIdentifiers = subscriptionIdentifiers == null ? List.of() : List.copyOf(subscriptionIdentifiers);
    }
}
