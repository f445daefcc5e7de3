package io.mqscope.doctor;

import io.mqscope.wire.Severity;

/**
 * Every insight the doctor can emit, registered once as the decoder registers its rules ({@code wire.Rule}): a
 * stable dotted id, the default severity and the spec reference where one applies. The words live in the
 * {@code doctor/insights} bundles under keys that start with the id ({@code <id>} or {@code <id>.<variant>}, and
 * the same key plus {@code .fix}); decisions read rules, never prose.
 */
public enum DoctorRule {
    CLIENT_ID_TAKEOVER("client_id.takeover", Severity.WARNING,
            "3.1.1 §3.1.4 [MQTT-3.1.4-2] | 5.0 §3.1.4 [MQTT-3.1.4-3], reason 0x8E"),
    CLIENT_ID_PING_PONG("client_id.ping_pong", Severity.ERROR, "3.1.1 §3.1.4 [MQTT-3.1.4-2] | 5.0 §3.1.4"),
    RECONNECT_STORM("reconnect.storm", Severity.ERROR, ""),
    KEEPALIVE_LAPSED("keepalive.lapsed", Severity.ERROR, "3.1.1 §3.1.2.10 [MQTT-3.1.2-24] | 5.0 §3.1.2.10"),
    KEEPALIVE_UNANSWERED("keepalive.unanswered", Severity.WARNING, "3.1.1 §3.12.4 [MQTT-3.12.4-1] | 5.0 §3.12.4"),
    CONNACK_REFUSED("connack.refused", Severity.ERROR, "3.1.1 §3.2.2.3 | 5.0 §3.2.2.2"),
    SUBSCRIBE_REFUSED("subscribe.refused", Severity.ERROR, "3.1.1 §3.9.3 | 5.0 §3.9.3"),
    SUBSCRIBE_DOWNGRADED("subscribe.downgraded", Severity.WARNING, "3.1.1 §3.8.4 [MQTT-3.8.4-6] | 5.0 §3.9.3"),
    PUBLISH_REFUSED("publish.refused", Severity.ERROR, "5.0 §3.4.2.1, §3.5.2.1"),
    PUBLISH_TOO_LARGE("publish.too_large", Severity.ERROR, "5.0 §3.2.2.3.6 [MQTT-3.2.2-15]"),
    SESSION_NOT_RESUMED("session.not_resumed", Severity.WARNING, "3.1.1 §3.2.2.2 | 5.0 §3.2.2.1.1"),
    SESSION_EXPIRED("session.expired", Severity.WARNING, "5.0 §3.1.2.11.2"),
    QOS_UNACKNOWLEDGED("qos.unacknowledged", Severity.WARNING, "3.1.1 §4.3 | 5.0 §4.3"),
    QOS2_FLOW("qos2.flow", Severity.ERROR, "3.1.1 §4.3.3 | 5.0 §4.3.3"),
    PACKET_ID_REUSED("packet_id.reused", Severity.ERROR, "3.1.1 §2.3.1 [MQTT-2.3.1-4] | 5.0 §2.2.1"),
    WILL_PUBLISHED("will.published", Severity.INFO, "3.1.1 §3.1.2.5 | 5.0 §3.1.2.5, §3.1.3.2.2");

    private final String id;
    private final Severity severity;
    private final String spec;

    DoctorRule(String id, Severity severity, String spec) {
        this.id = id;
        this.severity = severity;
        this.spec = spec;
    }

    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    /** The spec sections the rule comes from ("" when it is a pattern of behaviour rather than a spec rule). */
    public String spec() {
        return spec;
    }

    /** The rule with this id, or null. */
    public static DoctorRule of(String id) {
        for (DoctorRule r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        return null;
    }
}
