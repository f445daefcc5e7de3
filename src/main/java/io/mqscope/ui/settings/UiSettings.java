package io.mqscope.ui.settings;

import io.mqscope.payload.PayloadFormat;
import java.util.Locale;

/**
 * What the Settings dialog changes.
 *
 * @param maxMessages messages kept per connection (older ones are dropped from the view and the log)
 * @param maxPackets  packets kept per connection
 * @param brokerOnLan the user lets other devices (a phone, a board on the LAN) reach the built-in broker: its
 *                    listeners bind every interface instead of loopback; off unless the user turns it on
 */
public record UiSettings(Locale locale, boolean dark, int maxMessages, int maxPackets, PayloadFormat defaultView,
                         boolean brokerOnLan) {
    public static final int MIN_LIMIT = 100;
    public static final int MAX_LIMIT = 1_000_000;
    public static final UiSettings DEFAULT = new UiSettings(Locale.ENGLISH, false, 10_000, 10_000, null);

    public UiSettings {
        maxMessages = Math.max(MIN_LIMIT, Math.min(MAX_LIMIT, maxMessages));
        maxPackets = Math.max(MIN_LIMIT, Math.min(MAX_LIMIT, maxPackets));
    }

    /** Settings with the built-in broker on loopback only. */
    public UiSettings(Locale locale, boolean dark, int maxMessages, int maxPackets, PayloadFormat defaultView) {
        this(locale, dark, maxMessages, maxPackets, defaultView, false);
    }

    public boolean chinese() {
        return "zh".equals(locale.getLanguage());
    }
}
