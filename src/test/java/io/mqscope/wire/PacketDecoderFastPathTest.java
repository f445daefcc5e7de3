package io.mqscope.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The QoS 0 PUBLISH fast path ({@link QosZeroPublish}) is exactly as strict as the full decoder: every frame of
 * every corpus in src/test/resources, and generated PUBLISH packets at each edge the fast path decides on, decode to
 * the same packets (bytes, type, flags, Remaining Length, version, fields, findings, diagnosis, repair) and the same
 * stream findings with the fast path on and off.
 */
class PacketDecoderFastPathTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int[] VERSIONS = {0, 3, 4, 5};

    @Test
    void every_case_of_the_reference_corpus_decodes_the_same_on_both_paths() throws Exception {
        int frames = 0;
        for (String name : CorpusTest.cases().toList()) {
            JsonNode c = CorpusTest.load(name);
            Direction dir = c.path("direction").asText().startsWith("client") ? Direction.CLIENT_TO_BROKER
                    : Direction.BROKER_TO_CLIENT;
            int version = c.path("context").path("protocol_version").asInt(0);
            List<byte[]> chunks = new ArrayList<>();
            JsonNode parts = c.has("ws_frames") ? c.get("ws_frames") : c.get("segments");
            if (parts != null) {
                parts.forEach(p -> chunks.add(CorpusTest.hex(p.asText())));
            } else {
                chunks.add(CorpusTest.hex(c.get("hex").asText()));
            }
            for (int v : new int[] {version, 0}) {
                assertSamePackets(name + " v" + v, dir, v, chunks);
                frames++;
            }
        }
        assertThat(frames).isGreaterThanOrEqualTo(84);
    }

    @Test
    void every_frame_of_the_wire_audit_decodes_the_same_on_both_paths() throws IOException {
        int frames = 0;
        try (InputStream in = getClass().getResourceAsStream("/corpus/audit/audit-wire.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode c = JSON.readTree(line);
                Direction dir = c.path("from").asText().equals("client") ? Direction.CLIENT_TO_BROKER
                        : Direction.BROKER_TO_CLIENT;
                byte[] b = CorpusTest.hex(c.get("hex").asText());
                for (int v : VERSIONS) {
                    assertSamePackets(c.get("id").asText() + " v" + v, dir, v, List.of(b));
                }
                frames++;
            }
        }
        assertThat(frames).isGreaterThan(600);
    }

    @Test
    void publish_packets_at_every_edge_of_the_fast_path_decode_the_same_on_both_paths() {
        List<byte[]> packets = new ArrayList<>();
        // every byte value as a one-byte topic, and inside a longer one
        for (int c = 0; c < 256; c++) {
            packets.add(publish(0x30, new byte[] {(byte) c}, "x"));
            packets.add(publish(0x31, new byte[] {'a', '/', (byte) c, '/', 'b'}, "payload"));
        }
        // every first byte of a PUBLISH: QoS 0, 1, 2, 3, DUP, RETAIN
        for (int first = 0x30; first <= 0x3f; first++) {
            packets.add(publish(first, "s/t".getBytes(StandardCharsets.US_ASCII), "hello"));
        }
        packets.add(publish(0x30, new byte[0], "empty topic"));
        packets.add(publish(0x30, "$SYS/x".getBytes(StandardCharsets.US_ASCII), "dollar"));
        packets.add(publish(0x30, "caf\u00e9/\u6e29\u5ea6".getBytes(StandardCharsets.UTF_8), "non-ASCII topic"));
        packets.add(publish(0x30, "a".repeat(200).getBytes(StandardCharsets.US_ASCII), "x".repeat(300)));
        packets.add(HexFormat.of().parseHex("3003000161")); // topic "a", no payload
        packets.add(HexFormat.of().parseHex("3002000161")); // topic length overruns the packet
        packets.add(HexFormat.of().parseHex("30020001")); // topic length, no topic
        packets.add(HexFormat.of().parseHex("300100")); // half a topic length
        packets.add(HexFormat.of().parseHex("3000")); // nothing
        packets.add(HexFormat.of().parseHex("30800500016168")); // Remaining Length padded to 2 bytes
        packets.add(HexFormat.of().parseHex("30050001616800")); // MQTT 5: property length 0 looks like payload
        packets.add(HexFormat.of().parseHex("300600016100ff")); // MQTT 5 reading: property length 0, payload ff
        for (int v : VERSIONS) {
            for (Direction d : Direction.values()) {
                for (byte[] p : packets) {
                    assertSamePackets(HexFormat.of().formatHex(p) + " v" + v + " " + d, d, v, List.of(p));
                }
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                packets.forEach(all::writeBytes);
                byte[] stream = all.toByteArray();
                for (int chunk : new int[] {1, 7, 1460, stream.length}) {
                    List<byte[]> chunks = new ArrayList<>();
                    for (int i = 0; i < stream.length; i += chunk) {
                        chunks.add(java.util.Arrays.copyOfRange(stream, i, Math.min(stream.length, i + chunk)));
                    }
                    assertSamePackets("all, chunks of " + chunk + " v" + v + " " + d, d, v, chunks);
                }
            }
        }
    }

    @Test
    void a_fast_path_packet_decodes_its_fields_when_read() {
        byte[] p = publish(0x31, "sensors/t".getBytes(StandardCharsets.US_ASCII), "21.5");
        DecodedPacket fast = new StreamDecoder(Direction.BROKER_TO_CLIENT, 4).expectConnectionStart(false)
                .feed(p).get(0);

        assertThat(fast.fields()).isNotInstanceOf(FieldList.class); // the fast path took it
        assertThat(fast.findings()).isEmpty();
        assertThat(fast.fields()).extracting(Field::name).containsExactly("packet_type", "header_flags",
                "remaining_length", "topic", "payload");
        assertThat(fast.fields().get(3).value()).isEqualTo("sensors/t");
        assertThat(fast.fields().get(4).value()).isEqualTo(HexFormat.of().formatHex("21.5".getBytes(
                StandardCharsets.US_ASCII)));
    }

    private static byte[] publish(int first, byte[] topic, String payload) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        int rl = 2 + topic.length + body.length + ((first >> 1 & 3) > 0 ? 2 : 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(first);
        out.writeBytes(VariableByteInteger.encode(rl));
        out.write(topic.length >> 8);
        out.write(topic.length & 0xff);
        out.writeBytes(topic);
        if ((first >> 1 & 3) > 0) {
            out.write(0);
            out.write(7);
        }
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static void assertSamePackets(String what, Direction dir, int version, List<byte[]> chunks) {
        assertThat(decode(dir, version, chunks, true)).as(what).isEqualTo(decode(dir, version, chunks, false));
    }

    /**
     * Everything a packet and the stream say, as text: its one-line summary, byte arrays by content, fields as read
     * (hex rendered).
     */
    private static List<String> decode(Direction dir, int version, List<byte[]> chunks, boolean fast) {
        StreamDecoder d = new StreamDecoder(dir, version).expectConnectionStart(false);
        if (!fast) {
            d.withoutFastPath();
        }
        List<String> out = new ArrayList<>();
        // the summary first: on the fast path it is said from the bytes, before anything reads the fields
        java.util.function.Consumer<DecodedPacket> sink = p -> out.add(Summary.of(p) + " " + p.index() + " "
                + p.offset() + " "
                + HexFormat.of().formatHex(p.raw()) + " " + p.type() + " " + p.flags() + " " + p.remainingLength()
                + " v" + p.protocolVersion() + " fields=" + List.copyOf(p.fields()) + " findings=" + p.findings()
                + " cause=" + p.diagnosis() + " repaired="
                + (p.repaired() == null ? null : HexFormat.of().formatHex(p.repaired())) + " malformed="
                + p.malformed() + " errors=" + p.hasErrors());
        for (byte[] c : chunks) {
            d.feed(c, 0, c.length, sink);
        }
        d.finish(sink);
        out.add("stream findings " + d.streamFindings() + " version " + d.protocolVersion());
        return out;
    }
}
