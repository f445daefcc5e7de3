package io.mqscope.wire;

import java.util.HashMap;
import java.util.Map;

/**
 * Every field name the decoder can emit, registered once with its kind (as Wireshark registers its
 * {@code hf_mqtt_*} fields): callers refer to these constants, never to spelled-out names.
 */
public enum FieldName {
    PACKET_TYPE("packet_type", Field.Kind.ENUM),
    HEADER_FLAGS("header_flags", Field.Kind.BITS),
    DUP("dup", Field.Kind.BOOLEAN),
    QOS("qos", Field.Kind.INTEGER),
    RETAIN("retain", Field.Kind.BOOLEAN),
    REMAINING_LENGTH("remaining_length", Field.Kind.INTEGER),
    UNDECODED("undecoded", Field.Kind.BYTES),
    EXTRA_BYTES("extra_bytes", Field.Kind.BYTES),
    TRAILING_BYTES("trailing_bytes", Field.Kind.BYTES),
    NOT_MQTT("not_mqtt", Field.Kind.LABEL),
    /** Zero bytes after a zero-length packet: the padding of its Remaining Length. */
    PADDING("padding", Field.Kind.BYTES),
    /** Not a field: what sequence findings blame (the packet's place in the connection). */
    SEQUENCE("sequence", Field.Kind.LABEL),
    PROTOCOL_NAME("protocol_name", Field.Kind.TEXT),
    PROTOCOL_LEVEL("protocol_level", Field.Kind.INTEGER),
    CONNECT_FLAGS("connect_flags", Field.Kind.FLAGS),
    USERNAME_FLAG("username_flag", Field.Kind.BOOLEAN),
    PASSWORD_FLAG("password_flag", Field.Kind.BOOLEAN),
    WILL_RETAIN("will_retain", Field.Kind.BOOLEAN),
    WILL_QOS("will_qos", Field.Kind.INTEGER),
    WILL_FLAG("will_flag", Field.Kind.BOOLEAN),
    CLEAN_START("clean_start", Field.Kind.BOOLEAN),
    CLEAN_SESSION("clean_session", Field.Kind.BOOLEAN),
    RESERVED("reserved", Field.Kind.INTEGER),
    KEEPALIVE("keepalive", Field.Kind.INTEGER),
    CLIENT_ID("client_id", Field.Kind.TEXT),
    WILL_TOPIC("will_topic", Field.Kind.TEXT),
    WILL_PAYLOAD("will_payload", Field.Kind.BINARY),
    USERNAME("username", Field.Kind.TEXT),
    PASSWORD("password", Field.Kind.BINARY),
    ACK_FLAGS("ack_flags", Field.Kind.FLAGS),
    SESSION_PRESENT("session_present", Field.Kind.BOOLEAN),
    RETURN_CODE("return_code", Field.Kind.INTEGER),
    RETURN_CODE_NAME("return_code_name", Field.Kind.LABEL),
    REASON_CODE("reason_code", Field.Kind.INTEGER),
    REASON_NAME("reason_name", Field.Kind.LABEL),
    REASON_CODES("reason_codes", Field.Kind.LIST),
    RETURN_CODES("return_codes", Field.Kind.LIST),
    TOPIC("topic", Field.Kind.TEXT),
    PACKET_ID("packet_id", Field.Kind.INTEGER),
    PAYLOAD("payload", Field.Kind.BINARY),
    TOPIC_FILTER("topic_filter", Field.Kind.TEXT),
    SUBSCRIPTION_OPTIONS("subscription_options", Field.Kind.INTEGER),
    REQUESTED_QOS("requested_qos", Field.Kind.INTEGER),
    PROPERTIES("properties", Field.Kind.PROPERTIES),
    PROPERTIES_LENGTH("properties_length", Field.Kind.INTEGER),
    WILL_PROPERTIES("will_properties", Field.Kind.PROPERTIES),
    WILL_PROPERTIES_LENGTH("will_properties_length", Field.Kind.INTEGER),
    PAYLOAD_FORMAT_INDICATOR("payload_format_indicator", Field.Kind.INTEGER),
    MESSAGE_EXPIRY_INTERVAL("message_expiry_interval", Field.Kind.INTEGER),
    CONTENT_TYPE("content_type", Field.Kind.TEXT),
    RESPONSE_TOPIC("response_topic", Field.Kind.TEXT),
    CORRELATION_DATA("correlation_data", Field.Kind.BINARY),
    SUBSCRIPTION_IDENTIFIER("subscription_identifier", Field.Kind.INTEGER),
    SESSION_EXPIRY_INTERVAL("session_expiry_interval", Field.Kind.INTEGER),
    ASSIGNED_CLIENT_IDENTIFIER("assigned_client_identifier", Field.Kind.TEXT),
    SERVER_KEEP_ALIVE("server_keep_alive", Field.Kind.INTEGER),
    AUTHENTICATION_METHOD("authentication_method", Field.Kind.TEXT),
    AUTHENTICATION_DATA("authentication_data", Field.Kind.BINARY),
    REQUEST_PROBLEM_INFORMATION("request_problem_information", Field.Kind.INTEGER),
    WILL_DELAY_INTERVAL("will_delay_interval", Field.Kind.INTEGER),
    REQUEST_RESPONSE_INFORMATION("request_response_information", Field.Kind.INTEGER),
    RESPONSE_INFORMATION("response_information", Field.Kind.TEXT),
    SERVER_REFERENCE("server_reference", Field.Kind.TEXT),
    REASON_STRING("reason_string", Field.Kind.TEXT),
    RECEIVE_MAXIMUM("receive_maximum", Field.Kind.INTEGER),
    TOPIC_ALIAS_MAXIMUM("topic_alias_maximum", Field.Kind.INTEGER),
    TOPIC_ALIAS("topic_alias", Field.Kind.INTEGER),
    MAXIMUM_QOS("maximum_qos", Field.Kind.INTEGER),
    RETAIN_AVAILABLE("retain_available", Field.Kind.INTEGER),
    USER_PROPERTY("user_property", Field.Kind.PAIR),
    MAXIMUM_PACKET_SIZE("maximum_packet_size", Field.Kind.INTEGER),
    WILDCARD_SUBSCRIPTION_AVAILABLE("wildcard_subscription_available", Field.Kind.INTEGER),
    SUBSCRIPTION_IDENTIFIER_AVAILABLE("subscription_identifier_available", Field.Kind.INTEGER),
    SHARED_SUBSCRIPTION_AVAILABLE("shared_subscription_available", Field.Kind.INTEGER),
    USER_PROPERTY_NAME("user property name", Field.Kind.TEXT),
    USER_PROPERTY_VALUE("user property value", Field.Kind.TEXT);

    private static final Map<String, FieldName> BY_ID = new HashMap<>();

    static {
        for (FieldName n : values()) {
            BY_ID.put(n.id, n);
        }
    }

    private final String id;
    private final Field.Kind kind;

    FieldName(String id, Field.Kind kind) {
        this.id = id;
        this.kind = kind;
    }

    /** The snake_case name as printed and exported, e.g. {@code protocol_level}. */
    public String id() {
        return id;
    }

    public Field.Kind kind() {
        return kind;
    }

    /** True when {@code f} is this field. */
    public boolean is(Field f) {
        return f.name().equals(id);
    }

    /** The registered name, or null for a name the decoder never emits. */
    public static FieldName of(String id) {
        return BY_ID.get(id);
    }
}
