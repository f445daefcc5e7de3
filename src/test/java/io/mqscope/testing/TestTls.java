package io.mqscope.testing;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The committed test TLS material of {@code src/test/resources/tls} (see its README). */
public final class TestTls {
    public static final String PASSWORD = "changeit";

    private TestTls() {
    }

    /** Absolute path of a file in the tls resource folder, e.g. {@code path("ca.pem")}. */
    public static Path path(String name) {
        URL url = TestTls.class.getResource("/tls/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no test TLS file " + name);
        }
        try {
            return Path.of(url.toURI()).toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String file(String name) {
        return path(name).toString();
    }
}
