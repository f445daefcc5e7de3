package io.mqscope.session;

/**
 * What the relay saw the broker's side send instead of MQTT on a tcp or tls connection (an HTTP response, a TLS
 * record), from the decoder's {@code not_mqtt.*} findings: the one clue that names the port's protocol when the
 * client only sees a malformed packet ("Exception while decoding PUBACK" is an HTTP "H").
 *
 * @param protocol {@code http} or {@code tls}
 * @param line     the HTTP status line, or the TLS record as the decoder described it
 */
record BrokerAnswer(String protocol, String line) {
}
