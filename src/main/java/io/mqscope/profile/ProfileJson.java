package io.mqscope.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The Jackson configuration for profiles: unknown fields are ignored (newer files), nulls are left out, and the
 * parser's limits are set here rather than left to Jackson's defaults, so that a hostile file (deep nesting, a huge
 * string) is a parse error with a message, never a stack trace or an exhausted heap.
 */
public final class ProfileJson {
    /** A profile is at most six levels deep (root, profiles, profile, will, userProperties, property). */
    static final int MAX_NESTING_DEPTH = 64;
    /** Longer than any host, topic, will payload or secret a profile needs; far below a heap-filling string. */
    static final int MAX_STRING_LENGTH = 1 << 20;
    /** Thousands of profiles fit; a file larger than this is refused before it is read. */
    static final long MAX_DOCUMENT_LENGTH = 16L << 20;

    private ProfileJson() {
    }

    public static ObjectMapper mapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .maxDocumentLength(MAX_DOCUMENT_LENGTH)
                        .maxNameLength(MAX_STRING_LENGTH)
                        .build())
                .build();
        return new ObjectMapper(factory)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    /**
     * The file's bytes, or an IOException saying it is too large; never reads more than {@link #MAX_DOCUMENT_LENGTH}
     * (+1 to notice), so a 100 MB file costs no 100 MB of heap.
     */
    static byte[] readBounded(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new NoSuchFileException(file.toString());
            }
            // Opening a FIFO would wait for a writer for ever; a device or a directory is no profile file either.
            throw new IOException("is not a regular file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) MAX_DOCUMENT_LENGTH + 1);
            if (bytes.length > MAX_DOCUMENT_LENGTH) {
                throw new IOException("is larger than " + (MAX_DOCUMENT_LENGTH >> 20) + " MiB");
            }
            return bytes;
        }
    }

    /**
     * A parse or mapping error as one line: where (when Jackson knows; a limit violation has no location), which
     * field (for a mapping error), and why.
     */
    static String describe(JsonProcessingException e) {
        StringBuilder sb = new StringBuilder();
        JsonLocation loc = e.getLocation();
        if (loc != null && loc.getLineNr() > 0) {
            sb.append("at line ").append(loc.getLineNr()).append(", column ").append(loc.getColumnNr()).append(": ");
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    path.append('[').append(r.getIndex()).append(']');
                }
            }
            sb.append("field ").append(path).append(": ");
        }
        String msg = e.getOriginalMessage();
        msg = msg == null ? e.getClass().getSimpleName() : msg.lines().findFirst().orElse(msg);
        // A limit's message ends by naming Jackson's getter, which means nothing to a user.
        sb.append(msg.replaceAll(", from `[^`]*`\\)", ")"));
        return sb.toString();
    }
}
