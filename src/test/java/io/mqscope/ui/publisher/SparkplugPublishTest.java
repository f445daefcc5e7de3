package io.mqscope.ui.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.broker.LocalBroker;
import io.mqscope.payload.PayloadFormat;
import io.mqscope.profile.Profile;
import io.mqscope.session.MessageEvent;
import io.mqscope.session.PublishRequest;
import io.mqscope.session.Session;
import io.mqscope.session.SessionListener;
import io.mqscope.session.Sessions;
import io.mqscope.testing.EmbeddedHiveMq;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.messages.PayloadViewModel;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sparkplug B from the desktop publisher: an spBv1.0 topic switches the payload to Sparkplug, JSON is encoded with
 * the built-in schema to the golden bytes (Sparkplug 3.0.0 section 6.4, annotated as in SparkplugTest), and the bytes
 * arrive unchanged through a real broker and read back as the same metrics.
 */
@ExtendWith(EmbeddedHiveMq.class)
class SparkplugPublishTest {
    /** NDATA: timestamp 1000, one metric by alias 1 with float 21.5, seq 1. */
    private static final String NDATA_SEQ1 = "08e807"      // #1 timestamp varint 1000
            + "1207" + "1001" + "650000ac41"                // #2 metrics (LEN 7): #2 alias 1, #12 float_value 21.5
            + "1801";                                        // #3 seq 1

    @Test
    void an_spbv1_topic_publishes_json_as_sparkplug_b_byte_exact_through_the_broker(LocalBroker broker)
            throws Exception {
        PublisherViewModel vm = new PublisherViewModel(TaskExecutor.sameThread());
        vm.formatProperty().set(PayloadFormat.JSON);
        vm.topicProperty().set("spBv1.0/plant/NDATA/edge1");
        assertThat(vm.formatProperty().get()).isEqualTo(PayloadFormat.SPARKPLUG);
        vm.payloadProperty().set("{\"timestamp\": 1000, \"metrics\": [{\"alias\": 1, \"floatValue\": 21.5}], "
                + "\"seq\": {{seq}}}");
        PublishRequest request = vm.request();
        assertThat(vm.payloadErrorProperty().get()).isEmpty();
        assertThat(HexFormat.of().formatHex(request.payload())).isEqualTo(NDATA_SEQ1);

        List<MessageEvent> got = new CopyOnWriteArrayList<>();
        Profile p = Profile.builder().name("sp").port(broker.tcpPort()).clientId("sp-sub").build();
        Session sub = Sessions.open(p, new SessionListener() {
            @Override
            public void onMessage(MessageEvent m) {
                if (!m.outgoing()) {
                    got.add(m);
                }
            }
        });
        Session pub = Sessions.open(p.toBuilder().clientId("sp-pub").build(), new SessionListener() { });
        try {
            sub.connect().get(20, TimeUnit.SECONDS);
            sub.subscribe(new Profile.SavedSubscription("spBv1.0/plant/#", 1, false, false, 0, null, null, null))
                    .get(20, TimeUnit.SECONDS);
            pub.connect().get(20, TimeUnit.SECONDS);
            vm.setTarget(pub::publish);
            vm.connectedProperty().set(true);
            assertThat(vm.send()).isTrue();
            await().atMost(Duration.ofSeconds(20)).until(() -> !got.isEmpty());
        } finally {
            sub.close();
            pub.close();
        }
        assertThat(got.get(0).payload()).isEqualTo(request.payload());
        PayloadViewModel view = new PayloadViewModel(null, TaskExecutor.sameThread());
        view.show(got.get(0));
        assertThat(view.formatProperty().get()).isEqualTo(PayloadFormat.SPARKPLUG);
        assertThat(view.textProperty().get()).contains("NDATA", "seq: 1", "21.5");
    }

    @Test
    void state_topics_and_formats_chosen_by_hand_are_left_alone() {
        PublisherViewModel vm = new PublisherViewModel(TaskExecutor.sameThread());
        vm.formatProperty().set(PayloadFormat.JSON);
        vm.topicProperty().set("spBv1.0/STATE/host1");
        assertThat(vm.formatProperty().get()).isEqualTo(PayloadFormat.JSON);
        vm.formatProperty().set(PayloadFormat.HEX);
        vm.topicProperty().set("spBv1.0/plant/DDATA/edge1/dev1");
        assertThat(vm.formatProperty().get()).isEqualTo(PayloadFormat.HEX);
    }
}
