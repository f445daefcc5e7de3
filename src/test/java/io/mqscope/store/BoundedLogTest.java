package io.mqscope.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class BoundedLogTest {

    private static BoundedLog<byte[]> log(long maxBytes) {
        return new BoundedLog<>(maxBytes, b -> b.length);
    }

    @Test
    void evicts_oldest_entries_once_the_byte_bound_is_exceeded() {
        BoundedLog<byte[]> log = log(100);
        for (int i = 0; i < 10; i++) {
            log.append(new byte[10]);
        }
        assertThat(log.size()).isEqualTo(10);
        assertThat(log.bytes()).isEqualTo(100);
        assertThat(log.evicted()).isZero();

        log.append(new byte[25]);
        // 125 bytes: the three oldest (30 bytes) must go to get back to <= 100
        assertThat(log.bytes()).isEqualTo(95);
        assertThat(log.size()).isEqualTo(8);
        assertThat(log.evicted()).isEqualTo(3);
        assertThat(log.evictedBytes()).isEqualTo(30);
        assertThat(log.firstSequence()).isEqualTo(3);
        assertThat(log.nextSequence()).isEqualTo(11);
    }

    @Test
    void bytes_never_exceed_the_bound_for_a_long_stream_of_mixed_sizes() {
        BoundedLog<byte[]> log = log(10_000);
        java.util.Random r = new java.util.Random(42);
        for (int i = 0; i < 100_000; i++) {
            log.append(new byte[1 + r.nextInt(500)]);
            assertThat(log.bytes()).isLessThanOrEqualTo(10_000);
        }
        assertThat(log.nextSequence()).isEqualTo(100_000);
        assertThat(log.size() + log.evicted()).isEqualTo(100_000);
        long sum = 0;
        for (byte[] b : log.snapshot().items()) {
            sum += b.length;
        }
        assertThat(sum).isEqualTo(log.bytes());
    }

    @Test
    void an_entry_larger_than_the_bound_is_kept_alone() {
        BoundedLog<byte[]> log = log(100);
        log.append(new byte[10]);
        log.append(new byte[500]);
        assertThat(log.size()).isEqualTo(1);
        assertThat(log.last(5).items().get(0)).hasSize(500);
        log.append(new byte[1]);
        assertThat(log.size()).isEqualTo(1);
        assertThat(log.last(5).items().get(0)).hasSize(1);
    }

    @Test
    void last_and_range_page_by_sequence_and_report_where_they_start() {
        BoundedLog<String> log = new BoundedLog<>(50, s -> 10);
        for (int i = 0; i < 8; i++) {
            log.append("m" + i);
        }
        // holds m3..m7
        assertThat(log.last(2).items()).containsExactly("m6", "m7");
        assertThat(log.last(2).firstSequence()).isEqualTo(6);
        assertThat(log.last(99).items()).containsExactly("m3", "m4", "m5", "m6", "m7");

        BoundedLog.Slice<String> s = log.range(0, 2);
        assertThat(s.firstSequence()).isEqualTo(3);
        assertThat(s.items()).containsExactly("m3", "m4");
        assertThat(s.endSequence()).isEqualTo(5);
        assertThat(log.range(5, 10).items()).containsExactly("m5", "m6", "m7");
        assertThat(log.range(8, 10).items()).isEmpty();
        assertThat(log.range(8, 10).firstSequence()).isEqualTo(8);
    }

    @Test
    void grows_past_its_initial_capacity_and_wraps_around() {
        BoundedLog<Integer> log = new BoundedLog<>(1000, i -> 1);
        for (int i = 0; i < 5000; i++) {
            log.append(i);
        }
        List<Integer> items = log.snapshot().items();
        assertThat(items).hasSize(1000);
        assertThat(items.get(0)).isEqualTo(4000);
        assertThat(items.get(999)).isEqualTo(4999);
    }

    @Test
    void clear_drops_everything_but_keeps_counting_sequences() {
        BoundedLog<Integer> log = new BoundedLog<>(1000, i -> 1);
        log.append(1);
        log.append(2);
        log.clear();
        assertThat(log.size()).isZero();
        assertThat(log.bytes()).isZero();
        assertThat(log.append(3)).isEqualTo(2);
    }

    @Test
    void concurrent_appends_lose_nothing_and_respect_the_bound() throws Exception {
        BoundedLog<long[]> log = new BoundedLog<>(8_000, a -> 8);
        int threads = 4;
        int perThread = 50_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    log.append(new long[1]);
                }
            });
            th.start();
            ts.add(th);
        }
        start.countDown();
        for (Thread th : ts) {
            th.join();
        }
        assertThat(log.nextSequence()).isEqualTo((long) threads * perThread);
        assertThat(log.size()).isEqualTo(1000);
        assertThat(log.bytes()).isEqualTo(8000);
    }

    @Test
    void an_entry_count_bound_evicts_as_well_as_the_byte_bound() {
        BoundedLog<byte[]> log = new BoundedLog<>(100, 3, b -> b.length);
        for (int i = 0; i < 5; i++) {
            log.append(new byte[] {(byte) i});
        }
        assertThat(log.size()).isEqualTo(3);
        assertThat(log.maxEntries()).isEqualTo(3);
        assertThat(log.snapshot().items()).extracting(b -> (int) b[0]).containsExactly(2, 3, 4);
        log.append(new byte[99]);
        // the byte bound still applies: 1 + 1 + 99 > 100
        assertThat(log.size()).isEqualTo(2);
        assertThat(log.newest()).hasSize(99);
    }

    @Test
    void since_follows_a_reader_past_evictions_and_clears() {
        BoundedLog<Integer> log = new BoundedLog<>(1000, 3, i -> 1);
        for (int i = 0; i < 5; i++) {
            log.append(i);
        }
        BoundedLog.Slice<Integer> s = log.since(0);
        assertThat(s.items()).containsExactly(2, 3, 4);
        assertThat(log.since(s.endSequence()).items()).isEmpty();
        log.clear();
        assertThat(log.newest()).isNull();
        log.append(9);
        assertThat(log.since(s.endSequence()).items()).containsExactly(9);
    }

    @Test
    void rejects_a_non_positive_bound() {
        assertThatThrownBy(() -> log(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBytes");
    }

    @Test
    void a_lower_entry_limit_drops_only_the_oldest_at_once_and_holds_from_then_on() {
        BoundedLog<String> log = new BoundedLog<>(1 << 20, 10, String::length);
        for (int i = 0; i < 10; i++) {
            log.append("m" + i);
        }
        log.setMaxEntries(3);
        assertThat(log.snapshot().items()).containsExactly("m7", "m8", "m9");
        assertThat(log.firstSequence()).isEqualTo(7);
        log.append("m10");
        assertThat(log.snapshot().items()).containsExactly("m8", "m9", "m10");
        log.setMaxEntries(5);
        log.append("m11");
        assertThat(log.size()).isEqualTo(4);
        assertThatThrownBy(() -> log.setMaxEntries(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
