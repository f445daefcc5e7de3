package io.mqscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.mqscope.cli.HostileBroker.Mode;
import io.mqscope.cli.PubSubCommandTest.Run;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 3: against a peer that accepts the connection and then never answers, {@code sub} and {@code pub}
 * end by their deadlines and say which packet was not answered. Each run is bounded well above its own deadline, so
 * a command that hangs fails the test instead of stalling the build.
 */
class CliDeadlineTest {

    private static Run runWithin(Duration limit, String... args) {
        return assertTimeoutPreemptively(limit, () -> PubSubCommandTest.run(args));
    }

    private static String url(HostileBroker b) {
        return "mqtt://127.0.0.1:" + b.port();
    }

    @Test
    void sub_without_suback_ends_at_its_W_deadline_and_names_suback() throws Exception {
        try (HostileBroker b = new HostileBroker(Mode.CONNACK_THEN_SILENCE, 0)) {
            long start = System.nanoTime();
            Run r = runWithin(Duration.ofSeconds(15), "sub", "--url", url(b), "-t", "never/acked", "-W", "2",
                    "-k", "0");
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.exit()).as(r.stderr()).isEqualTo(CliSupport.TIMED_OUT);
            assertThat(r.stderr()).contains("mqtt: no SUBACK for 'never/acked' before -W 2 s ran out");
            assertThat(tookMillis).isLessThan(8_000);
        }
    }

    @Test
    void sub_without_suback_ends_at_the_ack_timeout_when_there_is_no_W() throws Exception {
        try (HostileBroker b = new HostileBroker(Mode.CONNACK_THEN_SILENCE, 0)) {
            Run r = runWithin(Duration.ofSeconds(15), "sub", "--url", url(b), "-t", "x", "--ack-timeout", "1.5");
            assertThat(r.exit()).as(r.stderr()).isEqualTo(CliSupport.CONNECTION_FAILED);
            assertThat(r.stderr()).contains("mqtt: no SUBACK for 'x' within 1.5 s (--ack-timeout)");
        }
    }

    @Test
    void pub_qos1_without_puback_ends_at_the_ack_timeout_and_names_puback() throws Exception {
        try (HostileBroker b = new HostileBroker(Mode.CONNACK_THEN_SILENCE, 0)) {
            Run r = runWithin(Duration.ofSeconds(15), "pub", "--url", url(b), "-t", "t", "-m", "m", "-q", "1",
                    "--ack-timeout", "1");
            assertThat(r.exit()).as(r.stderr()).isEqualTo(CliSupport.CONNECTION_FAILED);
            assertThat(r.stderr()).contains("no PUBACK for the publish to 't' within 1 s (--ack-timeout)");
        }
    }

    @Test
    void pub_qos2_without_pubrec_names_pubrec_and_pubcomp() throws Exception {
        try (HostileBroker b = new HostileBroker(Mode.CONNACK_THEN_SILENCE, 0)) {
            Run r = runWithin(Duration.ofSeconds(15), "pub", "--url", url(b), "-V", "5", "-t", "t", "-m", "m",
                    "-q", "2", "--ack-timeout", "1");
            assertThat(r.exit()).as(r.stderr()).isEqualTo(CliSupport.CONNECTION_FAILED);
            assertThat(r.stderr()).contains("no PUBREC/PUBCOMP for the publish to 't' within 1 s");
        }
    }

    @Test
    void a_dribbled_connack_cannot_keep_sub_alive_past_W() throws Exception {
        try (HostileBroker b = new HostileBroker(Mode.DRIBBLED_CONNACK, 1500)) {
            long start = System.nanoTime();
            Run r = runWithin(Duration.ofSeconds(20), "sub", "--url", url(b), "-t", "x", "-W", "2",
                    "--connect-timeout", "30");
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.exit()).as(r.stderr()).isEqualTo(CliSupport.TIMED_OUT);
            assertThat(r.stderr()).contains("no CONNACK").contains("-W 2");
            assertThat(tookMillis).isLessThan(8_000);
        }
    }

    @Test
    void without_W_a_dribbled_connack_ends_at_the_connect_timeout() throws Exception {
        try (HostileBroker b = new HostileBroker(Mode.DRIBBLED_CONNACK, 2500)) {
            long start = System.nanoTime();
            Run r = runWithin(Duration.ofSeconds(20), "pub", "--url", url(b), "-t", "t", "-m", "m",
                    "--connect-timeout", "1");
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.exit()).as(r.stderr()).isEqualTo(CliSupport.CONNECTION_FAILED);
            assertThat(r.stderr()).containsIgnoringCase("mqtt: no CONNACK within 1 s");
            // the CONNACK's four bytes would take 10 s; the session gives up after the timeout + 3 s
            assertThat(tookMillis).isLessThan(8_000);
        }
    }

    @Test
    void negative_W_and_zero_connect_timeout_are_bad_input_naming_the_option() {
        Run w = PubSubCommandTest.run("sub", "--url", "mqtt://127.0.0.1:1", "-t", "t", "-W", "-1");
        assertThat(w.exit()).isEqualTo(CliSupport.BAD_INPUT);
        assertThat(w.stderr()).contains("-W must be more than 0 s, not -1");
        Run c = PubSubCommandTest.run("sub", "--url", "mqtt://127.0.0.1:1", "-t", "t", "--connect-timeout", "0");
        assertThat(c.exit()).isEqualTo(CliSupport.BAD_INPUT);
        assertThat(c.stderr()).contains("--connect-timeout must be 1..600 s, not 0");
        Run k = PubSubCommandTest.run("pub", "--url", "mqtt://127.0.0.1:1", "-t", "t", "-m", "m", "-k", "-1");
        assertThat(k.exit()).isEqualTo(CliSupport.BAD_INPUT);
        assertThat(k.stderr()).contains("--keepalive must be 0..65535 s").doesNotContain("config");
    }

    @Test
    void ack_timeout_must_be_positive() {
        Run r = PubSubCommandTest.run("pub", "--url", "mqtt://127.0.0.1:1", "-t", "t", "-m", "m",
                "--ack-timeout", "0");
        assertThat(r.exit()).isEqualTo(CliSupport.BAD_INPUT);
        assertThat(r.stderr()).contains("--ack-timeout must be more than 0");
    }

    /** Issue 13 item 10: bad topics and numbers are bad input (exit 2) that names the option and says why. */
    @Test
    void bad_topics_and_numbers_name_the_option() throws Exception {
        Run filter = PubSubCommandTest.run("sub", "--url", "mqtt://127.0.0.1:1", "-t", "a/#/b");
        assertThat(filter.exit()).isEqualTo(CliSupport.BAD_INPUT);
        assertThat(filter.stderr()).contains("-t 'a/#/b': '#' at position 3 must");
        Run emptyFilter = PubSubCommandTest.run("sub", "--url", "mqtt://127.0.0.1:1", "-t", "");
        assertThat(emptyFilter.exit()).isEqualTo(CliSupport.BAD_INPUT);
        assertThat(emptyFilter.stderr()).contains("-t '': the topic filter is empty");
        Run emptyTopic = PubSubCommandTest.run("pub", "--url", "mqtt://127.0.0.1:1", "-t", "", "-m", "x");
        assertThat(emptyTopic.exit()).isEqualTo(CliSupport.BAD_INPUT);
        assertThat(emptyTopic.stderr()).contains("-t '': the topic is empty").doesNotContain("config");
        Run expiry = PubSubCommandTest.run("pub", "--url", "mqtt://127.0.0.1:1", "-t", "t", "-m", "x",
                "--message-expiry", "-5");
        assertThat(expiry.exit()).isEqualTo(CliSupport.BAD_INPUT);
        assertThat(expiry.stderr()).contains("--message-expiry must be 0..4294967295 s, not -5");
        // what the JVM makes of a command line's invalid UTF-8 bytes
        Run utf8 = PubSubCommandTest.run("pub", "--url", "mqtt://127.0.0.1:1", "-t", "ab\uFFFD\uFFFD", "-m", "x");
        assertThat(utf8.exit()).isEqualTo(CliSupport.BAD_INPUT);
        assertThat(utf8.stderr()).contains("the character at position 3 stands for bytes that are not valid UTF-8");
        Run file = PubSubCommandTest.run("pub", "--url", "mqtt://127.0.0.1:1", "-t", "t", "-f", "/nonexistent/x");
        assertThat(file.exit()).isEqualTo(CliSupport.BAD_INPUT);
        assertThat(file.stderr()).contains("--file /nonexistent/x: cannot read it: no such file")
                .doesNotContain("Exception");
        Run ca = PubSubCommandTest.run("sub", "--url", "mqtts://127.0.0.1:1", "-t", "t", "--cafile", "/nonexistent/c");
        assertThat(ca.exit()).isEqualTo(CliSupport.BAD_INPUT);
        assertThat(ca.stderr()).contains("--cafile /nonexistent/c: cannot read it: no such file")
                .doesNotContain("Exception");
    }
}
