package io.mqscope.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.payload.ParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13 item 6: what an MQTTX import does to security is reported, and hostile paths are not taken. */
class MqttxImportSecurityTest {
    @TempDir
    Path home;

    private ImportReport read(String json) {
        ParseResult<ImportReport> r = ProfileExchange.importJson(json, home);
        assertThat(r.ok()).as(r.error()).isTrue();
        return r.value();
    }

    private static String conn(String fields) {
        return "[{\"name\": \"c\", \"host\": \"h\", \"port\": 8883, \"protocol\": \"mqtts\", " + fields + "}]";
    }

    @Test
    void rejectUnauthorizedFalseIsReportedAsASecurityMapping() {
        ImportReport r = read(conn("\"rejectUnauthorized\": false"));
        assertThat(r.profiles().get(0).tls().insecure()).isTrue();
        assertThat(r.securityIssues()).singleElement().satisfies(i -> {
            assertThat(i.field()).isEqualTo("rejectUnauthorized");
            assertThat(i.reason()).contains("insecure").contains("host name");
        });
        assertThat(read(conn("\"rejectUnauthorized\": true")).securityIssues()).isEmpty();
    }

    @Test
    void certificatePathsAreChecked() throws IOException {
        Path inside = Files.writeString(home.resolve("ca.pem"), "x");
        ImportReport r = read(conn("\"ca\": \"" + inside + "\", \"cert\": \"/proc/self/environ\", "
                + "\"key\": \"a\\u0000b\""));
        Profile.TlsSettings tls = r.profiles().get(0).tls();
        assertThat(tls.caFile()).isEqualTo(inside.toString());
        assertThat(tls.clientCertFile()).isNull();
        assertThat(tls.clientKeyFile()).isNull();
        assertThat(r.securityIssues()).anySatisfy(i -> assertThat(i.toString()).contains("cert")
                .contains("/proc/self/environ"));
        assertThat(r.securityIssues()).anySatisfy(i -> assertThat(i.toString()).contains("key").contains("NUL"));

        ImportReport climb = read(conn("\"ca\": \"../../../../etc/shadow\", \"cert\": \"" + home + "\""));
        assertThat(climb.securityIssues()).anySatisfy(i -> assertThat(i.toString()).contains("ca")
                .contains("outside your home"));
        assertThat(climb.securityIssues()).anySatisfy(i -> assertThat(i.toString()).contains("cert")
                .contains("not a regular file"));
        assertThat(climb.profiles().get(0).tls().clientCertFile()).isNull();
    }

    @Test
    void negativePeriodsAreRejectedWithTheFieldNamed() {
        ImportReport r = read(conn("\"keepalive\": -5, \"reconnectPeriod\": -1000, \"connectTimeout\": -1"));
        Profile p = r.profiles().get(0);
        assertThat(p.keepAliveSeconds()).isEqualTo(60);
        assertThat(p.reconnect().initialDelayMillis()).isEqualTo(Profile.Reconnect.DEFAULT.initialDelayMillis());
        assertThat(p.connectTimeoutSeconds()).isEqualTo(10);
        assertThat(r.issues()).extracting(ImportReport.Issue::field)
                .contains("keepalive", "reconnectPeriod", "connectTimeout");
        assertThat(r.issues()).allSatisfy(i -> assertThat(i.reason()).contains("negative"));
    }
}
