package io.mqscope.broker;

/** The built-in broker could not start or stop; the message says why in words a person understands. */
public final class BrokerException extends RuntimeException {
    public BrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}
