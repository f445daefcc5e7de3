package io.mqscope.check;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * How to run a check: the time each stage may take, the report's language, whether to judge the WeChat
 * mini-program rules, who hears of each finished stage (called on the check's thread with every row so far), and
 * whether to run the subscribe/publish round trips.
 */
public record CheckOptions(Duration timeout, Locale locale, boolean miniprogram,
        Consumer<List<StageResult>> progress, boolean roundTrips) {
    public CheckOptions {
        progress = progress == null ? rows -> { } : progress;
    }

    public static CheckOptions of(Duration timeout, Locale locale) {
        return new CheckOptions(timeout, locale, false, null, true);
    }

    public CheckOptions withMiniprogram(boolean on) {
        return new CheckOptions(timeout, locale, on, progress, roundTrips);
    }

    public CheckOptions withProgress(Consumer<List<StageResult>> listener) {
        return new CheckOptions(timeout, locale, miniprogram, listener, roundTrips);
    }

    /** Without the subscribe and publish round trips (their rows say so): only to find why a connect failed. */
    public CheckOptions withoutRoundTrips() {
        return new CheckOptions(timeout, locale, miniprogram, progress, false);
    }
}
