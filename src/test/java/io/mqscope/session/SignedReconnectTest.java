package io.mqscope.session;

import static io.mqscope.session.SessionFixtures.join;
import static io.mqscope.session.SessionFixtures.sub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.auth.SignedCredentials;
import io.mqscope.auth.Signer;
import io.mqscope.broker.LocalBroker;
import io.mqscope.profile.MqttVersion;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.tap.PacketEvent;
import io.mqscope.testing.EmbeddedHiveMq;
import io.mqscope.wire.Direction;
import io.mqscope.wire.PacketType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A profile with a signing section is signed again at every connect attempt, automatic reconnects included: the
 * CONNECT the broker receives after a forced reconnect carries the new timestamp and the new password.
 */
@ExtendWith(EmbeddedHiveMq.class)
class SignedReconnectTest {
    final List<Session> sessions = new ArrayList<>();

    @AfterEach
    void closeSessions() {
        sessions.forEach(s -> join(s.closeAsync()));
    }

    /** A clock the test moves by hand. */
    static final class SettableClock extends SessionFixtures.TestClock {
        volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static Profile.Signing aliyun(LocalBroker broker) {
        return new Profile.Signing("aliyun-iot", Map.of("productKey", "pk1", "deviceName", "dev1",
                "deviceSecret", "secret", "instanceEndpoint", "127.0.0.1", "port", String.valueOf(broker.tcpPort()),
                "secureMode", "3", "timestamp", "now", "clientId", "reconnect-" + System.nanoTime()));
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    void a_reconnect_signs_again_with_a_fresh_timestamp(MqttVersion v, LocalBroker broker) {
        Profile.Signing signing = aliyun(broker);
        Profile p = SessionFixtures.profile(Transport.TCP, broker.tcpPort(), v).toBuilder().signing(signing)
                .reconnect(new Profile.Reconnect(true, 100, 400)).build();
        Instant first = Instant.ofEpochMilli(1_700_000_000_000L);
        Instant second = first.plusSeconds(60);
        SettableClock clock = new SettableClock(first);
        Recorder rec = new Recorder();
        Session s = Sessions.open(p, rec, clock);
        sessions.add(s);
        join(s.connect());
        join(s.subscribe(sub("signed/" + v + "/#", 1)));
        SignedCredentials c1 = Signer.sign(signing, first);
        await().atMost(Duration.ofSeconds(5)).until(() -> connects(rec).size() == 1);
        assertThat(latin1(connects(rec).get(0))).contains(c1.clientId()).contains(c1.password())
                .contains("timestamp=" + first.toEpochMilli());

        // another client takes over the signed client identifier: the broker drops ours, which reconnects
        clock.now = second;
        Session thief = Sessions.open(SessionFixtures.profile(Transport.TCP, broker.tcpPort(), v).toBuilder()
                .clientId(c1.clientId()).randomClientIdSuffix(false).build(), new Recorder());
        sessions.add(thief);
        join(thief.connect());

        try {
            rec.awaitState(c -> c.state() == ConnectionState.RECONNECTING);
        } catch (RuntimeException e) {
            throw new AssertionError("states: " + rec.states + " thief " + thief.state(), e);
        }
        StateChange back;
        try {
            back = rec.awaitState(c -> c.state() == ConnectionState.CONNECTED && c.reason() != null
                    && c.reason().startsWith("reconnected"));
        } catch (RuntimeException e) {
            throw new AssertionError("states: " + rec.states, e);
        }
        assertThat(back.reason()).isEqualTo("reconnected");
        SignedCredentials c2 = Signer.sign(signing, second);
        assertThat(c2.password()).isNotEqualTo(c1.password());
        await().atMost(Duration.ofSeconds(5)).until(() -> connects(rec).size() >= 2);
        List<PacketEvent> connects = connects(rec);
        String again = latin1(connects.get(connects.size() - 1));
        assertThat(again).contains(c2.clientId()).contains(c2.password())
                .contains("timestamp=" + second.toEpochMilli()).doesNotContain(c1.password());
        // the broker accepted the new credentials and the session restored its subscription on the new client
        Session publisher = Sessions.open(SessionFixtures.profile(Transport.TCP, broker.tcpPort(), v), new Recorder());
        sessions.add(publisher);
        join(publisher.connect());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            join(publisher.publish(new PublishRequest("signed/" + v + "/x", new byte[] {1, 2}, 1, false, null)));
            assertThat(rec.received()).extracting(MessageEvent::topic).contains("signed/" + v + "/x");
        });
        assertThat(s.state()).isEqualTo(ConnectionState.CONNECTED);
    }

    static List<PacketEvent> connects(Recorder rec) {
        return rec.packets().stream().filter(e -> e.direction() == Direction.CLIENT_TO_BROKER
                && e.packet().type() == PacketType.CONNECT).toList();
    }

    static String latin1(PacketEvent e) {
        return new String(e.packet().raw(), StandardCharsets.ISO_8859_1);
    }
}
