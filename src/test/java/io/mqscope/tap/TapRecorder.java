package io.mqscope.tap;


import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Keeps every {@link TapEvent} a tap reports and waits for the ones a test expects. */
final class TapRecorder implements Consumer<TapEvent> {
    final List<TapEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void accept(TapEvent e) {
        events.add(e);
    }

    <T extends TapEvent> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends TapEvent> List<T> all(Class<T> type, String conn) {
        return all(type).stream().filter(e -> e.conn().equals(conn)).toList();
    }

    /** The first event of the type that matches, waiting up to 20 s for it. */
    <T extends TapEvent> T await(Class<T> type, Predicate<T> match) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> all(type).stream().anyMatch(match));
        return all(type).stream().filter(match).findFirst().orElseThrow();
    }

    TapEvent.Closed closed(String conn) {
        return await(TapEvent.Closed.class, c -> c.conn().equals(conn));
    }

    TapEvent.Closed anyClosed() {
        return await(TapEvent.Closed.class, c -> true);
    }
}
