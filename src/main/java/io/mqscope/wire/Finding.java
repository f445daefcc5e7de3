package io.mqscope.wire;

/**
 * One problem (or remark) about bytes on the wire.
 *
 * @param field  the blamed field in snake_case, e.g. {@code remaining_length}
 * @param offset byte offset of the blamed span: relative to the packet's first byte for packet findings,
 *               relative to the start of the stream for stream-level findings
 * @param length length of the blamed span in bytes (0 for "missing here")
 * @param spec   spec reference, e.g. {@code 3.1.1 §2.2.3 [MQTT-2.2.3-1]}; empty when beyond the spec
 */
public record Finding(Severity severity, String field, int offset, int length, String message, String spec) {
}
