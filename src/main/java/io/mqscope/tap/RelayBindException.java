package io.mqscope.tap;

/** The relay's listener could not be bound (port in use, address not on this machine). */
public final class RelayBindException extends RuntimeException {
    public RelayBindException(String message, Throwable cause) {
        super(message, cause);
    }
}
