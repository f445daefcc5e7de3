package io.mqscope.ui.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.payload.PayloadCodec;
import io.mqscope.payload.PayloadFormat;
import io.mqscope.payload.TextCharset;
import io.mqscope.session.MessageEvent;
import io.mqscope.ui.app.TaskExecutor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The viewer opens spBv1.0 messages as Sparkplug B, names aliases after the log's NBIRTH and flags seq gaps. */
class SparkplugViewTest {

    private static MessageEvent message(String topic, String json) {
        byte[] bytes = PayloadCodec.parse(json, PayloadFormat.SPARKPLUG, TextCharset.UTF_8).value();
        return new MessageEvent("c", 0, Instant.EPOCH, false, topic, 0, false, false, bytes, null);
    }

    @Test
    void a_data_message_is_read_after_the_birth_before_it_in_the_log() {
        List<MessageEvent> log = new ArrayList<>();
        log.add(message("spBv1.0/g/NBIRTH/e", "{\"seq\": 0, \"metrics\": [{\"name\": \"Pressure\", \"alias\": 7,"
                + " \"datatype\": 10, \"doubleValue\": 1.0}]}"));
        log.add(message("other/topic", "{}"));
        log.add(message("spBv1.0/g/NDATA/e", "{\"seq\": 1, \"metrics\": [{\"alias\": 7, \"doubleValue\": 1.5}]}"));
        log.add(message("spBv1.0/g/NDATA/e", "{\"seq\": 5, \"metrics\": [{\"alias\": 7, \"doubleValue\": 2.5}]}"));
        PayloadViewModel vm = new PayloadViewModel(PayloadFormat.TEXT, TaskExecutor.sameThread());
        vm.setHistory(() -> log);
        vm.show(log.get(2));
        assertThat(vm.formatProperty().get()).isEqualTo(PayloadFormat.SPARKPLUG);
        assertThat(vm.textProperty().get()).contains("Pressure [alias 7, name from the birth certificate]: "
                + "Double = 1.5").doesNotContain("! ");
        vm.show(log.get(3));
        assertThat(vm.textProperty().get()).contains("Double = 2.5",
                "! sequence gap: expected seq 2, got 5 (3 messages missing or out of order)");
        // another topic goes back to the default view
        vm.show(log.get(1));
        assertThat(vm.formatProperty().get()).isEqualTo(PayloadFormat.TEXT);
    }
}
