package io.mqscope.session;

import static io.mqscope.session.SessionFixtures.sub;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.Profile.SavedSubscription;
import io.mqscope.tap.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The remembered subscriptions and their restore, without a broker (SavedSubscriptionsTest has one). */
class SubscriptionBookTest {
    /** A client that records what it is asked to subscribe and refuses the filters it is told to. */
    static class Subscriber implements ProtocolClient {
        final List<String> sent = new ArrayList<>();
        final Map<String, RuntimeException> refusals;

        Subscriber(Map<String, RuntimeException> refusals) {
            this.refusals = refusals;
        }

        @Override
        public CompletableFuture<Void> subscribe(SavedSubscription s) {
            sent.add(s.topicFilter());
            RuntimeException refusal = refusals.get(s.topicFilter());
            return refusal == null ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.failedFuture(refusal);
        }

        @Override
        public CompletableFuture<Boolean> connect() {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Void> disconnect() {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Void> unsubscribe(String topicFilter) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Void> publish(PublishRequest request, Runnable built) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void listenForPublishes() {
        }

        @Override
        public boolean markConnected() {
            return false;
        }
    }

    @Test
    void subscriptions_keep_their_order_and_a_new_one_replaces_the_same_filter_in_place() {
        SubscriptionBook book = new SubscriptionBook(List.of(sub("a", 0), sub("b", 1)));
        book.remember(sub("c", 2));
        book.remember(sub("a", 2));
        assertThat(book.list()).extracting(SavedSubscription::topicFilter).containsExactly("a", "b", "c");
        assertThat(book.list().get(0).qos()).isEqualTo(2);
        book.forget("b");
        assertThat(book.list()).extracting(SavedSubscription::topicFilter).containsExactly("a", "c");
    }

    @Test
    void a_refused_subscription_is_forgotten_unless_it_was_replaced_meanwhile() {
        SubscriptionBook book = new SubscriptionBook(List.of());
        SavedSubscription first = sub("x", 1);
        book.remember(first);
        book.remember(sub("x", 2));
        book.forgetRefused(first);
        assertThat(book.list()).extracting(SavedSubscription::qos).containsExactly(2);
        book.forgetRefused(book.list().get(0));
        assertThat(book.list()).isEmpty();
    }

    @Test
    void restore_sends_every_subscription_and_reports_each_refusal() {
        SubscriptionBook book = new SubscriptionBook(List.of(sub("a", 0), sub("b", 1), sub("c", 2)));
        SessionException refused = new SessionException(Stage.MQTT, "SUBACK refused b: NOT_AUTHORIZED");
        SessionException badQos = new SessionException(Stage.CONFIG, "QoS must be 0, 1 or 2, not 3");
        Subscriber client = new Subscriber(Map.of("b", refused)) {
            @Override
            public CompletableFuture<Void> subscribe(SavedSubscription s) {
                if (s.topicFilter().equals("c")) {
                    sent.add("c");
                    throw badQos;
                }
                return super.subscribe(s);
            }
        };
        List<String> failures = new ArrayList<>();
        book.restore(client, (s, t) -> failures.add(s.topicFilter() + ": " + t.getMessage()));
        assertThat(client.sent).containsExactly("a", "b", "c");
        assertThat(failures).containsExactly("b: mqtt: SUBACK refused b: NOT_AUTHORIZED",
                "c: config: QoS must be 0, 1 or 2, not 3");
        // restoring does not forget: the next connect tries again
        assertThat(book.list()).hasSize(3);
    }

    @Test
    void subscribing_while_disconnected_only_remembers() {
        SubscriptionBook book = new SubscriptionBook(List.of());
        assertThat(book.subscribe(sub("later", 1), null, t -> null)).isCompleted();
        assertThat(book.list()).extracting(SavedSubscription::topicFilter).containsExactly("later");
        Subscriber client = new Subscriber(Map.of("no", new SessionException(Stage.MQTT, "refused")));
        CompletableFuture<Void> refused = book.subscribe(sub("no", 0), client,
                t -> new SessionException(Stage.MQTT, "explained"));
        assertThat(refused).isCompletedExceptionally();
        assertThat(book.list()).extracting(SavedSubscription::topicFilter).containsExactly("later");
    }
}
