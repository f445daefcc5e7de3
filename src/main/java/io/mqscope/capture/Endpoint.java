package io.mqscope.capture;

/**
 * One end of a TCP connection.
 *
 * @param address IPv4 dotted quad or IPv6 text in the RFC 5952 form ({@code 2001:db8::1})
 */
public record Endpoint(String address, int port) {

    /** {@code 192.0.2.1:1883} or {@code [2001:db8::1]:1883}. */
    @Override
    public String toString() {
        return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
    }
}
