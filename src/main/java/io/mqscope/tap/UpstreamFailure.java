package io.mqscope.tap;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * Why the relay's upstream connection failed, with the stage and a detail a person understands; {@code chain} is
 * what the broker presented when its certificate was refused (empty otherwise), for the check's certificate words
 * ({@link CertificateChain}).
 */
public record UpstreamFailure(String connectionId, Instant time, Stage stage, String detail,
                              List<X509Certificate> chain) {
    public UpstreamFailure {
        chain = chain == null ? List.of() : List.copyOf(chain);
    }

    public UpstreamFailure(String connectionId, Instant time, Stage stage, String detail) {
        this(connectionId, time, stage, detail, List.of());
    }
}
