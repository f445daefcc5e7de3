package io.mqscope.tap;

import java.time.Instant;

/** Why the relay's upstream connection failed, with the stage and a detail a person understands. */
public record UpstreamFailure(String connectionId, Instant time, Stage stage, String detail) {
}
