package io.mqscope.capture;

import io.mqscope.wire.Direction;
import io.mqscope.wire.Finding;

/** A stream-level finding of one direction; its offset counts in that direction's MQTT byte stream. */
public record StreamFinding(Direction from, Finding finding) {
}
