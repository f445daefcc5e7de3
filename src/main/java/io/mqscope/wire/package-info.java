/**
 * The MQTT wire format: a lenient, diagnostic decoder for MQTT 3.1, 3.1.1 and 5.0 that never throws on bad input
 * and collects {@link io.mqscope.wire.Finding}s with the byte spans they blame. Pure Java: no I/O, no JavaFX,
 * nothing else of ours.
 */
package io.mqscope.wire;
