package io.mqscope.ui.messages;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mqscope.payload.PayloadFormat;
import io.mqscope.payload.ProtoChoice;
import io.mqscope.payload.ProtoSchema;
import io.mqscope.profile.ConfigFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The decoding choices remembered per topic filter, kept in {@code decoding.json} of the config directory: each
 * rule's filter and format and, for Protobuf, its {@code .proto} files and message type. Read and written on the I/O
 * executor only. A Protobuf rule whose files no longer parse is kept as written (and written back), inactive.
 */
public final class DecodingChoicesFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One rule as stored. {@code protoFiles} and {@code type} are set for Protobuf. */
    public record Entry(String filter, String format, List<String> protoFiles, String type) {
        public Entry {
            protoFiles = protoFiles == null ? List.of() : List.copyOf(protoFiles);
        }
    }

    /** The file's content. */
    public record Content(int version, List<Entry> rules) {
        public Content {
            rules = rules == null ? List.of() : List.copyOf(rules);
        }
    }

    /**
     * What was read: the rules that apply again, the entries that could not be used (kept to be written back), the
     * path a corrupt file was moved to (null when none) and the first problem met (null when none).
     */
    public record Loaded(List<DecodingChoices.Rule> rules, List<Entry> inactive, Path quarantined, String problem) {
    }

    private final Path path;

    public DecodingChoicesFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** Reads the file (none: nothing remembered); a file that is not valid JSON of this shape is moved aside. */
    public Loaded read() throws IOException {
        if (!Files.isRegularFile(path)) {
            return new Loaded(List.of(), List.of(), null, null);
        }
        Content content;
        try {
            content = JSON.readValue(path.toFile(), Content.class);
        } catch (JacksonException e) {
            return new Loaded(List.of(), List.of(), ConfigFile.quarantine(path), e.getOriginalMessage());
        }
        List<DecodingChoices.Rule> rules = new ArrayList<>();
        List<Entry> inactive = new ArrayList<>();
        String problem = null;
        for (Entry e : content.rules()) {
            PayloadFormat f = e == null || e.filter() == null ? null : PayloadFormat.byId(e.format());
            if (f == null) {
                continue; // not a rule (an unknown format from a newer version is dropped)
            }
            if (f != PayloadFormat.PROTOBUF) {
                rules.add(new DecodingChoices.Rule(e.filter(), f, null));
                continue;
            }
            ProtoSchema.Loaded schema = ProtoSchema.load(e.protoFiles().stream().map(Path::of).toList());
            if (schema.ok() && schema.schema().messageTypes().contains(e.type())) {
                rules.add(new DecodingChoices.Rule(e.filter(), f, new ProtoChoice(schema.schema(), e.type())));
            } else {
                inactive.add(e);
                if (problem == null) {
                    problem = schema.ok() ? e.type() : schema.error().file() + ":" + schema.error().line() + ":"
                            + schema.error().column() + " " + schema.error().reason();
                }
            }
        }
        return new Loaded(rules, inactive, null, problem);
    }

    /** Writes the rules (and the inactive entries read before) atomically. */
    public void write(List<DecodingChoices.Rule> rules, List<Entry> inactive) throws IOException {
        List<Entry> entries = new ArrayList<>(inactive);
        for (DecodingChoices.Rule r : rules) {
            entries.removeIf(e -> e.filter().equals(r.filter()));
            ProtoChoice p = r.proto();
            entries.add(new Entry(r.filter(), r.format().id(), p == null ? List.of()
                    : p.schema().files().stream().map(f -> f.toAbsolutePath().toString()).toList(),
                    p == null ? null : p.type()));
        }
        ConfigFile.write(path, JSON.writeValueAsBytes(new Content(1, entries)));
    }
}
