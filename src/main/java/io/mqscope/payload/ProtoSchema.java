package io.mqscope.payload;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.squareup.wire.schema.Location;
import com.squareup.wire.schema.ProtoFile;
import com.squareup.wire.schema.Schema;
import com.squareup.wire.schema.SchemaLoader;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user's own {@code .proto} files, parsed at run time without protoc: Square's wire-schema reads and links them
 * (imports are looked up beside each chosen file), and {@link ProtoDescriptors} hands the result to protobuf-java.
 * Immutable once loaded; safe to share between threads.
 */
public final class ProtoSchema {
    /** wire-schema writes positions as {@code path:line:column} inside its messages. */
    private static final Pattern POSITION = Pattern.compile("([^\\s:()]+\\.proto):(\\d+):(\\d+)");

    private final List<Path> files;
    private final Map<String, Descriptor> messages;

    private ProtoSchema(List<Path> files, Map<String, Descriptor> messages) {
        this.files = List.copyOf(files);
        this.messages = Collections.unmodifiableMap(messages);
    }

    /** Either the schema or where it broke. */
    public record Loaded(ProtoSchema schema, ProtoSchemaError error) {
        public boolean ok() {
            return error == null;
        }
    }

    /**
     * Parses and links {@code files}; every message type they and their imports declare (nested ones too) can then
     * be chosen.
     */
    public static Loaded load(List<Path> files) {
        if (files.isEmpty()) {
            return new Loaded(null, new ProtoSchemaError("", 0, 0, "no .proto file"));
        }
        List<Location> sources = new ArrayList<>();
        Set<Location> roots = new LinkedHashSet<>();
        for (Path f : files) {
            Path abs = f.toAbsolutePath().normalize();
            String dir = abs.getParent().toString();
            sources.add(Location.get(dir, abs.getFileName().toString()));
            roots.add(Location.get(dir));
        }
        Schema schema;
        try {
            SchemaLoader loader = new SchemaLoader(FileSystems.getDefault());
            // imported files are otherwise loaded only as far as wire's code generator needs (types without fields)
            loader.setLoadExhaustively(true);
            loader.initRoots(sources, new ArrayList<>(roots));
            schema = loader.loadSchema();
        } catch (Exception e) {
            // SchemaException from the linker; the parser throws IllegalStateException("Syntax error in
            // a.proto:3:5: ..."); a missing file is an IOException that Kotlin does not declare
            return new Loaded(null, error(String.valueOf(e.getMessage()), files.get(0)));
        }
        Map<String, Descriptor> messages = new TreeMap<>();
        ProtoDescriptors descriptors = new ProtoDescriptors(schema);
        for (ProtoFile pf : schema.getProtoFiles()) {
            String name = pf.getLocation().getPath();
            if (name.startsWith("google/protobuf/") || name.startsWith("wire/")) {
                continue;
            }
            try {
                FileDescriptor fd = descriptors.file(pf);
                for (Descriptor d : fd.getMessageTypes()) {
                    addWithNested(d, messages);
                }
            } catch (Descriptors.DescriptorValidationException e) {
                return new Loaded(null, new ProtoSchemaError(Path.of(pf.getLocation().getBase(), name).toString(),
                        0, 0, e.getMessage()));
            }
        }
        return new Loaded(new ProtoSchema(files, messages), null);
    }

    private static void addWithNested(Descriptor d, Map<String, Descriptor> into) {
        if (d.getOptions().getMapEntry()) {
            return;
        }
        into.put(d.getFullName(), d);
        for (Descriptor n : d.getNestedTypes()) {
            addWithNested(n, into);
        }
    }

    /** The first {@code file:line:column} wire-schema names in its message, else the first file chosen. */
    private static ProtoSchemaError error(String message, Path fallback) {
        String reason = message.replaceFirst("^Syntax error in [^:]+\\.proto:\\d+:\\d+: ", "").strip();
        Matcher m = POSITION.matcher(message);
        if (m.find()) {
            return new ProtoSchemaError(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    reason);
        }
        return new ProtoSchemaError(fallback.toString(), 0, 0, reason);
    }

    /** Fully qualified names of the message types, sorted ({@code pkg.Outer.Inner}). */
    public List<String> messageTypes() {
        return List.copyOf(messages.keySet());
    }

    /** The descriptor for a fully qualified name, or null. */
    public Descriptor message(String fullName) {
        return messages.get(fullName);
    }

    public List<Path> files() {
        return files;
    }
}
