package io.mqscope.doctor;

import static io.mqscope.doctor.Talk.ack;
import static io.mqscope.doctor.Talk.connack;
import static io.mqscope.doctor.Talk.connect;
import static io.mqscope.doctor.Talk.disconnect;
import static io.mqscope.doctor.Talk.disconnect5;
import static io.mqscope.doctor.Talk.pingreq;
import static io.mqscope.doctor.Talk.pingresp;
import static io.mqscope.doctor.Talk.publish;
import static io.mqscope.doctor.Talk.suback;
import static io.mqscope.doctor.Talk.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.doctor.Observation.Closer;
import io.mqscope.wire.Direction;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Each rule over a built conversation (bytes decoded by the real decoder), and a clean one that gives nothing. */
class DoctorRulesTest {
    private static final int PUBACK = 0x40;
    private static final int PUBREC = 0x50;
    private static final int PUBREL = 0x62;
    private static final int PUBCOMP = 0x70;

    /** Connect, subscribe, publish at QoS 0, 1 and 2 both ways, ping, disconnect. */
    static Talk clean(int level) {
        Talk t = new Talk().open("c1")
                .client("c1", connect(level, "dev1")).broker("c1", connack(level, false, 0))
                .client("c1", subscribe(level, 1, "a/#", 2)).broker("c1", suback(level, 1, 2))
                .client("c1", publish(level, "a/0", 0, 0, false, 3))
                .client("c1", publish(level, "a/1", 1, 2, false, 3)).broker("c1", ack(PUBACK, 2, -1))
                .client("c1", publish(level, "a/2", 2, 3, false, 3)).broker("c1", ack(PUBREC, 3, -1))
                .client("c1", ack(PUBREL, 3, -1)).broker("c1", ack(PUBCOMP, 3, -1))
                .broker("c1", publish(level, "a/1", 1, 1, false, 3)).client("c1", ack(PUBACK, 1, -1))
                .broker("c1", publish(level, "a/2", 2, 2, false, 3)).client("c1", ack(PUBREC, 2, -1))
                .broker("c1", ack(PUBREL, 2, -1)).client("c1", ack(PUBCOMP, 2, -1))
                .wait(1000).client("c1", pingreq()).broker("c1", pingresp())
                .client("c1", disconnect()).close("c1", Closer.BROKER).wait(60_000);
        return t;
    }

    @ParameterizedTest(name = "MQTT level {0}")
    @ValueSource(ints = {4, 5})
    void a_clean_conversation_gives_no_insight(int level) {
        assertThat(clean(level).insights).isEmpty();
    }

    @Test
    void takeover_names_both_connections_and_the_connect_that_displaced() {
        Talk t = new Talk().open("c1").client("c1", connect(4, "triplet")).broker("c1", connack(4, false, 0))
                .wait(500).open("c2").client("c2", connect(4, "triplet")).close("c1", Closer.BROKER)
                .broker("c2", connack(4, false, 0));
        assertThat(t.rules()).containsExactly("client_id.takeover");
        Insight i = t.insights.get(0);
        assertThat(i.conns()).containsExactly("c1", "c2");
        assertThat(i.packets()).containsExactly(new PacketRef("c2", Direction.CLIENT_TO_BROKER, 0));
        assertThat(i.message(Locale.ENGLISH)).contains("c1", "c2", "\"triplet\"");
    }

    @Test
    void takeover_in_mqtt5_is_told_by_disconnect_0x8e_even_when_the_other_is_not_seen() {
        Talk t = new Talk().open("c1").client("c1", connect(5, "dev")).broker("c1", connack(5, false, 0))
                .broker("c1", disconnect5(0x8E)).close("c1", Closer.BROKER);
        assertThat(t.rules()).containsExactly("client_id.takeover");
        assertThat(t.insights.get(0).message(Locale.ENGLISH)).contains("0x8E");
    }

    @Test
    void two_clients_kicking_each_other_are_a_ping_pong() {
        Talk t = new Talk();
        int n = 0;
        t.open("c0").client("c0", connect(4, "x")).broker("c0", connack(4, false, 0));
        for (int round = 1; round <= 4; round++) {
            String prev = "c" + (round - 1);
            String next = "c" + round;
            t.wait(1000).open(next).client(next, connect(4, "x")).close(prev, Closer.BROKER)
                    .broker(next, connack(4, false, 0));
            n++;
        }
        assertThat(t.rules()).containsSubsequence("client_id.takeover", "client_id.takeover",
                "client_id.takeover", "client_id.ping_pong");
        assertThat(t.rules()).doesNotContain("reconnect.storm");
        Insight pingPong = t.insights.stream().filter(i -> i.rule() == DoctorRule.CLIENT_ID_PING_PONG).findFirst()
                .orElseThrow();
        assertThat(pingPong.message(Locale.ENGLISH)).contains("\"x\"", "3 times");
        assertThat(pingPong.conns()).contains("c0", "c1", "c2", "c3");
        assertThat(n).isEqualTo(4);
    }

    @Test
    void a_storm_of_client_closes_after_a_publish_blames_the_message_callback() {
        Talk t = new Talk();
        for (int i = 1; i <= 4; i++) {
            String c = "c" + i;
            t.open(c).client(c, connect(4, "mini")).broker(c, connack(4, false, 0))
                    .broker(c, publish(4, "cmd", 0, 0, false, 5)).close(c, Closer.CLIENT).wait(1000);
        }
        assertThat(t.rules()).containsExactly("reconnect.storm");
        Insight storm = t.insights.get(0);
        assertThat(storm.conns()).containsExactly("c1", "c2", "c3", "c4");
        assertThat(storm.message(Locale.ENGLISH)).contains("mini", "4 times", "client closed", "PUBLISH",
                "message callback");
        assertThat(storm.fix(Locale.ENGLISH)).contains("try/catch");
    }

    @Test
    void a_storm_with_a_new_client_id_each_time_is_followed_by_the_client_address() {
        Talk t = new Talk();
        for (int i = 1; i <= 4; i++) {
            String c = "c" + i;
            t.open(c).client(c, connect(4, "mqttjs_" + i)).broker(c, connack(4, false, 0))
                    .broker(c, publish(4, "cmd", 0, 0, false, 5)).close(c, Closer.CLIENT).wait(1000);
        }
        assertThat(t.rules()).containsExactly("reconnect.storm");
        assertThat(t.insights.get(0).message(Locale.ENGLISH)).contains("client at 127.0.0.1", "new client id",
                "message callback");
    }

    @Test
    void a_storm_of_broker_closes_after_connect_says_refused_or_kicked() {
        Talk t = new Talk();
        for (int i = 1; i <= 4; i++) {
            String c = "c" + i;
            t.open(c).client(c, connect(4, "dev")).close(c, Closer.BROKER).wait(500);
        }
        assertThat(t.rules()).containsExactly("reconnect.storm");
        assertThat(t.insights.get(0).message(Locale.ENGLISH)).contains("broker closed", "CONNECT",
                "without a CONNACK");
    }

    @Test
    void broker_closing_after_one_and_a_half_keep_alive_is_a_lapsed_keep_alive() {
        Talk t = new Talk().open("c1").client("c1", connect(4, "dev", true, 10, null, null, null, -1))
                .broker("c1", connack(4, false, 0)).wait(15_000).close("c1", Closer.BROKER);
        assertThat(t.rules()).containsExactly("keepalive.lapsed");
        assertThat(t.insights.get(0).message(Locale.ENGLISH)).contains("keep alive of 10 s", "CONNECT");
    }

    /** The broker does not close (or not yet): the client's silence past 1.5 × Keep Alive is told while it lasts. */
    @Test
    void a_client_silent_past_one_and_a_half_keep_alive_while_still_connected() {
        Talk t = new Talk().open("c1").client("c1", connect(4, "dev", true, 10, null, null, null, -1))
                .broker("c1", connack(4, false, 0)).wait(15_000).wait(4000);
        assertThat(t.insights).isEmpty();
        t.wait(1100);
        assertThat(t.rules()).containsExactly("keepalive.lapsed");
        assertThat(t.insights.get(0).message(Locale.ENGLISH)).contains("has sent nothing for 20", "keep alive of 10 s");
        // the close that follows is the same lapse: not told twice
        t.close("c1", Closer.BROKER);
        assertThat(t.rules()).containsExactly("keepalive.lapsed");
    }

    /** 5.0 §3.2.2.3.14: the Server Keep Alive replaces the client's. */
    @Test
    void the_server_keep_alive_is_the_one_that_counts() {
        Talk t = new Talk().open("c1").client("c1", connect(5, "dev", true, 10, null, null, null, -1))
                .broker("c1", Talk.connackServerKeepAlive(60)).wait(30_000);
        assertThat(t.insights).isEmpty();
    }

    @Test
    void a_pingreq_without_pingresp_is_unanswered() {
        Talk t = new Talk().open("c1").client("c1", connect(4, "dev")).broker("c1", connack(4, false, 0))
                .client("c1", pingreq()).wait(1000);
        assertThat(t.insights).isEmpty();
        t.wait(1500);
        assertThat(t.rules()).containsExactly("keepalive.unanswered");
        assertThat(t.insights.get(0).packets()).containsExactly(new PacketRef("c1", Direction.CLIENT_TO_BROKER, 1));
    }

    @Test
    void connack_refusal_says_the_code_in_words_and_which_credentials_were_sent() {
        Talk t = new Talk().open("c1", "a1b2.iot-as-mqtt.cn-shanghai.aliyuncs.com")
                .client("c1", connect(4, "dev", true, 60, "user", "", null, -1)).broker("c1", connack(4, false, 4));
        assertThat(t.rules()).containsExactly("connack.refused");
        String said = t.insights.get(0).message(Locale.ENGLISH);
        assertThat(said).contains("bad user name or password", "username \"user\" and an empty password",
                "Aliyun IoT");
        assertThat(t.insights.get(0).message(Locale.SIMPLIFIED_CHINESE)).contains("用户名或密码错误", "阿里云");
    }

    /** A client retrying the same refused CONNECT is told once; the storm counts the retries. */
    @Test
    void the_same_refusal_again_and_again_is_told_once_and_makes_a_storm() {
        Talk t = new Talk();
        for (int i = 1; i <= 5; i++) {
            t.open("c" + i).client("c" + i, connect(4, "dev", true, 60, "user", "bad", null, -1))
                    .broker("c" + i, connack(4, false, 5)).close("c" + i, Closer.BROKER).wait(1000);
        }
        assertThat(t.rules()).containsExactly("connack.refused", "reconnect.storm");
        // another password is another refusal
        t.open("c6").client("c6", connect(4, "dev", true, 60, "user", "other", null, -1))
                .broker("c6", connack(4, false, 5));
        assertThat(t.rules()).endsWith("connack.refused");
    }

    @ParameterizedTest(name = "CONNACK 0x{0}")
    @ValueSource(strings = {"80", "81", "82", "83", "84", "85", "86", "87", "88", "89", "8A", "8C", "90", "95", "97",
        "99", "9A", "9B", "9C", "9D", "9F"})
    void every_mqtt5_connack_reason_has_its_own_words(String hex) {
        int code = Integer.parseInt(hex, 16);
        Talk t = new Talk().open("c1").client("c1", connect(5, "dev")).broker("c1", connack(5, false, code));
        assertThat(t.rules()).containsExactly("connack.refused");
        Words first = t.insights.get(0).message().get(0);
        assertThat(first.key()).isEqualTo("connack.refused.0x" + hex);
        assertThat(Words.exists(first.key())).isTrue();
        assertThat(t.insights.get(0).message(Locale.ENGLISH)).contains("0x" + hex, "no username and no password");
    }

    @ParameterizedTest(name = "CONNACK return code {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void every_311_return_code_has_words(int code) {
        Talk t = new Talk().open("c1").client("c1", connect(4, "dev", true, 60, "u", "pw", null, -1))
                .broker("c1", connack(4, false, code));
        assertThat(t.insights).singleElement().satisfies(i -> {
            assertThat(i.message().get(0).key()).isNotEqualTo("connack.refused.other");
            assertThat(i.message(Locale.ENGLISH)).contains("username \"u\" and a password of 2 bytes");
        });
    }

    @Test
    void suback_failure_is_a_refused_subscription_per_filter() {
        Talk t = new Talk().open("c1").client("c1", connect(4, "dev")).broker("c1", connack(4, false, 0))
                .client("c1", subscribe(4, 7, "secret/#", 1)).broker("c1", suback(4, 7, 0x80));
        assertThat(t.rules()).containsExactly("subscribe.refused");
        assertThat(t.insights.get(0).message(Locale.ENGLISH)).contains("\"secret/#\"", "ACL");
        assertThat(t.insights.get(0).packets()).hasSize(2);
    }

    @Test
    void mqtt5_suback_reason_is_worded() {
        Talk t = new Talk().open("c1").client("c1", connect(5, "dev")).broker("c1", connack(5, false, 0))
                .client("c1", subscribe(5, 7, "secret/#", 1)).broker("c1", suback(5, 7, 0x87));
        assertThat(t.insights).singleElement().satisfies(i -> assertThat(i.message(Locale.ENGLISH))
                .contains("not authorized"));
    }

    @Test
    void a_lower_granted_qos_is_a_downgrade() {
        Talk t = new Talk().open("c1").client("c1", connect(4, "dev")).broker("c1", connack(4, false, 0))
                .client("c1", subscribe(4, 7, "t", 2)).broker("c1", suback(4, 7, 1));
        assertThat(t.rules()).containsExactly("subscribe.downgraded");
        assertThat(t.insights.get(0).message(Locale.ENGLISH)).contains("granted QoS 1", "QoS 2 was asked");
    }

    @Test
    void mqtt5_puback_failure_is_a_refused_publish() {
        Talk t = new Talk().open("c1").client("c1", connect(5, "dev")).broker("c1", connack(5, false, 0))
                .client("c1", publish(5, "denied", 1, 1, false, 3)).broker("c1", ack(PUBACK, 1, 0x87));
        assertThat(t.rules()).containsExactly("publish.refused");
        assertThat(t.insights.get(0).message(Locale.ENGLISH)).contains("\"denied\"", "not authorized");
        // HiveMQ then disconnects with the same reason: still one refusal
        t.broker("c1", disconnect5(0x87)).close("c1", Closer.BROKER);
        assertThat(t.rules()).containsExactly("publish.refused");
    }

    @Test
    void a_311_broker_closing_right_after_a_small_publish_refused_it() {
        Talk t = new Talk().open("c1").client("c1", connect(4, "dev")).broker("c1", connack(4, false, 0))
                .client("c1", publish(4, "denied", 0, 0, false, 3)).close("c1", Closer.BROKER);
        assertThat(t.rules()).containsExactly("publish.refused");
    }

    @Test
    void a_close_right_after_a_large_publish_is_too_large() {
        Talk t = new Talk().open("c1").client("c1", connect(4, "dev")).broker("c1", connack(4, false, 0))
                .client("c1", publish(4, "big", 0, 0, false, 5000)).close("c1", Closer.BROKER);
        assertThat(t.rules()).containsExactly("publish.too_large");
        assertThat(t.insights.get(0).message(Locale.ENGLISH)).contains("\"big\"", "5008 bytes");
    }

    @Test
    void a_publish_above_the_announced_maximum_packet_size_is_too_large() {
        Talk t = new Talk().open("c1").client("c1", connect(5, "dev")).broker("c1", connack(5, false, 0, 100))
                .client("c1", publish(5, "big", 1, 1, false, 200));
        assertThat(t.rules()).containsExactly("publish.too_large");
        assertThat(t.insights.get(0).message(Locale.ENGLISH)).contains("Maximum Packet Size of 100 bytes");
    }

    @Test
    void a_persistent_session_not_resumed_on_reconnect() {
        Talk t = new Talk().open("c1").client("c1", connect(4, "dev", false, 60, null, null, null, -1))
                .broker("c1", connack(4, false, 0)).close("c1", Closer.BROKER).wait(1000)
                .open("c2").client("c2", connect(4, "dev", false, 60, null, null, null, -1))
                .broker("c2", connack(4, false, 0));
        assertThat(t.rules()).containsExactly("session.not_resumed");
        assertThat(t.insights.get(0).conns()).containsExactly("c1", "c2");
    }

    @Test
    void a_first_persistent_connect_without_session_is_not_an_insight() {
        Talk t = new Talk().open("c1").client("c1", connect(4, "dev", false, 60, null, null, null, -1))
                .broker("c1", connack(4, false, 0));
        assertThat(t.insights).isEmpty();
    }

    @Test
    void mqtt5_session_expiry_zero_explains_the_lost_session() {
        Talk t = new Talk().open("c1").client("c1", connect(5, "dev", false, 60, null, null, null, -1))
                .broker("c1", connack(5, false, 0)).client("c1", disconnect()).close("c1", Closer.CLIENT)
                .wait(1000).open("c2").client("c2", connect(5, "dev", false, 60, null, null, null, -1))
                .broker("c2", connack(5, false, 0));
        assertThat(t.rules()).containsExactly("session.expired");
        assertThat(t.insights.get(0).message(Locale.ENGLISH)).contains("Session Expiry Interval 0");
    }

    @Test
    void mqtt5_session_expiry_elapsed() {
        Talk t = new Talk().open("c1").client("c1", connect(5, "dev", false, 60, null, null, null, 5))
                .broker("c1", connack(5, false, 0)).client("c1", disconnect()).close("c1", Closer.CLIENT)
                .wait(8000).open("c2").client("c2", connect(5, "dev", false, 60, null, null, null, 5))
                .broker("c2", connack(5, false, 0));
        assertThat(t.rules()).containsExactly("session.expired");
        assertThat(t.insights.get(0).message(Locale.ENGLISH)).contains("after 8 s", "5 s");
    }

    @Test
    void a_qos1_publish_without_puback_is_unacknowledged_per_side() {
        Talk t = new Talk().open("c1").client("c1", connect(4, "dev")).broker("c1", connack(4, false, 0))
                .broker("c1", publish(4, "t", 1, 9, false, 1)).wait(2500);
        assertThat(t.rules()).containsExactly("qos.unacknowledged");
        assertThat(t.insights.get(0).message(Locale.ENGLISH)).contains("broker's QoS 1 PUBLISH", "PUBACK",
                "packet id 9");
    }

    @Test
    void qos2_flow_missing_pubcomp_and_unknown_pubrel() {
        Talk t = new Talk().open("c1").client("c1", connect(4, "dev")).broker("c1", connack(4, false, 0))
                .client("c1", publish(4, "t", 2, 5, false, 1)).broker("c1", ack(PUBREC, 5, -1))
                .client("c1", ack(PUBREL, 5, -1)).wait(2500);
        assertThat(t.rules()).containsExactly("qos2.flow");
        assertThat(t.insights.get(0).message(Locale.ENGLISH)).contains("no PUBCOMP");
        t.broker("c1", ack(PUBREL, 44, -1));
        assertThat(t.rules()).containsExactly("qos2.flow", "qos2.flow");
        assertThat(t.insights.get(1).message(Locale.ENGLISH)).contains("packet id 44");
    }

    @Test
    void qos2_flow_missing_pubrel() {
        Talk t = new Talk().open("c1").client("c1", connect(4, "dev")).broker("c1", connack(4, false, 0))
                .broker("c1", publish(4, "t", 2, 5, false, 1)).client("c1", ack(PUBREC, 5, -1)).wait(2500);
        assertThat(t.rules()).containsExactly("qos2.flow");
        assertThat(t.insights.get(0).message(Locale.ENGLISH)).contains("broker sent no PUBREL");
    }

    /** A copy after PUBREL is a new message to the receiver [MQTT-4.3.3-2]: delivered twice for sure. */
    @Test
    void qos2_publish_resent_after_pubrel_is_delivered_twice() {
        Talk t = new Talk().open("c1").client("c1", connect(4, "dev")).broker("c1", connack(4, false, 0))
                .client("c1", publish(4, "orders/1", 2, 5, false, 1)).broker("c1", ack(PUBREC, 5, -1))
                .client("c1", ack(PUBREL, 5, -1)).broker("c1", ack(PUBCOMP, 5, -1))
                .client("c1", publish(4, "orders/1", 2, 5, true, 1)).broker("c1", ack(PUBREC, 5, -1));
        assertThat(t.rules()).containsExactly("qos2.flow");
        assertThat(t.insights.get(0).message(Locale.ENGLISH)).contains("re-sent its QoS 2 PUBLISH (packet id 5",
                "PUBREL for it on c1", "subscribers receive it twice");
        assertThat(t.insights.get(0).packets()).extracting(PacketRef::index).containsExactly(1, 3);
        // the same identifier for a new message (no DUP) after PUBCOMP is what the spec allows
        Talk fresh = new Talk().open("c1").client("c1", connect(4, "dev")).broker("c1", connack(4, false, 0))
                .client("c1", publish(4, "orders/1", 2, 5, false, 1)).broker("c1", ack(PUBREC, 5, -1))
                .client("c1", ack(PUBREL, 5, -1)).broker("c1", ack(PUBCOMP, 5, -1))
                .client("c1", publish(4, "orders/2", 2, 5, false, 1)).broker("c1", ack(PUBREC, 5, -1))
                .client("c1", ack(PUBREL, 5, -1)).broker("c1", ack(PUBCOMP, 5, -1)).wait(3000);
        assertThat(fresh.insights).isEmpty();
    }

    /** On reconnect only the PUBREL is re-sent [MQTT-4.4.0-1]: a broker re-sending the PUBLISH duplicates it. */
    @Test
    void qos2_publish_resent_on_the_next_connection_after_pubrel_is_delivered_twice() {
        Talk t = new Talk().open("c1").client("c1", connect(5, "dev", false, 60, null, null, null, 3600))
                .broker("c1", connack(5, false, 0))
                .broker("c1", publish(5, "cmd", 2, 7, false, 1)).client("c1", ack(PUBREC, 7, -1))
                .broker("c1", ack(PUBREL, 7, -1)).close("c1", Closer.CLIENT)
                .open("c2").client("c2", connect(5, "dev", false, 60, null, null, null, 3600))
                .broker("c2", connack(5, true, 0)).broker("c2", publish(5, "cmd", 2, 7, true, 1));
        assertThat(t.rules()).contains("qos2.flow");
        Insight twice = t.insights.stream().filter(i -> i.message(Locale.ENGLISH).contains("re-sent")).findFirst()
                .orElseThrow();
        assertThat(twice.conns()).containsExactly("c2", "c1");
        assertThat(twice.message(Locale.ENGLISH)).contains("broker re-sent", "on c1", "application receives it twice");
    }

    /** A copy between PUBREC and PUBREL must be answered with PUBREC and not delivered [MQTT-4.3.3-2]. */
    @Test
    void qos2_publish_resent_after_pubrec_risks_a_second_delivery() {
        Talk t = new Talk().open("c1").client("c1", connect(4, "dev")).broker("c1", connack(4, false, 0))
                .broker("c1", publish(4, "cmd", 2, 8, false, 1)).client("c1", ack(PUBREC, 8, -1))
                .broker("c1", publish(4, "cmd", 2, 8, true, 1)).client("c1", ack(PUBREC, 8, -1))
                .broker("c1", ack(PUBREL, 8, -1)).client("c1", ack(PUBCOMP, 8, -1)).wait(3000);
        assertThat(t.rules()).containsExactly("qos2.flow");
        assertThat(t.insights.get(0).message(Locale.ENGLISH)).contains("broker sent its QoS 2 PUBLISH (packet id 8",
                "after the client had answered it with PUBREC", "application twice");
        // a DUP copy before any PUBREC is the ordinary resend
        Talk resend = new Talk().open("c1").client("c1", connect(4, "dev")).broker("c1", connack(4, false, 0))
                .broker("c1", publish(4, "cmd", 2, 8, false, 1)).broker("c1", publish(4, "cmd", 2, 8, true, 1))
                .client("c1", ack(PUBREC, 8, -1)).broker("c1", ack(PUBREL, 8, -1)).client("c1", ack(PUBCOMP, 8, -1))
                .wait(3000);
        assertThat(resend.insights).isEmpty();
    }

    @Test
    void a_packet_id_reused_while_in_flight() {
        Talk t = new Talk().open("c1").client("c1", connect(4, "dev")).broker("c1", connack(4, false, 0))
                .client("c1", publish(4, "a", 1, 3, false, 1)).client("c1", publish(4, "b", 1, 3, false, 1));
        assertThat(t.rules()).containsExactly("packet_id.reused");
        // a resend with DUP is what the spec asks for, not a reuse
        Talk dup = new Talk().open("c1").client("c1", connect(4, "dev")).broker("c1", connack(4, false, 0))
                .client("c1", publish(4, "a", 1, 3, false, 1)).client("c1", publish(4, "a", 1, 3, true, 1));
        assertThat(dup.insights).isEmpty();
    }

    @Test
    void a_will_published_after_a_close_without_disconnect_and_received_elsewhere() {
        Talk t = new Talk().open("c1").client("c1", connect(4, "sub")).broker("c1", connack(4, false, 0))
                .client("c1", subscribe(4, 1, "status/#", 0)).broker("c1", suback(4, 1, 0))
                .open("c2").client("c2", connect(4, "dev", true, 60, null, null, "status/dev", -1))
                .broker("c2", connack(4, false, 0)).close("c2", Closer.CLIENT)
                .broker("c1", publish(4, "status/dev", 0, 0, false, 4));
        assertThat(t.rules()).containsExactly("will.published");
        assertThat(t.insights.get(0).conns()).containsExactly("c2", "c1");
        assertThat(t.insights.get(0).message(Locale.ENGLISH)).contains("reached c1", "without sending DISCONNECT");
    }

    @Test
    void a_will_with_disconnect_is_not_published() {
        Talk t = new Talk().open("c2").client("c2", connect(4, "dev", true, 60, null, null, "status/dev", -1))
                .broker("c2", connack(4, false, 0)).client("c2", disconnect()).close("c2", Closer.CLIENT)
                .wait(10_000);
        assertThat(t.insights).isEmpty();
    }

    @Test
    void thousands_of_short_clients_with_their_own_ids_and_addresses_make_no_storm() {
        Talk t = new Talk();
        for (int i = 0; i < 3000; i++) {
            String c = "c" + i;
            // each its own id and address: nobody reconnects, however many come and go
            t.doctor.see(new Observation.Opened(c, 1_000_000_000L + i * 100_000_000L, null, "10.0.0." + i));
            t.client(c, connect(4, "device-" + i)).broker(c, connack(4, false, 0))
                    .close(c, Closer.CLIENT).wait(100);
        }
        assertThat(t.insights).isEmpty();
    }

    @Test
    void renaming_connections_renames_them_in_the_words_too() {
        Talk t = new Talk();
        t.open("0").client("0", connect(4, "x")).broker("0", connack(4, false, 0));
        for (int round = 1; round <= 3; round++) {
            String prev = String.valueOf(round - 1);
            String next = String.valueOf(round);
            t.wait(1000).open(next).client(next, connect(4, "x")).close(prev, Closer.BROKER)
                    .broker(next, connack(4, false, 0));
        }
        Insight pingPong = t.insights.stream().filter(i -> i.rule() == DoctorRule.CLIENT_ID_PING_PONG).findFirst()
                .orElseThrow().renamed(c -> "c" + (Integer.parseInt(c) + 1));
        assertThat(pingPong.conns()).containsExactly("c1", "c2", "c3", "c4");
        assertThat(pingPong.message(Locale.ENGLISH)).startsWith("c1, c2, c3, c4 use client id \"x\"");
        Insight takeover = t.insights.get(0).renamed(c -> "t/" + c);
        assertThat(takeover.message(Locale.ENGLISH)).startsWith("The broker closed t/0 right after t/1 connected");
        assertThat(takeover.packets()).containsExactly(new PacketRef("t/1", Direction.CLIENT_TO_BROKER, 0));
    }

    @Test
    void every_insight_renders_in_both_languages_without_missing_keys() {
        for (DoctorRule r : DoctorRule.values()) {
            assertThat(DoctorRule.of(r.id())).isSameAs(r);
        }
        Talk t = new Talk().open("c1").client("c1", connect(4, "dev")).broker("c1", connack(4, false, 5));
        for (Insight i : t.insights) {
            for (Words w : i.message()) {
                assertThat(Words.exists(w.key())).as(w.key()).isTrue();
            }
            assertThat(Words.exists(i.fix().key())).isTrue();
        }
    }
}
