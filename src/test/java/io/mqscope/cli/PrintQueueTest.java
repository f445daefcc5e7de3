package io.mqscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code sub}'s print thread ({@link PrintQueue}): order, flushing, the bound, and a failing item. */
class PrintQueueTest {

    @Test
    void prints_everything_in_the_order_added_and_flushes_before_finish_returns() throws Exception {
        List<Object> printed = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger flushes = new AtomicInteger();
        List<Integer> printedAtLastFlush = Collections.synchronizedList(new ArrayList<>());
        PrintQueue q = new PrintQueue(printed::add, () -> {
            flushes.incrementAndGet();
            printedAtLastFlush.add(printed.size());
        }, e -> { });
        Thread a = new Thread(() -> {
            for (int i = 0; i < 50_000; i++) {
                q.add(i);
            }
        });
        a.start();
        a.join();
        q.finish(10_000);

        assertThat(printed).hasSize(50_000);
        for (int i = 0; i < printed.size(); i++) {
            assertThat(printed.get(i)).isEqualTo(i);
        }
        assertThat(flushes.get()).isPositive();
        assertThat(printedAtLastFlush.get(printedAtLastFlush.size() - 1)).isEqualTo(50_000);
        q.add("after finish");
        assertThat(printed).hasSize(50_000);
    }

    @Test
    void a_lone_item_is_printed_and_flushed_without_more_coming() {
        List<Object> printed = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger flushes = new AtomicInteger();
        PrintQueue q = new PrintQueue(printed::add, flushes::incrementAndGet, e -> { });

        q.add("one");

        await().atMost(Duration.ofSeconds(5)).until(() -> printed.size() == 1 && flushes.get() == 1);
    }

    @Test
    void the_adding_thread_waits_at_the_limit_until_printing_catches_up() throws Exception {
        CountDownLatch stdoutBlocked = new CountDownLatch(1);
        CountDownLatch printing = new CountDownLatch(1);
        List<Object> printed = Collections.synchronizedList(new ArrayList<>());
        PrintQueue q = new PrintQueue(item -> {
            printing.countDown();
            try {
                stdoutBlocked.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            printed.add(item);
        }, () -> { }, e -> { });
        // standard output blocks on the first item, which the print thread has taken alone
        q.add(-1);
        printing.await();
        AtomicInteger added = new AtomicInteger();
        Thread adder = new Thread(() -> {
            for (int i = 0; i < PrintQueue.LIMIT + 10; i++) {
                q.add(i);
                added.incrementAndGet();
            }
        });
        adder.start();

        // LIMIT items wait behind the one being printed: the adder waits with the last 10 not added
        await().atMost(Duration.ofSeconds(10)).until(() -> adder.getState() == Thread.State.WAITING);
        assertThat(added.get()).isEqualTo(PrintQueue.LIMIT);

        stdoutBlocked.countDown();
        adder.join(10_000);
        q.finish(10_000);
        assertThat(added.get()).isEqualTo(PrintQueue.LIMIT + 10);
        assertThat(printed).hasSize(PrintQueue.LIMIT + 11);
    }

    @Test
    void an_item_that_fails_to_print_is_reported_and_the_next_ones_still_print() throws Exception {
        List<Object> printed = Collections.synchronizedList(new ArrayList<>());
        List<RuntimeException> failures = Collections.synchronizedList(new ArrayList<>());
        PrintQueue q = new PrintQueue(item -> {
            if (item.equals("bad")) {
                throw new IllegalStateException("cannot render");
            }
            printed.add(item);
        }, () -> { }, failures::add);

        q.add("a");
        q.add("bad");
        q.add("b");
        q.finish(10_000);

        assertThat(printed).containsExactly("a", "b");
        assertThat(failures).singleElement().extracting(Throwable::getMessage).isEqualTo("cannot render");
    }
}
