package io.mqscope.wire;

import java.util.Arrays;
import java.util.List;

/** Wording that fills an argument of a rule's message (e.g. which TLS record), translated like the message. */
public enum Phrase {
    TLS_CLIENT_HELLO("phrase.tls.client_hello"),
    TLS_SERVER_HELLO("phrase.tls.server_hello"),
    TLS_HANDSHAKE("phrase.tls.handshake"),
    TLS_ALERT("phrase.tls.alert"),
    TLS_APPLICATION_DATA("phrase.tls.application_data"),
    TLS_CHANGE_CIPHER_SPEC("phrase.tls.change_cipher_spec"),
    WEBSOCKET_MQTT_PAYLOAD("phrase.websocket.mqtt_payload", "type", "size"),
    WEBSOCKET_TEXT("phrase.websocket.text"),
    WEBSOCKET_CLOSE("phrase.websocket.close"),
    WEBSOCKET_CLOSE_STATUS("phrase.websocket.close_status", "code"),
    WEBSOCKET_CONTROL("phrase.websocket.control", "opcode");

    private final String key;
    private final List<String> args;

    Phrase(String key, String... args) {
        this.key = key;
        this.args = List.of(args);
    }

    public String key() {
        return key;
    }

    public List<String> args() {
        return args;
    }

    /** This phrase with its argument values, to pass as a rule's argument. */
    public Wording with(Object... values) {
        return new Wording(key, args, Arrays.asList(values));
    }
}
