package io.mqscope.capture;

/**
 * A capture that cannot be read on: not a capture file, an unsupported link type, a file cut short. The message
 * says what was found at which byte offset.
 */
public final class CaptureException extends Exception {
    private final long offset;
    private final transient Capture partial;

    public CaptureException(String message, long offset) {
        this(message, offset, null);
    }

    CaptureException(String message, long offset, Capture partial) {
        super(message);
        this.offset = offset;
        this.partial = partial;
    }

    /** Byte offset in the file where the problem was found. */
    public long offset() {
        return offset;
    }

    /** What was decoded before the problem (a file cut short still shows its conversations), or null. */
    public Capture partial() {
        return partial;
    }

    CaptureException withPartial(Capture capture) {
        CaptureException e = new CaptureException(getMessage(), offset, capture);
        e.setStackTrace(getStackTrace());
        return e;
    }
}
