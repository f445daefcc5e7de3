package io.mqscope.ui.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.Profile.UserProperty;
import io.mqscope.session.MessageEvent;
import io.mqscope.session.MessageProperties;
import io.mqscope.ui.I18n;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A message's row is formatted once: text or hex preview, flags, size and the viewer's description. */
class MessageRowTest {

    static MessageEvent event(byte[] payload, boolean outgoing, boolean retain, boolean dup, MessageProperties p) {
        return new MessageEvent("c", 0, Instant.parse("2026-01-01T00:00:00Z"), outgoing, "a/b", 1, retain, dup,
                payload, p);
    }

    @Test
    void text_payloads_preview_as_one_line_of_text() {
        byte[] p = "line one\nline\ttwo".getBytes(StandardCharsets.UTF_8);
        MessageRow r = MessageRow.of(event(p, false, true, true, MessageProperties.NONE));
        assertThat(r.bubbleBody()).isEqualTo("line one line two");
        assertThat(r.preview()).isEqualTo("line one line two");
        // the table always shows text; a control character shows as a dot, and such a payload is hex in the bubble
        MessageRow control = MessageRow.of(event(new byte[] {'a', 1}, false, false, false, null));
        assertThat(control.preview()).isEqualTo("a·");
        assertThat(control.bubbleBody()).isEqualTo("61 01");
        assertThat(r.flags()).isEqualTo("R D");
        assertThat(r.arrow()).isEqualTo("←");
        assertThat(r.size()).isEqualTo(Integer.toString(p.length));
        assertThat(r.bubbleFoot()).isEqualTo(r.time() + "  QoS 1  R D  " + I18n.t("messages.bytes", p.length));
    }

    @Test
    void binary_payloads_preview_as_hex_and_long_ones_are_cut() {
        byte[] p = new byte[100];
        Arrays.fill(p, (byte) 0xff);
        MessageRow r = MessageRow.of(event(p, true, false, false, MessageProperties.NONE));
        assertThat(r.arrow()).isEqualTo("→");
        assertThat(r.flags()).isEmpty();
        assertThat(r.bubbleBody()).startsWith("ff ff ff").endsWith(" …");
        assertThat(r.bubbleBody().split(" ")).hasSize(MessageRow.BUBBLE_HEX_BYTES + 1);
        byte[] longText = "x".repeat(500).getBytes(StandardCharsets.UTF_8);
        assertThat(MessageRow.of(event(longText, false, false, false, null)).preview())
                .hasSize(MessageRow.TABLE_PREVIEW + 1).endsWith("…");
    }

    @Test
    void the_description_names_direction_size_and_mqtt5_properties() {
        MessageProperties props = new MessageProperties(true, 60L, null, "reply/to", new byte[] {1, 2},
                "application/json", List.of(new UserProperty("k", "v")), List.of(7));
        MessageRow r = MessageRow.of(event(new byte[3], false, true, false, props));
        assertThat(r.description()).startsWith(I18n.t("messages.incoming") + "  a/b  QoS 1  "
                + I18n.t("messages.retained") + "  " + I18n.t("messages.bytes", 3))
                .contains("\ncontent-type: application/json", "\npayload-format: utf-8", "\nmessage-expiry: 60 s",
                        "\nresponse-topic: reply/to", "\nsubscription-identifiers: [7]", "\nuser-property: k = v")
                .contains("\ncorrelation-data: 01 02");
    }
}
