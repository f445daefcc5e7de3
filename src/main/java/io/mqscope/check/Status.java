package io.mqscope.check;

import java.util.Locale;

/** How one stage of a broker check ended. */
public enum Status {
    OK, FAIL, WARN, SKIP;

    /** The lower-case form of the JSON report and the text report. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
