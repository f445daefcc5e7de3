package io.mqscope.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqscope.payload.HexParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of the reference corpus (copied from ../shared/corpus) decodes as its {@code expect} says. */
class CorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> cases() throws IOException, URISyntaxException {
        Path dir = Path.of(CorpusTest.class.getResource("/corpus").toURI());
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList()
                    .stream();
        }
    }

    @Test
    void the_corpus_is_there() throws Exception {
        assertThat(cases().count()).isGreaterThanOrEqualTo(42);
    }

    static JsonNode load(String name) throws IOException {
        try (InputStream in = CorpusTest.class.getResourceAsStream("/corpus/" + name)) {
            return JSON.readTree(in);
        }
    }

    static byte[] hex(String s) {
        return HexParser.parse(s).value();
    }

    /** Decodes the case the way its bytes arrived: TCP segments, WebSocket message payloads, or all at once. */
    static Result decode(JsonNode c) {
        Direction dir = c.path("direction").asText().startsWith("client") ? Direction.CLIENT_TO_BROKER
                : Direction.BROKER_TO_CLIENT;
        int version = c.path("context").path("protocol_version").asInt(0);
        StreamDecoder d = new StreamDecoder(dir, version).expectConnectionStart(false);
        List<DecodedPacket> out = new ArrayList<>();
        JsonNode chunks = c.has("ws_frames") ? c.get("ws_frames") : c.get("segments");
        if (chunks != null) {
            for (JsonNode chunk : chunks) {
                byte[] b = hex(chunk.asText());
                d.feed(b, 0, b.length, out::add);
            }
        } else {
            byte[] b = hex(c.get("hex").asText());
            d.feed(b, 0, b.length, out::add);
        }
        d.finish(out::add);
        return new Result(out, d.streamFindings());
    }

    record Result(List<DecodedPacket> packets, List<Finding> stream) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodes_as_expected(String name) throws IOException {
        JsonNode c = load(name);
        JsonNode expect = c.get("expect");
        Result r = decode(c);
        assertThat(r.packets()).as("packets").isNotEmpty();
        DecodedPacket first = r.packets().get(0);
        assertThat(first.type().name()).isEqualTo(expect.get("packet_type").asText());
        assertThat(first.malformed()).as("malformed; findings %s", first.findings())
                .isEqualTo(expect.get("malformed").asBoolean());
        if (expect.has("severity")) {
            assertThat(first.findings().get(0).severity().jsonName()).isEqualTo(expect.get("severity").asText());
        }
        if (expect.has("error")) {
            assertThat(first.findings().get(0).field()).as("blamed field; findings %s", first.findings())
                    .isEqualTo(expect.get("error").get("field").asText());
        }
        if (expect.has("errors")) {
            for (JsonNode e : expect.get("errors")) {
                assertThat(first.findings()).extracting(Finding::field).contains(e.get("field").asText());
            }
        }
        if (expect.has("diagnosis")) {
            assertThat(first.diagnosis()).contains("PR #1506").contains("valid CONNECT");
            JsonNode fixed = load(expect.get("repaired_hex_ref").asText() + ".json");
            assertThat(first.repaired()).isEqualTo(hex(fixed.get("hex").asText()));
        }
        if (expect.has("packets")) {
            assertThat(r.packets()).hasSize(expect.get("packets").size());
            for (int i = 0; i < r.packets().size(); i++) {
                JsonNode e = expect.get("packets").get(i);
                assertThat(r.packets().get(i).type().name()).isEqualTo(e.get("packet_type").asText());
                assertThat(r.packets().get(i).malformed()).isEqualTo(e.get("malformed").asBoolean());
            }
        } else if (!expect.get("malformed").asBoolean()) {
            assertThat(r.packets()).as("one packet").hasSize(1);
            assertThat(r.stream()).isEmpty();
            assertThat(first.length()).isEqualTo(c.get("length").asInt());
        }
        if (expect.has("fields")) {
            checkFields(first, expect.get("fields"));
        }
    }

    /** Compares the expected values with the decoded fields, flattened by name (first occurrence wins). */
    private static void checkFields(DecodedPacket p, JsonNode want) {
        Map<String, Field> byName = new HashMap<>();
        flatten(p.fields(), byName);
        Iterator<Map.Entry<String, JsonNode>> it = want.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode v = e.getValue();
            switch (key) {
                case "ws_messages", "properties_length" -> {
                    continue;
                }
                case "payload_length" -> {
                    assertThat(byName.get("payload").length()).isEqualTo(v.asInt());
                    continue;
                }
                case "remaining_length_bytes" -> {
                    Field rl = byName.get("remaining_length");
                    assertThat(HexDump.hex(p.raw(), rl.offset(), rl.length())).isEqualTo(v.asText().replace(" ", ""));
                    continue;
                }
                case "subscriptions" -> {
                    List<String> filters = values(p, "topic_filter");
                    for (int i = 0; i < v.size(); i++) {
                        assertThat(filters.get(i)).isEqualTo(v.get(i).get("filter").asText());
                    }
                    assertThat(values(p, "requested_qos")).hasSize(v.size());
                    continue;
                }
                case "filters" -> {
                    assertThat(values(p, "topic_filter")).hasSize(v.size());
                    continue;
                }
                case "properties" -> {
                    Field props = byName.get("properties");
                    assertThat(props).isNotNull();
                    Map<String, Object> got = new HashMap<>();
                    for (Field f : props.children()) {
                        got.putIfAbsent(f.name(), f.value());
                    }
                    Iterator<Map.Entry<String, JsonNode>> pi = v.fields();
                    while (pi.hasNext()) {
                        Map.Entry<String, JsonNode> pe = pi.next();
                        String pk = pe.getKey().equals("user_properties") ? "user_property" : pe.getKey();
                        assertThat(got).containsKey(pk);
                        if (pe.getValue().isNumber()) {
                            assertThat(((Number) got.get(pk)).longValue()).isEqualTo(pe.getValue().asLong());
                        }
                    }
                    continue;
                }
                default -> {
                }
            }
            String name = key.endsWith("_hex") ? key.substring(0, key.length() - 4)
                    : key.equals("payload_text") ? "payload" : key;
            if (v.isNull()) {
                assertThat(byName).as(key).doesNotContainKey(name);
                continue;
            }
            Field f = byName.get(name);
            assertThat(f).as("field %s in %s", name, byName.keySet()).isNotNull();
            Object got = f.value();
            if (v.isBoolean()) {
                assertThat(got).as(key).isEqualTo(v.asBoolean());
            } else if (v.isNumber()) {
                assertThat(((Number) got).longValue()).as(key).isEqualTo(v.asLong());
            } else if (v.isArray()) {
                List<Object> list = new ArrayList<>();
                v.forEach(x -> list.add(x.asInt()));
                assertThat(got).as(key).isEqualTo(list);
            } else if (key.endsWith("_hex")) {
                assertThat(got).as(key).isEqualTo(v.asText());
            } else if (isBinary(name)) {
                byte[] text = v.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                assertThat(got).as(key).isEqualTo(HexDump.hex(text, ""));
            } else {
                assertThat(got).as(key).isEqualTo(v.asText());
            }
        }
    }

    private static boolean isBinary(String name) {
        return name.equals("payload") || name.equals("password") || name.equals("will_payload");
    }

    private static List<String> values(DecodedPacket p, String name) {
        List<String> out = new ArrayList<>();
        for (Field f : p.fields()) {
            if (f.name().equals(name)) {
                out.add(String.valueOf(f.value()));
            }
        }
        return out;
    }

    private static void flatten(List<Field> fields, Map<String, Field> into) {
        for (Field f : fields) {
            into.putIfAbsent(f.name(), f);
            if (!f.name().equals("properties")) {
                flatten(f.children(), into);
            }
        }
    }
}
