package io.mqscope.ui.messages;

import io.mqscope.ui.I18n;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Messages filter's custom time range (issue 15): two ends typed as local date and time ({@code 2026-01-31
 * 08:00}, seconds optional, a date alone), either one empty for an open end. The start is inclusive, the end
 * exclusive; an end typed as a date alone takes in that whole day. Checked as typed: a wrong end or a start after
 * the end says so and leaves the range unused until it is right.
 */
public final class TimeSpan {
    /** ISO date, then optionally hours and minutes and seconds; 'T' is taken as the space. */
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd[ HH:mm[:ss]]")
            .withResolverStyle(ResolverStyle.STRICT);
    /** How an end is written back into a field (a range chosen elsewhere). */
    public static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private final ZoneId zone;
    private final StringProperty from = new SimpleStringProperty("");
    private final StringProperty to = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private Instant fromInstant;
    private Instant toInstant;

    public TimeSpan(ZoneId zone) {
        this.zone = zone;
        // the instants are worked out before the properties' other listeners (the search) ask for them
        from.addListener((o, a, b) -> update());
        to.addListener((o, a, b) -> update());
    }

    private void update() {
        fromInstant = null;
        toInstant = null;
        String e = "";
        try {
            fromInstant = parse(from.get(), false);
            toInstant = parse(to.get(), true);
            if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
                e = I18n.t("filter.time.order");
            }
        } catch (DateTimeParseException x) {
            e = I18n.t("filter.time.invalid");
        }
        if (!e.isEmpty()) {
            fromInstant = null;
            toInstant = null;
        }
        error.set(e);
    }

    /** Null for an empty field; a date alone is its first moment, or for the end the first moment after it. */
    private Instant parse(String typed, boolean end) {
        String t = typed == null ? "" : typed.strip().replace('T', ' ');
        if (t.isEmpty()) {
            return null;
        }
        TemporalAccessor a = FORMAT.parse(t);
        LocalDate day = LocalDate.from(a);
        LocalDateTime at = a.isSupported(ChronoField.HOUR_OF_DAY) ? LocalDateTime.from(a)
                : (end ? day.plusDays(1) : day).atStartOfDay();
        return at.atZone(zone).toInstant();
    }

    /** True when both ends read (or are empty) and the start is before the end. */
    public boolean valid() {
        return error.get().isEmpty();
    }

    /** Inclusive start, or null: open (or not valid). */
    public Instant from() {
        return fromInstant;
    }

    /** Exclusive end, or null: open (or not valid). */
    public Instant to() {
        return toInstant;
    }

    public StringProperty fromProperty() { return from; }
    public StringProperty toProperty() { return to; }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
}
