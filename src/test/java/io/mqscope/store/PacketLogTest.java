package io.mqscope.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.tap.PacketEvent;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.Field;
import io.mqscope.wire.Finding;
import io.mqscope.wire.PacketType;
import io.mqscope.wire.Severity;
import io.mqscope.wire.StreamDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacketLogTest {

    static PacketEvent pingreq(int extraFields) {
        List<Field> fields = new java.util.ArrayList<>();
        for (int i = 0; i < extraFields; i++) {
            fields.add(new Field("f" + i, 0, 1, "value"));
        }
        DecodedPacket p = new DecodedPacket(0, 0, new byte[] {(byte) 0xc0, 0}, PacketType.PINGREQ, 0, 0, 4, fields,
                List.of(), null, null);
        return new PacketEvent("r1", 0, Instant.EPOCH, Direction.CLIENT_TO_BROKER, p);
    }

    @Test
    void packet_log_is_bounded_by_bytes_and_weighs_decoded_fields() {
        assertThat(PacketLog.weigh(pingreq(10))).isGreaterThan(PacketLog.weigh(pingreq(0)) + 10 * 90);
        PacketLog log = new PacketLog(100_000);
        for (int i = 0; i < 10_000; i++) {
            log.append(pingreq(3));
        }
        assertThat(log.entries().bytes()).isLessThanOrEqualTo(100_000);
        assertThat(log.entries().evicted()).isPositive();
        assertThat(log.entries().nextSequence()).isEqualTo(10_000);
    }

    @Test
    void packets_export_as_json_lines_with_fields_and_findings() throws Exception {
        DecodedPacket p = new DecodedPacket(0, 0, new byte[] {0x30, 0x03, 0x00, 0x01, 0x61}, PacketType.PUBLISH, 0, 3,
                4, List.of(new Field("topic", 2, 3, "a", List.of(new Field("length", 2, 2, 1)))),
                List.of(new Finding(Severity.WARNING, "payload", 5, 0, "empty payload", "")), null, null);
        PacketLog log = new PacketLog();
        log.append(new PacketEvent("r1", 0, Instant.EPOCH, Direction.BROKER_TO_CLIENT, p));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonLines.export(log, out, false);
        // The one packet form (store.PacketJson) that decode --json and the desktop export write too.
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"time\":\"1970-01-01T00:00:00Z\","
                + "\"connection\":\"r1\",\"direction\":\"broker\",\"index\":0,\"offset\":0,\"length\":5,"
                + "\"type\":\"PUBLISH\",\"flags\":0,\"remaining_length\":3,\"protocol_version\":4,"
                + "\"malformed\":true,\"hex\":\"3003000161\","
                + "\"fields\":[{\"name\":\"topic\",\"offset\":2,\"length\":3,\"value\":\"a\","
                + "\"children\":[{\"name\":\"length\",\"offset\":2,\"length\":2,\"value\":1}]}],"
                + "\"findings\":[{\"severity\":\"warning\",\"field\":\"payload\",\"offset\":5,\"length\":0,"
                + "\"message\":\"empty payload\",\"spec\":\"\"}],\"diagnosis\":null}\n");
    }

    /** Issue 13 item 8: the JSON-lines export hides a CONNECT password unless asked, in its field and its hex. */
    @Test
    void the_export_hides_a_connect_password_unless_secrets_are_shown() throws Exception {
        // CONNECT 3.1.1: client id "c", user "u", password "s3cret".
        String hex = "101800044d51545404c2003c00016300017500067333637265 74".replace(" ", "");
        DecodedPacket p = new StreamDecoder(Direction.CLIENT_TO_BROKER, 4).feed(HexFormat.of().parseHex(hex)).get(0);
        PacketLog log = new PacketLog();
        log.append(new PacketEvent("r1", 0, Instant.EPOCH, Direction.CLIENT_TO_BROKER, p));
        ByteArrayOutputStream hidden = new ByteArrayOutputStream();
        JsonLines.export(log, hidden, false);
        assertThat(hidden.toString(StandardCharsets.UTF_8)).doesNotContain("s3cret").doesNotContain("733363726574")
                .contains("\"hex\":\"" + hex.substring(0, hex.length() - 12) + "************\"")
                .contains("\"name\":\"password\",\"offset\":18,\"length\":8,\"value\":\"***\",\"masked_bytes\":6}");
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        JsonLines.export(log, shown, true);
        assertThat(shown.toString(StandardCharsets.UTF_8)).contains("\"hex\":\"" + hex + "\"")
                .contains("\"value\":\"733363726574\",\"text\":\"s3cret\"");
    }
}
