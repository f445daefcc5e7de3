package io.mqscope.tap;

import io.mqscope.profile.Profile;
import io.netty.handler.ssl.SslContext;
import java.util.Locale;
import java.util.Objects;

/**
 * What a {@link Wiretap} needs: where to listen, the broker to forward to, the listener's TLS context (mqtts and
 * wss only), whether client packets with a padded Remaining Length are repaired on their way, and the locale of
 * the verdicts.
 */
public record TapSettings(ListenUrl listen, Profile upstream, SslContext serverTls, boolean repairPaddedLength,
                          Locale locale) {
    public TapSettings {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(upstream, "upstream");
        if (listen.kind().secure() && serverTls == null) {
            throw new IllegalArgumentException(listen.kind().scheme() + ":// needs a server certificate");
        }
        locale = locale == null ? Locale.getDefault() : locale;
    }
}
