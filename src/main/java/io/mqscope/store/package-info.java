/**
 * Bounded logs of a session's messages and packets (ring buffers bounded by bytes, never unbounded lists),
 * running counters and JSON-lines export.
 */
package io.mqscope.store;
