package io.mqscope.payload.diff;

/** What happened to a line, a run of bytes or a JSON value between the earlier and the later payload. */
public enum DiffKind {
    SAME, ADDED, REMOVED, CHANGED;

    /** The mark a line of a unified diff starts with. */
    public char mark() {
        return switch (this) {
            case SAME -> ' ';
            case ADDED -> '+';
            case REMOVED -> '-';
            case CHANGED -> '~';
        };
    }
}
