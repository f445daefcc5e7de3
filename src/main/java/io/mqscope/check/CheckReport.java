package io.mqscope.check;

import java.util.List;

/**
 * A finished broker check: every stage in order, the verdict (null when every stage passed) and the warnings the
 * report must show (such as what {@code --insecure} skipped).
 */
public record CheckReport(String url, List<StageResult> stages, Verdict verdict, List<String> warnings) {
    public CheckReport {
        stages = List.copyOf(stages);
        warnings = List.copyOf(warnings);
    }

    public boolean ok() {
        return verdict == null;
    }
}
