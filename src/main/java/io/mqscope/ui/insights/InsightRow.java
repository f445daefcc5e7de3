package io.mqscope.ui.insights;

import io.mqscope.doctor.Insight;
import io.mqscope.doctor.PacketRef;
import java.util.Locale;

/** One insight as the list shows it, its words rendered once in the UI language. */
public record InsightRow(Insight insight, String severity, String rule, String connections, String message,
                         String fix) {

    public static InsightRow of(Insight i, Locale locale) {
        return new InsightRow(i, i.severity().jsonName(), i.rule().id(), String.join(", ", i.conns()),
                i.message(locale), i.fix(locale));
    }

    /** The packet to show when the row is opened: the first one the insight names, or null. */
    public PacketRef firstPacket() {
        return insight.packets().isEmpty() ? null : insight.packets().get(0);
    }
}
