package io.mqscope.wire;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every finding and diagnosis the decoder can emit, registered once (as Wireshark registers its {@code ei_mqtt_*}
 * expert infos): a stable dotted id, the default severity, the spec reference and the names of the message's
 * arguments. The message text lives in the {@code Messages} bundles under the id; decisions read rules, never prose.
 *
 * <p>A spec reference is {@code "3.1.1 ... | 5.0 ..."} when the versions cite different sections, else one text for
 * both. It may name arguments (e.g. {@code §3.{section}.1}). Ids starting with {@code diagnosis.} are root causes
 * (advice beyond the spec) rather than findings.
 */
public enum Rule {
    PACKET_EMPTY("packet.empty", Severity.ERROR, ""),
    INPUT_EMPTY("input.empty", Severity.ERROR, "3.1.1 §2.2, 5.0 §2.1"),
    INTERNAL_ERROR("decoder.internal_error", Severity.ERROR, "", "error"),
    REMAINING_LENGTH_MISSING("remaining_length.missing", Severity.ERROR, "3.1.1 §2.2.3 | 5.0 §2.1.4"),
    REMAINING_LENGTH_CUT_SHORT("remaining_length.cut_short", Severity.ERROR, "3.1.1 §2.2.3 | 5.0 §2.1.4"),
    REMAINING_LENGTH_TOO_LONG("remaining_length.too_long", Severity.ERROR, "3.1.1 §2.2.3 | 5.0 §1.5.5", "byte"),
    REMAINING_LENGTH_TRUNCATED("remaining_length.truncated", Severity.ERROR,
            "3.1.1 §2.2.3 | 5.0 §2.1.4", "declared", "present", "missing"),
    REMAINING_LENGTH_EXTRA_BYTES("remaining_length.extra_bytes", Severity.ERROR,
            "3.1.1 §2.2.3 | 5.0 §2.1.4", "declared", "present", "extra"),
    REMAINING_LENGTH_PADDED("remaining_length.padded", Severity.ERROR,
            "5.0 §1.5.5 [MQTT-1.5.5-1]", "name", "value", "length", "encoded", "minimal_encoding", "minimal"),
    REMAINING_LENGTH_PADDED_311("remaining_length.padded_311", Severity.WARNING,
            "3.1.1 §2.2.3", "name", "value", "length", "encoded", "minimal_encoding", "minimal"),
    REMAINING_LENGTH_TOO_SMALL("remaining_length.too_small", Severity.ERROR,
            "3.1.1 §3.{section}.1 | 5.0 §3.{section}.1", "type", "min", "declared", "section"),
    REMAINING_LENGTH_FIXED("remaining_length.fixed", Severity.ERROR,
            "3.1.1 §3.{section}.1 | 5.0 §3.{section}.1", "type", "expected", "version", "declared", "section"),
    REMAINING_LENGTH_FIXED_5("remaining_length.fixed_5", Severity.ERROR,
            "3.1.1 §3.{section}.1 | 5.0 §3.{section}.1", "type", "expected", "declared", "section"),
    REMAINING_LENGTH_TOO_SHORT("remaining_length.too_short", Severity.ERROR,
            "3.1.1 §2.2.3 | 5.0 §2.1.4", "declared", "needed", "extra", "literal"),
    REMAINING_LENGTH_PADDED_LITERAL("remaining_length.padded_literal", Severity.ERROR,
            "3.1.1 §2.2.3 | 5.0 §2.1.4", "head", "body"),
    REMAINING_LENGTH_PADDED_LITERAL_THEN("remaining_length.padded_literal_then", Severity.ERROR,
            "3.1.1 §2.2.3 | 5.0 §2.1.4", "head", "body", "next"),
    REMAINING_LENGTH_PADDING("remaining_length.padding", Severity.ERROR, "3.1.1 §2.2.3 | 5.0 §2.1.4", "count", "type"),
    REMAINING_LENGTH_BEYOND_BUFFER("remaining_length.beyond_buffer", Severity.ERROR,
            "3.1.1 §2.2.3", "declared", "limit"),
    HEADER_FLAGS_RESERVED("header_flags.reserved", Severity.ERROR,
            "3.1.1 §2.2.2 [MQTT-2.2.2-1] [MQTT-2.2.2-2] | 5.0 §2.1.3", "flags", "type", "expected", "section"),
    HEADER_FLAGS_0010("header_flags.must_be_0010", Severity.ERROR,
            "3.1.1 §3.{section}.1 [MQTT-3.{section}.1-1] | 5.0 §3.{section}.1 [MQTT-3.{section}.1-1]",
            "flags", "type", "expected", "section"),
    PACKET_TYPE_BROKER_ONLY("packet_type.broker_only", Severity.ERROR,
            "3.1.1 §2.2.1 Table 2.1 | 5.0 §2.1.2 Table 2-1", "type"),
    PACKET_TYPE_CLIENT_ONLY("packet_type.client_only", Severity.ERROR,
            "3.1.1 §2.2.1 Table 2.1 | 5.0 §2.1.2 Table 2-1", "type"),
    PACKET_TYPE_DISCONNECT_FROM_BROKER("packet_type.disconnect_from_broker", Severity.ERROR,
            "3.1.1 §2.2.1 Table 2.1 | 5.0 §2.1.2 Table 2-1", "type"),
    PACKET_TYPE_RESERVED("packet_type.reserved", Severity.ERROR,
            "3.1.1 §2.2.1 Table 2.1 | 5.0 §2.1.2 Table 2-1", "nibble"),
    PACKET_TYPE_RESERVED_15("packet_type.reserved_15", Severity.ERROR,
            "3.1.1 §2.2.1 Table 2.1 | 5.0 §2.1.2 Table 2-1", "nibble"),
    FIELD_MISSING("field.missing", Severity.ERROR, "3.1.1 §2.2.3 | 5.0 §2.1.4", "name", "need"),
    FIELD_CUT_SHORT("field.cut_short", Severity.ERROR, "3.1.1 §2.2.3 | 5.0 §2.1.4", "name", "need", "left"),
    VARINT_MISSING("varint.missing", Severity.ERROR, "3.1.1 §2.2.3 | 5.0 §1.5.5", "name"),
    VARINT_CUT_SHORT("varint.cut_short", Severity.ERROR, "3.1.1 §2.2.3 | 5.0 §1.5.5", "name"),
    VARINT_TOO_LONG("varint.too_long", Severity.ERROR, "3.1.1 §2.2.3 | 5.0 §1.5.5", "name", "byte"),
    VARINT_NON_MINIMAL("varint.non_minimal", Severity.ERROR,
            "5.0 §1.5.5 [MQTT-1.5.5-1]", "name", "value", "length", "encoded", "minimal_encoding", "minimal"),
    VARINT_NON_MINIMAL_311("varint.non_minimal_311", Severity.WARNING,
            "3.1.1 §2.2.3", "name", "value", "length", "encoded", "minimal_encoding", "minimal"),
    STRING_OVERRUN("string.overrun", Severity.ERROR, "3.1.1 §1.5.3 | 5.0 §1.5.4", "name", "declared", "left"),
    BINARY_OVERRUN("binary.overrun", Severity.ERROR, "3.1.1 §1.5.3 | 5.0 §1.5.6", "name", "declared", "left"),
    UTF8_NULL_CHARACTER("utf8.null_character", Severity.ERROR,
            "3.1.1 §1.5.3 [MQTT-1.5.3-2] | 5.0 §1.5.4 [MQTT-1.5.4-2]", "name"),
    UTF8_CONTROL_CHARACTER("utf8.control_character", Severity.WARNING, "3.1.1 §1.5.3 | 5.0 §1.5.4", "name", "code"),
    UTF8_NON_CHARACTER("utf8.non_character", Severity.WARNING, "3.1.1 §1.5.3 | 5.0 §1.5.4", "name", "code"),
    UTF8_OVERLONG_LEAD("utf8.overlong_lead", Severity.ERROR,
            "3.1.1 §1.5.3 [MQTT-1.5.3-1] | 5.0 §1.5.4 [MQTT-1.5.4-1]", "name", "byte"),
    UTF8_LONE_CONTINUATION("utf8.lone_continuation", Severity.ERROR,
            "3.1.1 §1.5.3 [MQTT-1.5.3-1] | 5.0 §1.5.4 [MQTT-1.5.4-1]", "name", "byte"),
    UTF8_INVALID_BYTE("utf8.invalid_byte", Severity.ERROR,
            "3.1.1 §1.5.3 [MQTT-1.5.3-1] | 5.0 §1.5.4 [MQTT-1.5.4-1]", "name", "byte"),
    UTF8_CUT_SHORT("utf8.cut_short", Severity.ERROR,
            "3.1.1 §1.5.3 [MQTT-1.5.3-1] | 5.0 §1.5.4 [MQTT-1.5.4-1]", "name", "byte"),
    UTF8_OVERLONG("utf8.overlong", Severity.ERROR,
            "3.1.1 §1.5.3 [MQTT-1.5.3-1] | 5.0 §1.5.4 [MQTT-1.5.4-1]", "name", "code"),
    UTF8_SURROGATE("utf8.surrogate", Severity.ERROR,
            "3.1.1 §1.5.3 [MQTT-1.5.3-1] | 5.0 §1.5.4 [MQTT-1.5.4-1]", "name", "code"),
    UTF8_BEYOND_MAX("utf8.beyond_max", Severity.ERROR,
            "3.1.1 §1.5.3 [MQTT-1.5.3-1] | 5.0 §1.5.4 [MQTT-1.5.4-1]", "name", "code"),
    PAYLOAD_NOT_UTF8("payload.not_utf8", Severity.ERROR, "5.0 §3.3.2.3.2 [MQTT-3.3.2-4]", "name", "at", "byte"),
    WILL_PAYLOAD_NOT_UTF8("will_payload.not_utf8", Severity.ERROR,
            "5.0 §3.1.3.2.3 [MQTT-3.1.3-9]", "name", "at", "byte"),
    PACKET_ID_ZERO("packet_id.zero", Severity.ERROR, "3.1.1 §2.3.1 [MQTT-2.3.1-1] | 5.0 §2.2.1 [MQTT-2.2.1-3]", "type"),
    REASON_CODE_UNDEFINED("reason_code.undefined", Severity.ERROR, "5.0 §2.4 Table 2-6", "code", "type"),
    REASON_CODE_NOT_ALLOWED("reason_code.not_allowed", Severity.ERROR, "5.0 §2.4 Table 2-6", "code", "name", "type"),
    REASON_CODES_MISSING("reason_codes.missing", Severity.ERROR, "5.0 §3.{section}.3", "type", "section"),
    RETURN_CODES_MISSING("return_codes.missing", Severity.ERROR, "3.1.1 §3.9.3", "type"),
    REASON_CODES_UNDEFINED("reason_codes.undefined", Severity.ERROR, "5.0 §3.{section}.3", "code", "type", "section"),
    REASON_CODES_NOT_ALLOWED("reason_codes.not_allowed", Severity.ERROR,
            "5.0 §3.{section}.3", "code", "name", "type", "section"),
    RETURN_CODES_INVALID("return_codes.invalid", Severity.ERROR, "3.1.1 §3.9.3 [MQTT-3.9.3-2]", "code", "type"),
    PROPERTIES_TRAILING_BYTES("properties.trailing_bytes", Severity.ERROR,
            "5.0 §3.{section}.2", "count", "type", "section"),
    PUBLISH_QOS3("publish.qos3", Severity.ERROR, "3.1.1 §3.3.1.2 [MQTT-3.3.1-4] | 5.0 §3.3.1.2 [MQTT-3.3.1-4]"),
    PUBLISH_DUP_QOS0("publish.dup_qos0", Severity.ERROR, "3.1.1 §3.3.1.1 [MQTT-3.3.1-2] | 5.0 §3.3.1.1 [MQTT-3.3.1-2]"),
    PUBLISH_TOPIC_EMPTY("publish.topic_empty", Severity.ERROR, "3.1.1 §4.7.3 [MQTT-4.7.3-1]"),
    PUBLISH_TOPIC_EMPTY_WITHOUT_ALIAS("publish.topic_empty_without_alias", Severity.ERROR,
            "5.0 §3.3.2.1 [MQTT-3.3.2-1]"),
    PUBLISH_SUBSCRIPTION_IDENTIFIER_FROM_CLIENT("publish.subscription_identifier_from_client", Severity.ERROR,
            "5.0 §3.3.2.3.8 [MQTT-3.3.4-6]"),
    TOPIC_NAME_WILDCARD("topic_name.wildcard", Severity.ERROR,
            "3.1.1 §3.3.2.1 [MQTT-3.3.2-2] | 5.0 §3.3.2.1 [MQTT-3.3.2-2]", "name", "topic", "wildcard"),
    TOPIC_FILTER_EMPTY("topic_filter.empty", Severity.ERROR, "3.1.1 §4.7.3 [MQTT-4.7.3-1] | 5.0 §4.7.3 [MQTT-4.7.3-1]"),
    TOPIC_FILTER_MULTI_LEVEL_WILDCARD("topic_filter.multi_level_wildcard", Severity.ERROR,
            "3.1.1 §4.7.1.2 [MQTT-4.7.1-2] | 5.0 §4.7.1.2 [MQTT-4.7.1-1]", "filter"),
    TOPIC_FILTER_SINGLE_LEVEL_WILDCARD("topic_filter.single_level_wildcard", Severity.ERROR,
            "3.1.1 §4.7.1.3 [MQTT-4.7.1-3] | 5.0 §4.7.1.3 [MQTT-4.7.1-2]", "filter"),
    TOPIC_FILTER_SHARED_SUBSCRIPTION("topic_filter.shared_subscription", Severity.ERROR,
            "5.0 §4.8.2 [MQTT-4.8.2-1] [MQTT-4.8.2-2]", "filter"),
    CONNECT_BRIDGE_LEVEL("connect.bridge_level", Severity.WARNING,
            "3.1.1 §3.1.2.2 [MQTT-3.1.2-2] | 5.0 §3.1.2.2 [MQTT-3.1.2-2]", "byte", "level"),
    CONNECT_PROTOCOL_NAME("connect.protocol_name", Severity.ERROR,
            "3.1.1 §3.1.2.1 [MQTT-3.1.2-1] | 5.0 §3.1.2.1 [MQTT-3.1.2-1]", "length", "name"),
    CONNECT_PROTOCOL_LEVEL("connect.protocol_level", Severity.ERROR,
            "3.1.1 §3.1.2.2 [MQTT-3.1.2-2] | 5.0 §3.1.2.2 [MQTT-3.1.2-2]", "level", "name"),
    CONNECT_PROTOCOL_LEVEL_31("connect.protocol_level_31", Severity.ERROR,
            "3.1.1 §3.1.2.2 [MQTT-3.1.2-2] | 5.0 §3.1.2.2 [MQTT-3.1.2-2]", "level", "name"),
    CONNECT_RESERVED_FLAG("connect.reserved_flag", Severity.ERROR,
            "3.1.1 §3.1.2.3 [MQTT-3.1.2-3] | 5.0 §3.1.2.3 [MQTT-3.1.2-3]", "flags"),
    CONNECT_WILL_QOS3("connect.will_qos3", Severity.ERROR,
            "3.1.1 §3.1.2.6 [MQTT-3.1.2-14] | 5.0 §3.1.2.6 [MQTT-3.1.2-12]", "flags"),
    CONNECT_WILL_QOS_WITHOUT_WILL("connect.will_qos_without_will", Severity.ERROR,
            "3.1.1 §3.1.2.6 [MQTT-3.1.2-13] | 5.0 §3.1.2.6 [MQTT-3.1.2-11]", "flags", "qos"),
    CONNECT_WILL_RETAIN_WITHOUT_WILL("connect.will_retain_without_will", Severity.ERROR,
            "3.1.1 §3.1.2.7 [MQTT-3.1.2-15] | 5.0 §3.1.2.7 [MQTT-3.1.2-13]", "flags"),
    CONNECT_PASSWORD_WITHOUT_USERNAME("connect.password_without_username", Severity.ERROR,
            "3.1.1 §3.1.2.9 [MQTT-3.1.2-22]", "flags"),
    CONNECT_CLIENT_ID_EMPTY_31("connect.client_id_empty_31", Severity.ERROR, "3.1 §3.1 (Client Identifier)"),
    CONNECT_CLIENT_ID_EMPTY_PERSISTENT("connect.client_id_empty_persistent", Severity.ERROR,
            "3.1.1 §3.1.3.1 [MQTT-3.1.3-8]"),
    CONNECT_CLIENT_ID_TOO_LONG_31("connect.client_id_too_long_31", Severity.ERROR,
            "3.1 §3.1 (Client Identifier)", "count"),
    CONNECT_WILL_TOPIC_EMPTY("connect.will_topic_empty", Severity.ERROR,
            "3.1.1 §4.7.3 [MQTT-4.7.3-1] | 5.0 §4.7.3 [MQTT-4.7.3-1]"),
    CONNECT_TRAILING_BYTES("connect.trailing_bytes", Severity.ERROR, "3.1.1 §3.1.3 | 5.0 §3.1.3", "count"),
    CONNACK_RESERVED_FLAGS("connack.reserved_flags", Severity.ERROR,
            "3.1.1 §3.2.2.1 | 5.0 §3.2.2.1 [MQTT-3.2.2-1]", "flags"),
    CONNACK_REASON_CODE_UNDEFINED("connack.reason_code_undefined", Severity.ERROR, "5.0 §3.2.2.2", "code"),
    CONNACK_REASON_CODE_NOT_ALLOWED("connack.reason_code_not_allowed", Severity.ERROR, "5.0 §3.2.2.2", "code", "name"),
    CONNACK_SESSION_PRESENT_ON_ERROR("connack.session_present_on_error", Severity.ERROR,
            "5.0 §3.2.2.1.1 [MQTT-3.2.2-6]", "code"),
    CONNACK_MISSING_PROPERTIES("connack.missing_properties", Severity.ERROR, "5.0 §3.2.2.3.1"),
    CONNACK_TRAILING_BYTES("connack.trailing_bytes", Severity.ERROR, "5.0 §3.2.2.3", "count", "type"),
    CONNACK_RETURN_CODE_RESERVED("connack.return_code_reserved", Severity.ERROR, "3.1.1 §3.2.2.3 Table 3.1", "code"),
    CONNACK_SESSION_PRESENT_ON_REFUSAL("connack.session_present_on_refusal", Severity.ERROR,
            "3.1.1 §3.2.2.2 [MQTT-3.2.2-4]", "code"),
    SUBSCRIBE_NO_TOPIC_FILTER("subscribe.no_topic_filter", Severity.ERROR,
            "3.1.1 §3.8.3 [MQTT-3.8.3-3] | 5.0 §3.8.3 [MQTT-3.8.3-2]"),
    SUBSCRIBE_QOS3("subscribe.qos3", Severity.ERROR, "3.1.1 §3.8.3.1 [MQTT-3.8.3-4] | 5.0 §3.8.3.1", "option", "value"),
    SUBSCRIBE_RESERVED_BITS_311("subscribe.reserved_bits_311", Severity.ERROR,
            "3.1.1 §3.8.3.1 [MQTT-3.8.3-4]", "value"),
    SUBSCRIBE_RESERVED_BITS("subscribe.reserved_bits", Severity.ERROR, "5.0 §3.8.3.1 [MQTT-3.8.3-5]", "value"),
    SUBSCRIBE_RETAIN_HANDLING_3("subscribe.retain_handling_3", Severity.ERROR, "5.0 §3.8.3.1", "value"),
    SUBSCRIBE_NO_LOCAL_SHARED("subscribe.no_local_shared", Severity.ERROR, "5.0 §3.8.3.1 [MQTT-3.8.3-4]", "filter"),
    UNSUBSCRIBE_NO_TOPIC_FILTER("unsubscribe.no_topic_filter", Severity.ERROR,
            "3.1.1 §3.10.3 [MQTT-3.10.3-2] | 5.0 §3.10.3 [MQTT-3.10.3-2]"),
    DISCONNECT_REASON_BROKER_ONLY("disconnect.reason_broker_only", Severity.ERROR, "5.0 §3.14.2.1", "code", "name"),
    DISCONNECT_REASON_CLIENT_ONLY("disconnect.reason_client_only", Severity.ERROR, "5.0 §3.14.2.1", "code", "name"),
    DISCONNECT_SESSION_EXPIRY_FROM_BROKER("disconnect.session_expiry_from_broker", Severity.ERROR,
            "5.0 §3.14.2.2.2 [MQTT-3.14.2-2]"),
    AUTH_MISSING_METHOD("auth.missing_method", Severity.ERROR, "5.0 §3.15.2.2.2", "code"),
    PROPERTIES_OVERRUN("properties.overrun", Severity.ERROR, "5.0 §2.2.2.1", "length", "left"),
    PROPERTIES_UNKNOWN("properties.unknown", Severity.ERROR, "5.0 §2.2.2.2", "id", "type"),
    WILL_PROPERTIES_UNKNOWN("will_properties.unknown", Severity.ERROR, "5.0 §2.2.2.2", "id"),
    PROPERTIES_NOT_ALLOWED("properties.not_allowed", Severity.ERROR, "5.0 §2.2.2.2", "id", "property", "type"),
    WILL_PROPERTIES_NOT_ALLOWED("will_properties.not_allowed", Severity.ERROR, "5.0 §2.2.2.2", "id", "property"),
    PROPERTIES_DUPLICATE("properties.duplicate", Severity.ERROR, "5.0 §2.2.2.2", "id", "property", "type"),
    WILL_PROPERTIES_DUPLICATE("will_properties.duplicate", Severity.ERROR, "5.0 §2.2.2.2", "id", "property"),
    PROPERTIES_AUTH_DATA_WITHOUT_METHOD("properties.auth_data_without_method", Severity.ERROR, "5.0 §3.1.2.11.10"),
    PROPERTIES_NOT_BOOLEAN("properties.not_boolean", Severity.ERROR, "5.0 §3 ({property})", "property", "value"),
    PROPERTIES_TOPIC_ALIAS_ZERO("properties.topic_alias_zero", Severity.ERROR, "5.0 §3.3.2.3.4 [MQTT-3.3.2-8]"),
    PROPERTIES_RECEIVE_MAXIMUM_ZERO("properties.receive_maximum_zero", Severity.ERROR, "5.0 §3.1.2.11.3"),
    PROPERTIES_MAXIMUM_PACKET_SIZE_ZERO("properties.maximum_packet_size_zero", Severity.ERROR, "5.0 §3.1.2.11.4"),
    PROPERTIES_SUBSCRIPTION_IDENTIFIER_ZERO("properties.subscription_identifier_zero", Severity.ERROR,
            "5.0 §3.8.2.1.2"),
    PROPERTIES_RESPONSE_TOPIC_WILDCARD("properties.response_topic_wildcard", Severity.ERROR,
            "5.0 §3.3.2.3.5 [MQTT-3.3.2-14]", "topic"),
    PROPERTIES_RESPONSE_TOPIC_EMPTY("properties.response_topic_empty", Severity.ERROR,
            "5.0 §3.3.2.3.5 [MQTT-3.3.2-13] [MQTT-4.7.3-1]"),
    PROPERTIES_MISSING_LENGTH("properties.missing_length", Severity.ERROR, "5.0 §2.2.2", "type"),
    PROTOCOL_LEVEL_ASSUMED_5("protocol_level.assumed_5", Severity.INFO, ""),
    STREAM_SKIPPED("stream.skipped", Severity.ERROR, "3.1.1 §2.2.3", "count"),
    STREAM_SKIPPED_TO_END("stream.skipped_to_end", Severity.ERROR, "3.1.1 §2.2.3", "count"),
    STREAM_TRUNCATED("stream.truncated", Severity.ERROR, "3.1.1 §2.2.3", "type", "present"),
    STREAM_TRUNCATED_DECLARED("stream.truncated_declared", Severity.ERROR,
            "3.1.1 §2.2.3", "type", "present", "total", "declared", "header"),
    SEQUENCE_AFTER_DISCONNECT("sequence.after_disconnect", Severity.ERROR,
            "3.1.1 §3.14.4 [MQTT-3.14.4-2] | 5.0 §3.14.4 [MQTT-3.14.4-1]", "type"),
    SEQUENCE_SECOND_CONNECT("sequence.second_connect", Severity.ERROR,
            "3.1.1 §3.1 [MQTT-3.1.0-2] | 5.0 §3.1 [MQTT-3.1.0-2]"),
    SEQUENCE_SECOND_CONNACK("sequence.second_connack", Severity.ERROR, "3.1.1 §3.2 | 5.0 §3.2"),
    SEQUENCE_FIRST_NOT_CONNECT("sequence.first_not_connect", Severity.ERROR,
            "3.1.1 §3.1 [MQTT-3.1.0-1] | 5.0 §3.1 [MQTT-3.1.0-1]", "type"),
    SEQUENCE_FIRST_NOT_CONNACK("sequence.first_not_connack", Severity.ERROR,
            "3.1.1 §3.2 [MQTT-3.2.0-1] | 5.0 §3.2 [MQTT-3.2.0-1]", "type"),
    NOT_MQTT_HTTP_REQUEST("not_mqtt.http_request", Severity.ERROR, "", "line"),
    NOT_MQTT_HTTP_RESPONSE("not_mqtt.http_response", Severity.ERROR, "", "line"),
    NOT_MQTT_TLS("not_mqtt.tls", Severity.ERROR, "", "what", "header", "version"),
    NOT_MQTT_WEBSOCKET("not_mqtt.websocket", Severity.ERROR, "", "opcode", "size", "carries"),
    NOT_MQTT_WEBSOCKET_MASKED("not_mqtt.websocket_masked", Severity.ERROR, "", "opcode", "size", "carries"),
    RELAY_DECODING_STOPPED("relay.decoding_stopped", Severity.INFO, "", "cause"),
    WEBSOCKET_TEXT_FRAME("websocket.text_frame", Severity.ERROR, "3.1.1 §6.0 [MQTT-6.0.0-1]"),
    UNREGISTERED("finding.unregistered", Severity.ERROR, "", "text"),
    DIAGNOSIS_WEBSOCKET_CLIENT_ON_TCP_PORT("diagnosis.websocket_client_on_tcp_port", Severity.INFO, ""),
    DIAGNOSIS_HTTP_CLIENT_ON_MQTT_PORT("diagnosis.http_client_on_mqtt_port", Severity.INFO, ""),
    DIAGNOSIS_WEBSOCKET_HANDSHAKE_IN_STREAM("diagnosis.websocket_handshake_in_stream", Severity.INFO, ""),
    DIAGNOSIS_MQTT_CLIENT_ON_HTTP_PORT("diagnosis.mqtt_client_on_http_port", Severity.INFO, ""),
    DIAGNOSIS_UNUSUAL_FROM_CLIENT("diagnosis.unusual_from_client", Severity.INFO, "", "diagnosis"),
    DIAGNOSIS_UNUSUAL_FROM_BROKER("diagnosis.unusual_from_broker", Severity.INFO, "", "diagnosis"),
    DIAGNOSIS_PLAIN_MQTT_ON_TLS_PORT("diagnosis.plain_mqtt_on_tls_port", Severity.INFO, ""),
    DIAGNOSIS_TLS_ON_PLAIN_PORT("diagnosis.tls_on_plain_port", Severity.INFO, ""),
    DIAGNOSIS_WEBSOCKET_IN_TCP_STREAM("diagnosis.websocket_in_tcp_stream", Severity.INFO, ""),
    DIAGNOSIS_CONNACK_UNSUPPORTED_VERSION("diagnosis.connack.unsupported_protocol_version", Severity.INFO, ""),
    DIAGNOSIS_CONNACK_CLIENT_ID_REJECTED("diagnosis.connack.client_identifier_rejected", Severity.INFO, ""),
    DIAGNOSIS_CONNACK_BAD_CREDENTIALS("diagnosis.connack.bad_credentials", Severity.INFO, ""),
    DIAGNOSIS_CONNACK_NOT_AUTHORIZED("diagnosis.connack.not_authorized", Severity.INFO, ""),
    DIAGNOSIS_CONNACK_SERVER_UNAVAILABLE("diagnosis.connack.server_unavailable", Severity.INFO, ""),
    DIAGNOSIS_CONNACK_BANNED("diagnosis.connack.banned", Severity.INFO, ""),
    DIAGNOSIS_CONNACK_BAD_AUTHENTICATION_METHOD("diagnosis.connack.bad_authentication_method", Severity.INFO, ""),
    DIAGNOSIS_CONNACK_PACKET_TOO_LARGE("diagnosis.connack.packet_too_large", Severity.INFO, ""),
    DIAGNOSIS_CONNACK_SERVER_MOVED("diagnosis.connack.server_moved", Severity.INFO, ""),
    DIAGNOSIS_CONNACK_CONNECTION_RATE_EXCEEDED("diagnosis.connack.connection_rate_exceeded", Severity.INFO, ""),
    DIAGNOSIS_MQTT311_ON_MQTT5_CONNECTION("diagnosis.mqtt311_on_mqtt5_connection", Severity.INFO, "", "summary"),
    DIAGNOSIS_MQTT5_ON_MQTT311_CONNECTION("diagnosis.mqtt5_on_mqtt311_connection", Severity.INFO, "", "summary"),
    DIAGNOSIS_REMAINING_LENGTH_TOO_SMALL("diagnosis.remaining_length_too_small", Severity.INFO,
            "", "extra", "length", "encoded", "summary"),
    DIAGNOSIS_PADDED_REMAINING_LENGTH("diagnosis.padded_remaining_length", Severity.INFO,
            "", "written", "length_bytes", "pad", "summary"),
    DIAGNOSIS_PADDED_REMAINING_LENGTH_MULTI("diagnosis.padded_remaining_length_multi", Severity.INFO,
            "", "written", "length_bytes", "pad", "count", "summary"),
    DIAGNOSIS_PADDED_REMAINING_LENGTH_CUT("diagnosis.padded_remaining_length_cut", Severity.INFO,
            "", "written", "length_bytes", "missing", "declared", "pad", "summary");

    private static final Map<String, Rule> BY_ID = new HashMap<>();

    static {
        for (Rule r : values()) {
            BY_ID.put(r.id, r);
        }
    }

    private final String id;
    private final Severity severity;
    private final String spec311;
    private final String spec5;
    private final List<String> args;

    Rule(String id, Severity severity, String spec, String... args) {
        this.id = id;
        this.severity = severity;
        int bar = spec.indexOf(" | ");
        this.spec311 = bar < 0 ? spec : spec.substring(0, bar);
        this.spec5 = bar < 0 ? spec : spec.substring(bar + 3);
        this.args = List.of(args);
    }

    /** Stable dotted id, e.g. {@code remaining_length.padded}; also the message key. */
    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    /** Names of the message's arguments, in the order a finding carries their values. */
    public List<String> args() {
        return args;
    }

    /** True for root-cause explanations ({@link DecodedPacket#cause()}), false for findings. */
    public boolean isDiagnosis() {
        return id.startsWith("diagnosis.");
    }

    /** The spec reference as written for a version (5 for MQTT 5.0, else 3.1.1), arguments not filled in. */
    public String specTemplate(int version) {
        return version == 5 ? spec5 : spec311;
    }

    /** The spec reference for a version with the arguments filled in, e.g. {@code 5.0 §3.4.1}. */
    public String spec(int version, Object... values) {
        String t = specTemplate(version);
        return t.indexOf('{') < 0 ? t : Messages.format(t, args, Arrays.asList(values), null);
    }

    /** The rule with this id, or null. */
    public static Rule byId(String id) {
        return BY_ID.get(id);
    }
}
