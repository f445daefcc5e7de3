package io.mqscope.capture;

import io.mqscope.wire.Direction;
import java.time.Instant;

/** Bytes of one direction that the capture does not hold (lost segments, snaplen). */
public record Gap(Direction from, long offset, long length, Instant time) {

    public String describe() {
        return length + " bytes missing at stream offset " + offset + " (" + from.peer() + " to "
                + (from == Direction.CLIENT_TO_BROKER ? "broker" : "client") + ")";
    }
}
