package io.mqscope.check;

/**
 * One WeChat mini-program rule as judged by a check: its id ({@code scheme}, {@code port}, {@code domain},
 * {@code public_trust}, {@code full_chain}, {@code tls_version}, {@code subprotocol}, {@code path}, {@code expiry},
 * {@code keepalive}), ok/warn/fail, and the reason in the report's language.
 */
public record RuleResult(String rule, Status status, String detail) {
}
