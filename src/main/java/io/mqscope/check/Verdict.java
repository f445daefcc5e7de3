package io.mqscope.check;

/** Why a check failed: the stage that failed, the cause and the fix, in the report's language. */
public record Verdict(String stage, String cause, String fix) {
}
