package io.mqscope.tap;

/** Where an upstream connection failed, in the order a connection goes through them. */
public enum Stage {
    DNS, TCP, PROXY, TLS, WEBSOCKET, MQTT
}
