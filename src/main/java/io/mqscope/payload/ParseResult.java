package io.mqscope.payload;

/**
 * Either a value or an error that says where and why. {@code position} is a 0-based character index into the input;
 * {@code line} and {@code column} are 1-based (column counted in characters).
 */
public record ParseResult<T>(T value, String error, int position, int line, int column) {

    public static <T> ParseResult<T> ok(T value) {
        return new ParseResult<>(value, null, -1, -1, -1);
    }

    public static <T> ParseResult<T> error(String message, int position, int line, int column) {
        return new ParseResult<>(null, message, position, line, column);
    }

    /** An error at a character index of {@code input}; line and column are computed from it. */
    public static <T> ParseResult<T> errorAt(String input, int position, String message) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < position && i < input.length(); i++) {
            if (input.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new ParseResult<>(null, message, position, line, col);
    }

    public boolean ok() {
        return error == null;
    }
}
