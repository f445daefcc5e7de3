package io.mqscope.check;

import java.util.List;

/**
 * A finished broker check: every stage in order, the verdict (null when every stage passed), the warnings the
 * report must show (such as what {@code --insecure} skipped) and the mini-program rules (empty unless asked for).
 */
public record CheckReport(String url, List<StageResult> stages, Verdict verdict, List<String> warnings,
        List<RuleResult> miniprogram) {
    public CheckReport {
        stages = List.copyOf(stages);
        warnings = List.copyOf(warnings);
        miniprogram = List.copyOf(miniprogram);
    }

    public boolean ok() {
        return verdict == null;
    }
}
