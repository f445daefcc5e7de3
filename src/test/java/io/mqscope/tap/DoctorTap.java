package io.mqscope.tap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.doctor.DoctorSettings;
import io.mqscope.doctor.Insight;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.awaitility.Awaitility;

/**
 * A real wiretap in front of a real broker with the conversation doctor reading its events, as {@code mqscope tap}
 * runs it: every event is seen, and time passes every 100 ms (tick).
 */
final class DoctorTap implements Consumer<TapEvent>, AutoCloseable {
    final List<Insight> insights = new CopyOnWriteArrayList<>();
    final List<TapEvent> events = new CopyOnWriteArrayList<>();
    private final TapDoctor doctor;
    private final Wiretap tap;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();

    DoctorTap(int brokerPort, Duration ackTimeout) {
        doctor = new TapDoctor("127.0.0.1", DoctorSettings.DEFAULT.withAckTimeout(ackTimeout));
        Profile upstream = Profile.builder().transport(Transport.TCP).host("127.0.0.1").port(brokerPort).build();
        tap = Wiretap.start(new TapSettings(ListenUrl.parse("mqtt://127.0.0.1:0"), upstream, null, false,
                Locale.ENGLISH), this);
        clock.scheduleAtFixedRate(() -> insights.addAll(doctor.tick(System.nanoTime())), 100, 100,
                TimeUnit.MILLISECONDS);
    }

    DoctorTap(int brokerPort) {
        this(brokerPort, Duration.ofSeconds(10));
    }

    @Override
    public void accept(TapEvent e) {
        events.add(e);
        insights.addAll(doctor.see(e));
    }

    int port() {
        return tap.port();
    }

    String url() {
        return "mqtt://127.0.0.1:" + tap.port();
    }

    List<String> rules() {
        return insights.stream().map(i -> i.rule().id()).toList();
    }

    /** The first insight of this rule, waiting up to 20 s for it. */
    Insight await(String rule) {
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(rules()).as(seen()).contains(rule));
        return insights.stream().filter(i -> i.rule().id().equals(rule)).findFirst().orElseThrow();
    }

    /** Waits until every connection opened so far is closed. */
    void awaitAllClosed() {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                events.stream().filter(e -> e instanceof TapEvent.Opened).count()
                        == events.stream().filter(e -> e instanceof TapEvent.Closed).count());
    }

    /** What the tap saw, for assertion messages. */
    String seen() {
        StringBuilder sb = new StringBuilder();
        for (TapEvent e : events) {
            if (e instanceof TapEvent.Packet p) {
                sb.append(p.conn()).append(' ').append(p.from().peer()).append(' ').append(p.packet().type())
                        .append('\n');
            } else if (e instanceof TapEvent.Closed c) {
                sb.append(c.conn()).append(" closed by ").append(c.by()).append('\n');
            }
        }
        sb.append(insights.stream().map(i -> i.rule().id() + ": " + i.message(Locale.ENGLISH)).toList());
        return sb.toString();
    }

    @Override
    public void close() {
        clock.shutdownNow();
        tap.close();
    }
}
