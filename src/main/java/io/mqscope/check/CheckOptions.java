package io.mqscope.check;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * How to run a check: the time each stage may take, the report's language, whether to judge the WeChat
 * mini-program rules, and who hears of each finished stage (called on the check's thread with every row so far).
 */
public record CheckOptions(Duration timeout, Locale locale, boolean miniprogram,
        Consumer<List<StageResult>> progress) {
    public CheckOptions {
        progress = progress == null ? rows -> { } : progress;
    }

    public static CheckOptions of(Duration timeout, Locale locale) {
        return new CheckOptions(timeout, locale, false, null);
    }

    public CheckOptions withMiniprogram(boolean on) {
        return new CheckOptions(timeout, locale, on, progress);
    }

    public CheckOptions withProgress(Consumer<List<StageResult>> listener) {
        return new CheckOptions(timeout, locale, miniprogram, listener);
    }
}
