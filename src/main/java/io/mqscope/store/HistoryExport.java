package io.mqscope.store;

import io.mqscope.session.MessageEvent;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

/**
 * Writes a connection's messages (or the matches of a filter) as JSON lines ({@link JsonLines}' message form) or
 * CSV. The payload goes out as hex always and as text only when it is valid UTF-8: nothing is lost or guessed.
 * Streams from the database in small memory; blocking, call it off the FX thread.
 */
public final class HistoryExport {
    /** Progress is reported at most this often (in messages), so a listener is not flooded. */
    private static final int PROGRESS_EVERY = 500;
    private static final HexFormat HEX = HexFormat.of();

    /** The file formats. */
    public enum Format { JSON_LINES, CSV }

    private HistoryExport() {
    }

    /**
     * Every message matching {@code q} in {@code store}, oldest first, into {@code file}.
     *
     * @param progress  receives 0..1
     * @param cancelled asked between messages; true stops (the file holds what was written so far)
     * @return how many messages were written
     */
    public static long write(HistoryStore store, HistoryQuery q, Path file, Format format, DoubleConsumer progress,
                             BooleanSupplier cancelled) throws IOException {
        long total = Math.max(1, store.count(q));
        try (Out out = new Out(file, format)) {
            store.each(q, m -> {
                out.write(m);
                if (out.count % PROGRESS_EVERY == 0) {
                    progress.accept(Math.min(1.0, out.count / (double) total));
                }
                return !cancelled.getAsBoolean();
            });
            progress.accept(1.0);
            return out.count;
        }
    }

    /** As above, for messages held in memory (no history on disk). */
    public static long write(List<MessageEvent> messages, Path file, Format format, DoubleConsumer progress,
                             BooleanSupplier cancelled) throws IOException {
        try (Out out = new Out(file, format)) {
            for (MessageEvent m : messages) {
                if (cancelled.getAsBoolean()) {
                    break;
                }
                out.write(m);
                if (out.count % PROGRESS_EVERY == 0) {
                    progress.accept(out.count / (double) Math.max(1, messages.size()));
                }
            }
            progress.accept(1.0);
            return out.count;
        }
    }

    /** One open export file. */
    private static final class Out implements AutoCloseable {
        private final OutputStream stream;
        private final JsonLines json;
        private final Writer csv;
        long count;

        Out(Path file, Format format) throws IOException {
            stream = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            if (format == Format.JSON_LINES) {
                json = new JsonLines(stream, true);
                csv = null;
            } else {
                json = null;
                csv = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
                csv.write("time,direction,topic,qos,retain,dup,payload_hex,payload_text\r\n");
            }
        }

        void write(MessageEvent m) throws IOException {
            if (json != null) {
                json.writeMessage(count, m);
            } else {
                byte[] p = m.payload();
                csv.write(m.time().toString() + ',' + (m.outgoing() ? "out" : "in") + ',' + quote(m.topic()) + ','
                        + m.qos() + ',' + m.retain() + ',' + m.dup() + ',' + HEX.formatHex(p) + ','
                        + (Utf8.isValid(p) ? quote(new String(p, StandardCharsets.UTF_8)) : "") + "\r\n");
            }
            count++;
        }

        /** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
        static String quote(String s) {
            if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
                return s;
            }
            return '"' + s.replace("\"", "\"\"") + '"';
        }

        @Override
        public void close() throws IOException {
            if (json != null) {
                json.close();
            } else {
                csv.close();
            }
            stream.close();
        }
    }
}
