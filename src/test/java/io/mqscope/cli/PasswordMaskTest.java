package io.mqscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqscope.testing.Mosquitto;
import io.mqscope.testing.MqttBytes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 13 item 8: {@code decode} and {@code sub --packets} (text, JSON, {@code --pcap}) print a CONNECT password
 * as {@code *** (n bytes)} and its bytes as {@code **} unless {@code --show-secrets}; against mosquitto's
 * password listener for {@code sub}.
 */
@ExtendWith(Mosquitto.class)
class PasswordMaskTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PW = Mosquitto.PASSWORD;
    private static final String PW_HEX = HexFormat.of().formatHex(PW.getBytes(StandardCharsets.UTF_8));
    /** A 7-character client id puts the 9 password bytes at offsets 32..40: one dump line (8 + 1 after the gap). */
    private static final String CONNECT = HexFormat.of().formatHex(MqttBytes.connect(4, "mask-01", "mqscope", PW));

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private static String spaced(String hex) {
        return String.join(" ", hex.split("(?<=\\G..)"));
    }

    @Test
    void decode_text_hides_the_password_unless_show_secrets() {
        assertThat(run("decode", "--hex", CONNECT)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("password = *** (9 bytes)").contains("** ".repeat(8) + " **")
                .contains("*********").doesNotContain(PW).doesNotContain(PW_HEX)
                .doesNotContain(spaced(PW_HEX.substring(0, 16)));
        out.getBuffer().setLength(0);
        assertThat(run("decode", "--show-secrets", "--hex", CONNECT)).isZero();
        assertThat(out.toString()).contains(PW).contains(PW_HEX).contains(spaced(PW_HEX.substring(0, 16)))
                .doesNotContain("***");
    }

    @Test
    void decode_json_hides_the_password_unless_show_secrets() throws Exception {
        assertThat(run("decode", "--json", "--hex", CONNECT)).as(err.toString()).isZero();
        assertThat(out.toString()).doesNotContain(PW).doesNotContain(PW_HEX);
        JsonNode packet = JSON.readTree(out.toString()).get("packets").get(0);
        assertThat(packet.get("hex").asText()).endsWith("**".repeat(PW.length()));
        JsonNode pw = password(packet);
        assertThat(pw.get("value").asText()).isEqualTo("***");
        assertThat(pw.get("masked_bytes").asInt()).isEqualTo(PW.length());
        out.getBuffer().setLength(0);
        assertThat(run("decode", "--json", "--show-secrets", "--hex", CONNECT)).isZero();
        packet = JSON.readTree(out.toString()).get("packets").get(0);
        assertThat(packet.get("hex").asText()).isEqualTo(CONNECT);
        assertThat(password(packet).get("text").asText()).isEqualTo(PW);
    }

    @Test
    void decode_batch_hides_the_password_too() {
        String line = "{\"id\":1,\"hex\":\"" + CONNECT + "\"}";
        assertThat(DecodeBatch.line(line, 1, false).json()).doesNotContain(PW_HEX).doesNotContain(PW)
                .contains("***");
        assertThat(DecodeBatch.line(line, 1, true).json()).contains(PW_HEX).contains(PW);
    }

    private static JsonNode password(JsonNode packet) {
        for (JsonNode f : packet.get("fields")) {
            if ("password".equals(f.get("name").asText())) {
                return f;
            }
        }
        throw new AssertionError("no password field in " + packet);
    }

    /** Runs {@code sub} on mosquitto's password listener for a second; returns what it printed. */
    private String sub(Mosquitto m, String... extra) {
        out.getBuffer().setLength(0);
        List<String> args = new ArrayList<>(List.of("sub", "--url", "mqtt://127.0.0.1:" + m.authPort, "-u",
                Mosquitto.USERNAME, "-P", PW, "-t", "mask/#", "-W", "1", "--packets"));
        args.addAll(Arrays.asList(extra));
        assertThat(run(args.toArray(String[]::new))).as(err.toString()).isZero();
        assertThat(out.toString()).contains("CONNECT");
        return out.toString();
    }

    @Test
    void sub_packets_text_hides_the_password_unless_show_secrets(Mosquitto m) {
        String hidden = sub(m);
        // The hex block wraps every 16 bytes: compare without the line breaks and indents.
        assertThat(hidden.replaceAll("\\s", "")).doesNotContain(PW_HEX).contains("**".repeat(PW.length()));
        assertThat(hidden).contains("password = *** (9 bytes)").doesNotContain(PW);
        String shown = sub(m, "--show-secrets");
        assertThat(shown.replaceAll("\\s", "")).contains(PW_HEX).doesNotContain("***");
    }

    @Test
    void sub_packets_json_hides_the_password_unless_show_secrets(Mosquitto m) {
        String hidden = sub(m, "--json");
        assertThat(hidden).doesNotContain(PW_HEX).doesNotContain(PW).contains("\"masked_bytes\":9")
                .contains("**".repeat(PW.length()));
        String shown = sub(m, "--json", "--show-secrets");
        assertThat(shown).contains(PW_HEX).contains("\"text\":\"" + PW + "\"");
    }

    @Test
    void sub_pcap_writes_the_password_as_stars_unless_show_secrets(Mosquitto m, @TempDir Path dir)
            throws Exception {
        Path hidden = dir.resolve("hidden.pcapng");
        sub(m, "--pcap", hidden.toString());
        String bytes = new String(Files.readAllBytes(hidden), StandardCharsets.ISO_8859_1);
        assertThat(bytes).doesNotContain(PW).contains("*".repeat(PW.length())).contains("password masked");
        Path shown = dir.resolve("shown.pcapng");
        sub(m, "--pcap", shown.toString(), "--show-secrets");
        assertThat(new String(Files.readAllBytes(shown), StandardCharsets.ISO_8859_1)).contains(PW);
    }
}
