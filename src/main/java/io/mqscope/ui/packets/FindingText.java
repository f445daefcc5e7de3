package io.mqscope.ui.packets;

import io.mqscope.ui.I18n;
import io.mqscope.wire.Finding;

/** A finding as the UI shows it, in the UI's language: severity, blamed span, message and spec reference. */
public final class FindingText {
    private FindingText() {
    }

    /** E.g. "error  remaining_length @1+4: Remaining Length written as 4 bytes…" and the spec on a second line. */
    public static String of(Finding f) {
        String span = f.length() > 1 ? f.offset() + "+" + f.length() : String.valueOf(f.offset());
        String text = I18n.t("finding.line", I18n.t("severity." + f.severity().jsonName()), f.field(), span,
                f.message(I18n.locale()));
        return f.spec() == null || f.spec().isEmpty() ? text : text + "\n" + f.spec();
    }
}
