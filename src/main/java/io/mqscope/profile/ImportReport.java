package io.mqscope.profile;

import java.util.List;

/**
 * The result of an import: the profiles, the format recognised ({@code mqscope} or {@code mqttx}) and every field
 * that could not be mapped, per connection.
 */
public record ImportReport(String format, List<Profile> profiles, List<Issue> issues) {
    public ImportReport {
        profiles = List.copyOf(profiles);
        issues = List.copyOf(issues);
    }

    /** One field of one source connection that was not imported (or only approximately). */
    public record Issue(String connection, String field, String reason) {
        @Override
        public String toString() {
            return connection + ": " + field + ": " + reason;
        }
    }
}
