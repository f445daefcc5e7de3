package io.mqscope.ui.connections;

import io.mqscope.session.StateChange;
import io.mqscope.tap.Stage;
import io.mqscope.ui.I18n;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A connection's state change as the connection log, the failure notification and the status bar say it, in the
 * UI's language at the moment it is shown: the session hands over message keys, not prose (issue 14 items 4-6).
 * The reason and the fix are always shown whole.
 */
public final class StateText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);

    private StateText() {
    }

    public static String state(StateChange c) {
        return I18n.t("state." + c.state().name().toLowerCase(Locale.ROOT));
    }

    public static String stage(Stage s) {
        return I18n.t("stage." + s.label());
    }

    /**
     * The reason in the UI's language, or null; where a verdict explains a failure, the technical line (what the
     * client or the relay said) follows it, so nothing the user could search for is lost.
     */
    public static String reason(StateChange c) {
        String said = c.reason(I18n.locale());
        // the detail adds nothing where the verdict already quotes it (a verdict that wraps the relay's words)
        return c.hasDetail() && (said == null || !said.contains(c.detail())) ? I18n.t("log.detail", said, c.detail())
                : said;
    }

    /** One log entry: a line with the time, the state, the stage and the reason; a second one with the fix. */
    public static String logEntry(StateChange c, ZoneId zone) {
        String time = TIME.format(c.time().atZone(zone));
        String reason = reason(c);
        String line = reason == null || reason.isEmpty() ? I18n.t("log.state", time, state(c))
                : c.stage() == null ? I18n.t("log.stateReason", time, state(c), reason)
                : I18n.t("log.stageReason", time, state(c), stage(c.stage()), reason);
        if (c.fix() == null) {
            return line;
        }
        return line + "\n" + I18n.t("log.fix", " ".repeat(time.length()), c.fix().render(I18n.locale()));
    }

    /** The notification's text: which connection, what happened, where and why; null when there is no reason. */
    public static String notice(String connection, StateChange c) {
        String reason = reason(c);
        if (reason == null) {
            reason = "";
        }
        return c.stage() == null ? I18n.t("notice.reason", connection, state(c), reason)
                : I18n.t("notice.stageReason", connection, state(c), stage(c.stage()), reason);
    }

    /** What to try, as the notification's second line, or null. */
    public static String noticeFix(StateChange c) {
        return c.fix() == null ? null : I18n.t("notice.fix", c.fix().render(I18n.locale()));
    }
}
