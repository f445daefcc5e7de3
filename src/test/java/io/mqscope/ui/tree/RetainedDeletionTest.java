package io.mqscope.ui.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.session.PublishRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetainedDeletionTest {

    @Test
    void at_most_a_window_of_publishes_waits_for_the_broker_at_once() throws Exception {
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            topics.add("t/" + i);
        }
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService broker = Executors.newSingleThreadExecutor();
        try {
            RetainedDeletion d = new RetainedDeletion(topics, r -> {
                most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                return CompletableFuture.runAsync(inFlight::decrementAndGet,
                        CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS, broker));
            });
            RetainedDeletion.Result r = d.run();
            assertThat(r.cleared()).hasSize(1_000);
            assertThat(d.done()).isEqualTo(1_000);
            assertThat(d.cleared()).isEqualTo(1_000);
            assertThat(most.get()).isLessThanOrEqualTo(RetainedDeletion.IN_FLIGHT).isGreaterThan(1);
        } finally {
            broker.shutdownNow();
        }
    }

    @Test
    void a_publish_never_answered_is_neither_cleared_nor_waited_for_without_end() throws Exception {
        List<PublishRequest> sent = new ArrayList<>();
        RetainedDeletion d = new RetainedDeletion(List.of("a", "b", "c"), r -> {
            sent.add(r);
            return r.topic().equals("b") ? new CompletableFuture<>() : CompletableFuture.completedFuture(null);
        }, 1);
        RetainedDeletion.Result r = d.run();
        assertThat(sent).extracting(PublishRequest::topic).containsExactly("a", "b", "c");
        assertThat(r.cleared()).containsExactly("a", "c");
        assertThat(r.failed()).isEmpty();
        assertThat(r.firstError()).isNull();
    }
}
