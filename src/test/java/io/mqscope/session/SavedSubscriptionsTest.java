package io.mqscope.session;

import static io.mqscope.session.SessionFixtures.join;
import static io.mqscope.session.SessionFixtures.sub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.broker.LocalBroker;
import io.mqscope.profile.MqttVersion;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.testing.EmbeddedHiveMq;
import io.mqscope.wire.Direction;
import io.mqscope.wire.PacketType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The profile's saved subscriptions are made by the session itself at connect, idempotently. */
@ExtendWith(EmbeddedHiveMq.class)
class SavedSubscriptionsTest {
    final List<Session> sessions = new ArrayList<>();

    @AfterEach
    void closeSessions() {
        sessions.forEach(s -> join(s.closeAsync()));
    }

    Session open(Profile p, Recorder r) {
        Session s = Sessions.open(p, r);
        sessions.add(s);
        return s;
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    void saved_subscriptions_are_made_at_connect_and_a_second_subscribe_does_no_harm(MqttVersion v,
            LocalBroker broker) {
        String base = "saved/" + v + "/";
        Profile p = SessionFixtures.profile(Transport.TCP, broker.tcpPort(), v).toBuilder()
                .subscriptions(List.of(sub(base + "a/#", 1), sub(base + "b", 0))).build();
        Recorder rec = new Recorder();
        Session s = open(p, rec);
        join(s.connect());
        await().atMost(Duration.ofSeconds(5)).until(() -> rec.packets().stream().filter(e ->
                e.direction() == Direction.BROKER_TO_CLIENT && e.packet().type() == PacketType.SUBACK).count() == 2);
        // what the UI did in round one: subscribe the saved list again after connect
        for (Profile.SavedSubscription saved : p.subscriptions()) {
            join(s.subscribe(saved));
        }

        Session publisher = open(SessionFixtures.profile(Transport.TCP, broker.tcpPort(), v), new Recorder());
        join(publisher.connect());
        join(publisher.publish(new PublishRequest(base + "a/1", new byte[] {1}, 1, false, null)));
        join(publisher.publish(new PublishRequest(base + "b", new byte[] {2}, 0, false, null)));
        join(publisher.publish(new PublishRequest(base + "end", new byte[] {3}, 0, false, null)));
        rec.awaitReceived(2);
        // QoS 1 round trip to make sure nothing else is under way
        join(publisher.publish(new PublishRequest(base + "a/2", new byte[] {4}, 1, false, null)));
        rec.awaitReceived(3);
        assertThat(rec.received()).extracting(MessageEvent::topic)
                .containsExactly(base + "a/1", base + "b", base + "a/2");
    }

    @Test
    void subscriptions_made_before_connect_are_sent_at_connect(LocalBroker broker) {
        Recorder rec = new Recorder();
        Session s = open(SessionFixtures.profile(Transport.TCP, broker.tcpPort(), MqttVersion.V5), rec);
        join(s.subscribe(sub("early/#", 0)));
        join(s.connect());
        Session publisher = open(SessionFixtures.profile(Transport.TCP, broker.tcpPort(), MqttVersion.V5),
                new Recorder());
        join(publisher.connect());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            join(publisher.publish(new PublishRequest("early/x", new byte[] {9}, 1, false, null)));
            assertThat(rec.received()).isNotEmpty();
        });
        assertThat(rec.received().get(0).topic()).isEqualTo("early/x");
    }
}
