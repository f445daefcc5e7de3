package io.mqscope.profile;

import java.util.List;

/**
 * The result of an import, before anything is applied: the profiles to apply, the format recognised ({@code mqscope}
 * or {@code mqttx}) and every field that could not be mapped or whose mapping matters for security, per connection.
 * The caller shows the issues (at least {@link #securityIssues()}) and applies {@link #profiles()} only after that.
 */
public record ImportReport(String format, List<Profile> profiles, List<Issue> issues) {
    public ImportReport {
        profiles = List.copyOf(profiles);
        issues = List.copyOf(issues);
    }

    /** The issues that weaken or touch security (certificate checks off, certificate paths); show these first. */
    public List<Issue> securityIssues() {
        return issues.stream().filter(Issue::security).toList();
    }

    /**
     * One field of one source connection that was not imported (or only approximately), or, with {@code security},
     * one mapping the user must know about before applying the import.
     */
    public record Issue(String connection, String field, String reason, boolean security) {
        public Issue(String connection, String field, String reason) {
            this(connection, field, reason, false);
        }

        @Override
        public String toString() {
            return connection + ": " + field + ": " + (security ? "security: " : "") + reason;
        }
    }
}
