package io.mqscope.ui;

import static io.mqscope.ui.Events.msg;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.session.MessageEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeenTopicsTest {
    @Test
    void suggests_newest_first_prefix_matches_first_and_stays_bounded() {
        SeenTopics seen = new SeenTopics();
        seen.addAll(List.of(msg("a/temp", "1", false), msg("b/temp", "1", false), msg("temp/x", "1", false)));
        assertThat(seen.suggest("temp")).containsExactly("temp/x", "b/temp", "a/temp");
        assertThat(seen.suggest("TEMP/X")).isEmpty();
        assertThat(seen.suggest("")).isEmpty();
        List<MessageEvent> flood = new ArrayList<>();
        for (int i = 0; i < SeenTopics.MAX + 100; i++) {
            flood.add(msg("f/" + i, "", false));
        }
        seen.addAll(flood);
        assertThat(seen.suggest("a/temp")).isEmpty();
        assertThat(seen.suggest("f/")).hasSize(15).first().isEqualTo("f/" + (SeenTopics.MAX + 99));
    }
}
