package io.mqscope.payload;

/**
 * A {@code .proto} that cannot be used: the file, the 1-based line and column where the parser or the linker
 * stopped (0 when it does not say), and its reason as wire-schema words it.
 */
public record ProtoSchemaError(String file, int line, int column, String reason) {

    /** {@code file:line:column: reason}, the form compilers and editors understand. */
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + reason;
    }
}
