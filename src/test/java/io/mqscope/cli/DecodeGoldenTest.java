package io.mqscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Refactoring guard: the output of {@code decode} (text and JSON, one run per corpus case) and of
 * {@code decode --batch} over every corpus in src/test/resources stays byte-for-byte what was saved in
 * src/test/resources/golden. A deliberate change of output is recorded by running this test with
 * {@code -Dgolden.write=true} (see README, "Golden decode outputs") and committing the diff.
 */
class DecodeGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SOURCE_GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean WRITE = Boolean.getBoolean("golden.write");

    private record Run(int code, String out, String err) {
        String render() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static List<Path> corpusCases() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/corpus"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    /** The arguments the shared corpus README gives for one case: its hex, direction and version. */
    private static List<String> args(JsonNode c) {
        List<String> a = new ArrayList<>(List.of("decode", "--hex", c.get("hex").asText(), "--from",
                c.path("direction").asText().startsWith("client") ? "client" : "broker"));
        int v = c.path("context").path("protocol_version").asInt(0);
        if (v != 0) {
            a.add("--version");
            a.add(Integer.toString(v));
        }
        return a;
    }

    private static void compare(String name, String actual, List<String> mismatches) {
        Path golden = SOURCE_GOLDEN.resolve(name);
        try {
            if (WRITE) {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
                return;
            }
            String want = Files.readString(golden, StandardCharsets.UTF_8);
            if (!want.equals(actual)) {
                mismatches.add(name + firstDifference(want, actual));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstDifference(String want, String got) {
        String[] w = want.split("\n", -1);
        String[] g = got.split("\n", -1);
        for (int i = 0; i < Math.max(w.length, g.length); i++) {
            String a = i < w.length ? w[i] : "<none>";
            String b = i < g.length ? g[i] : "<none>";
            if (!a.equals(b)) {
                return " line " + (i + 1) + "\n  want: " + a + "\n  got:  " + b;
            }
        }
        return "";
    }

    @Test
    void every_corpus_case_decodes_as_saved_in_text_and_json() throws IOException {
        List<String> mismatches = new ArrayList<>();
        List<Path> cases = corpusCases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(42);
        for (Path p : cases) {
            JsonNode c = JSON.readTree(p.toFile());
            String base = p.getFileName().toString().replaceFirst("\\.json$", "");
            List<String> a = args(c);
            compare("corpus/" + base + ".txt", run(a.toArray(String[]::new)).render(), mismatches);
            a.add("--json");
            compare("corpus/" + base + ".json.txt", run(a.toArray(String[]::new)).render(), mismatches);
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void batch_over_every_corpus_gives_the_saved_lines(@TempDir Path dir) throws IOException {
        List<String> mismatches = new ArrayList<>();
        // The audit corpus is already batch input.
        compare("batch-audit-wire.txt",
                run("decode", "--batch", "src/test/resources/corpus/audit/audit-wire.jsonl").render(), mismatches);
        compare("batch-audit-wire.json.txt",
                run("decode", "--batch", "src/test/resources/corpus/audit/audit-wire.jsonl", "--json").render(),
                mismatches);
        // The shared corpus cases, one batch line each in the corpus's own keys.
        StringBuilder lines = new StringBuilder();
        for (Path p : corpusCases()) {
            JsonNode c = JSON.readTree(p.toFile());
            var line = JSON.createObjectNode();
            line.put("id", p.getFileName().toString());
            line.put("hex", c.get("hex").asText());
            line.put("direction", c.path("direction").asText());
            if (c.path("context").path("protocol_version").isInt()) {
                line.put("protocol_version", c.path("context").path("protocol_version").asInt());
            }
            lines.append(JSON.writeValueAsString(line)).append('\n');
        }
        Path in = dir.resolve("corpus.jsonl");
        Files.writeString(in, lines);
        compare("batch-corpus.json.txt", run("decode", "--batch", in.toString(), "--json").render(), mismatches);
        assertThat(mismatches).isEmpty();
    }
}
