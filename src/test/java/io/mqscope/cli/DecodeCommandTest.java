package io.mqscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code mqscope decode} run in-process through the real command line. */
class DecodeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEED = "10 1a 00 00 00 00 04 4d 51 54 54 04 c2 00 3c 00 0a"
            + " 63 6e 2e 6c 6f 6b 65 69 2d 31 00 00 00 00";
    private static final String CONNECT = "10 16 00 04 4d 51 54 54 04 02 00 3c 00 0a 63 6e 2e 6c 6f 6b 65 69 2d 31";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void well_formed_hex_exits_0_with_a_readable_report() {
        assertThat(run("decode", "--hex", CONNECT)).isEqualTo(0);
        assertThat(out.toString()).contains("#0 CONNECT").contains("client_id = \"cn.lokei-1\"")
                .contains("00000000  10 16 00 04").contains("OK: 1 packet");
    }

    @Test
    void hex_in_wireshark_and_c_forms_is_accepted() {
        assertThat(run("decode", "--hex", "0xc0,0x00")).isEqualTo(0);
        assertThat(run("decode", "--hex", "c0:00\n")).isEqualTo(0);
    }

    @Test
    void the_seed_bug_exits_1_and_names_the_root_cause() throws Exception {
        assertThat(run("decode", "--hex", SEED, "--json")).isEqualTo(1);
        JsonNode j = JSON.readTree(out.toString());
        JsonNode p = j.get("packets").get(0);
        assertThat(p.get("type").asText()).isEqualTo("CONNECT");
        assertThat(p.get("malformed").asBoolean()).isTrue();
        assertThat(p.get("remaining_length").asInt()).isEqualTo(26);
        assertThat(p.get("findings").get(0).get("field").asText()).isEqualTo("remaining_length");
        assertThat(p.get("findings").get(0).get("message").asText()).contains("declares 26 but 29 bytes present");
        assertThat(p.get("findings").get(0).get("spec").asText()).contains("§2.2.3");
        assertThat(p.get("diagnosis").asText()).contains("PR #1506");
        assertThat(p.get("repaired").asText()).isEqualTo(
                "101a00044d5154540402c2003c000a636e2e6c6f6b65692d3100000000".replace("0402c2", "04c2"));
        assertThat(j.get("error").get("field").asText()).isEqualTo("remaining_length");
        assertThat(j.get("findings").isArray()).isTrue();
        JsonNode f = p.get("fields").get(0);
        assertThat(f.has("name") && f.has("offset") && f.has("length") && f.has("value")).isTrue();
    }

    @Test
    void the_json_shape_has_the_documented_keys() throws Exception {
        run("decode", "--hex", "82 08 00 01 00 03 61 2f 62 01", "--json");
        JsonNode p = JSON.readTree(out.toString()).get("packets").get(0);
        for (String k : new String[] {"index", "offset", "length", "type", "flags", "remaining_length", "malformed",
            "fields", "findings", "diagnosis"}) {
            assertThat(p.has(k)).as(k).isTrue();
        }
        assertThat(p.get("type").asText()).isEqualTo("SUBSCRIBE");
        assertThat(p.get("flags").asInt()).isEqualTo(2);
    }

    @Test
    void warnings_alone_exit_0() throws Exception {
        assertThat(run("decode", "--json", "--hex",
                "30 94 00 00 07 6b 69 74 2f 62 69 6e 00 01 02 ff fe 80 7f 1a 00 00 00")).isEqualTo(0);
        JsonNode j = JSON.readTree(out.toString());
        assertThat(j.get("severity").asText()).isEqualTo("warning");
        assertThat(j.get("packets").get(0).get("malformed").asBoolean()).isTrue();
    }

    @Test
    void bad_hex_is_a_usage_error_naming_character_and_position() {
        assertThat(run("decode", "--hex", "10 1g")).isEqualTo(2);
        assertThat(err.toString()).contains("'g'").contains("position 5");
    }

    @Test
    void no_input_and_bad_options_exit_2() {
        assertThat(run("decode")).isEqualTo(2);
        assertThat(run("decode", "--hex", "c000", "--version", "7")).isEqualTo(2);
        assertThat(run("decode", "--hex", "c000", "--from", "server-ish")).isEqualTo(2);
    }

    @Test
    void from_broker_changes_what_is_legal() {
        assertThat(run("decode", "--hex", "20 02 00 00", "--from", "broker")).isEqualTo(0);
        assertThat(run("decode", "--hex", "20 02 00 00")).isEqualTo(1);
        assertThat(out.toString()).contains("CONNACK is sent only by the broker");
    }

    @Test
    void version_option_selects_mqtt5() throws Exception {
        assertThat(run("decode", "--json", "--from", "broker", "--version", "5", "--hex",
                "20 09 00 00 06 22 00 0a 21 00 14")).isEqualTo(0);
        JsonNode p = JSON.readTree(out.toString()).get("packets").get(0);
        assertThat(p.get("protocol_version").asInt()).isEqualTo(5);
        assertThat(p.toString()).contains("topic_alias_maximum").contains("receive_maximum");
    }

    @Test
    void file_reads_raw_bytes(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("frame.bin");
        Files.write(f, new byte[] {(byte) 0xc0, 0x00});
        assertThat(run("decode", "--file", f.toString(), "--json")).isEqualTo(0);
        assertThat(JSON.readTree(out.toString()).get("packets").get(0).get("type").asText()).isEqualTo("PINGREQ");
    }

    @Test
    void batch_gives_one_line_per_input_and_survives_bad_lines(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("in.jsonl");
        Files.writeString(f, String.join("\n",
                "{\"id\":\"seed\",\"hex\":\"" + SEED + "\",\"from\":\"client\",\"version\":4}",
                "{\"id\":\"ok\",\"hex\":\"" + CONNECT + "\",\"from\":\"client\"}",
                "{\"id\":\"badhex\",\"hex\":\"0q\"}",
                "this is not json",
                "",
                "{\"id\":7,\"hex\":\"40 02 00 01\",\"from\":\"broker\",\"version\":4}") + "\n");
        int code = run("decode", "--batch", f.toString());
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(5);
        JsonNode seed = JSON.readTree(lines[0]);
        assertThat(seed.get("id").asText()).isEqualTo("seed");
        assertThat(seed.get("packets").get(0).get("findings").get(0).get("field").asText())
                .isEqualTo("remaining_length");
        JsonNode ok = JSON.readTree(lines[1]);
        assertThat(ok.get("malformed").asBoolean()).isFalse();
        assertThat(JSON.readTree(lines[2]).get("error").asText()).contains("'q'");
        assertThat(JSON.readTree(lines[3]).get("error").asText()).contains("line 4");
        JsonNode puback = JSON.readTree(lines[4]);
        assertThat(puback.get("id").asInt()).isEqualTo(7);
        assertThat(puback.get("packet_type").asText()).isEqualTo("PUBACK");
        assertThat(code).isEqualTo(1);
    }

    @Test
    void batch_without_error_findings_exits_0(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("in.jsonl");
        Files.writeString(f, "{\"id\":\"ok\",\"hex\":\"" + CONNECT + "\",\"from\":\"client\"}\n"
                + "{\"id\":\"ping\",\"hex\":\"c0 00\"}\n");
        assertThat(run("decode", "--batch", f.toString())).isEqualTo(0);
        assertThat(out.toString().split("\n")).hasSize(2);
    }

    @Test
    void an_unreadable_input_file_says_why_in_words(@TempDir Path dir) {
        assertThat(run("decode", "--file", dir.resolve("missing.bin").toString())).isEqualTo(2);
        assertThat(run("decode", "--batch", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read --file " + dir.resolve("missing.bin") + ": no such file")
                .contains("cannot read --batch " + dir).doesNotContain("Exception");
    }

    @Test
    void batch_of_a_missing_file_exits_2() {
        assertThat(run("decode", "--batch", "/nonexistent/in.jsonl")).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read");
    }

    @Test
    void dash_reads_hex_from_standard_input() {
        java.io.InputStream saved = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("0xd0 0x00\n".getBytes()));
            assertThat(run("decode", "-", "--from", "broker")).isEqualTo(0);
            assertThat(out.toString()).contains("#0 PINGRESP");
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void hex_file_reads_hex_text(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("frame.txt");
        Files.writeString(f, "30 07 00 03 61 2f 62\n68 69\n");
        assertThat(run("decode", "--hex-file", f.toString())).isEqualTo(0);
        assertThat(out.toString()).contains("topic = \"a/b\"").contains("(\"hi\")");
    }

    @Test
    void bad_hex_in_a_file_names_line_and_column(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("frame.txt");
        Files.writeString(f, "30 07\n00 0x\n");
        assertThat(run("decode", "--hex-file", f.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("line 2");
    }

    @Test
    void report_shows_findings_with_spec_and_diagnosis() {
        assertThat(run("decode", "--hex", SEED)).isEqualTo(1);
        assertThat(out.toString()).contains("ERROR   remaining_length @1+1").contains("[3.1.1 §2.2.3]")
                .contains("diagnosis: Remaining Length written as 4 bytes").contains("repaired:  10 1a 00 04");
    }

    @Test
    void two_inputs_at_once_are_a_usage_error() {
        assertThat(run("decode", "--hex", "c000", "--file", "x.bin")).isEqualTo(2);
    }

    @Test
    void batch_accepts_corpus_style_keys_and_diagnoses_empty_hex(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("in.jsonl");
        Files.writeString(f, "{\"id\":\"a\",\"hex\":\"20 02 00 00\",\"direction\":\"client->broker\","
                + "\"protocol_version\":4}\n{\"id\":\"b\",\"hex\":\"  \"}\n");
        run("decode", "--batch", f.toString());
        String[] lines = out.toString().split("\n");
        assertThat(JSON.readTree(lines[0]).get("error").get("field").asText()).isEqualTo("packet_type");
        // Empty input is a diagnosis like any other (no packet, malformed, blamed on the missing packet type).
        JsonNode empty = JSON.readTree(lines[1]);
        assertThat(empty.get("packet_type").isNull()).isTrue();
        assertThat(empty.get("malformed").asBoolean()).isTrue();
        assertThat(empty.get("severity").asText()).isEqualTo("error");
        assertThat(empty.get("error").get("field").asText()).isEqualTo("packet_type");
        assertThat(empty.get("error").get("detail").asText()).contains("no bytes");
    }

    @Test
    void audit_cases_give_the_expected_type_verdict_severity_and_field() throws Exception {
        // Frames written from the specifications during the wire audit (src/test/resources/corpus/audit).
        java.util.List<String> wrong = new java.util.ArrayList<>();
        int n = 0;
        try (var in = DecodeCommandTest.class.getResourceAsStream("/corpus/audit/audit-wire.jsonl");
                var r = new java.io.BufferedReader(new java.io.InputStreamReader(in,
                        java.nio.charset.StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode c = JSON.readTree(line);
                JsonNode e = c.get("expect");
                JsonNode got = JSON.readTree(DecodeBatch.line(line, ++n, false).json());
                String want = e.get("packet_type").asText() + " " + e.get("malformed").asBoolean() + " "
                        + e.get("severity").asText() + " " + e.get("field").asText();
                String have = got.get("packet_type").asText() + " " + got.get("malformed").asBoolean() + " "
                        + got.get("severity").asText() + " " + got.path("error").path("field").asText("null");
                if (!want.equals(have)) {
                    wrong.add(c.get("id").asText() + ": want " + want + ", got " + have);
                }
            }
        }
        assertThat(n).isGreaterThan(600);
        assertThat(wrong).isEmpty();
    }
}
