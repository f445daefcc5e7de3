package io.mqscope.ui.packets;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.ui.I18n;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.PacketDecoder;
import io.mqscope.wire.Summary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The id an MQTT 5 broker assigned to a CONNECT with an empty one (5.0 §3.2.2.3.7) is named in both summaries. */
class AssignedClientIdSummaryTest {
    /** mosquitto 2.0.11's CONNACK to an empty client id (corpus ok-connack-50-assigned-client-id). */
    static final DecodedPacket CONNACK = PacketDecoder.decode(java.util.HexFormat.of().parseHex(String.join("",
            "2035000032", "22000a", "120029", "6175746f2d44423933373843322d394343332d454134442d384130442d44443143",
            "41334430464546 37".replace(" ", ""), "210014")), 5, Direction.BROKER_TO_CLIENT);
    static final String ID = "auto-DB9378C2-9CC3-EA4D-8A0D-DD1CA3D0FEF7";

    @AfterEach
    void english() {
        I18n.setLocale(I18n.ENGLISH);
    }

    @Test
    void the_command_line_summary_names_the_assigned_id() {
        assertThat(Summary.of(CONNACK)).isEqualTo("CONNACK: Success, assigned clientId \"" + ID + "\"");
    }

    @Test
    void the_packet_list_names_it_in_english_and_chinese() {
        assertThat(PacketSummary.of(CONNACK)).contains("assigned clientId \"" + ID + "\"");
        I18n.setLocale(I18n.CHINESE);
        assertThat(PacketSummary.of(CONNACK)).contains("Broker 分配的客户端 ID \"" + ID + "\"");
    }
}
