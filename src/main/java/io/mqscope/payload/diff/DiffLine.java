package io.mqscope.payload.diff;

/**
 * One line of a text or hex diff.
 *
 * @param oldLine the line's number in the earlier payload (1-based; 0 for an added line, and for hex rows)
 * @param newLine the line's number in the later payload (1-based; 0 for a removed line, and for hex rows)
 * @param text    the line without its end; for hex, the row as offset, bytes and their ASCII
 */
public record DiffLine(DiffKind kind, int oldLine, int newLine, String text) {
}
