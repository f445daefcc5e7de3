package io.mqscope.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mqscope.payload.HexParser;
import io.mqscope.payload.ParseResult;
import io.mqscope.wire.DecodeResult;
import io.mqscope.wire.Direction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code decode --batch}: one JSON request per line ({@code {"id","hex","from","version","connection_start"}}, the
 * reference corpus's {@code "direction"} and {@code "protocol_version"} accepted too), one JSON result per line. A bad
 * line gives {@code {"id","error"}} and the batch goes on.
 */
final class DecodeBatch {
    private DecodeBatch() {
    }

    /** Result of a whole batch: 1 when any line was decoded or unusable (see {@link #run}), else 0. */
    static int run(BufferedReader in, boolean showSecrets, PrintWriter out) throws IOException {
        int worst = 0;
        String line;
        int lineNo = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            Result result;
            try {
                result = line(line, lineNo, showSecrets);
            } catch (RuntimeException e) {
                // One bad line must not end the batch: report it as that line's result.
                ObjectNode err = DecodeJson.MAPPER.createObjectNode();
                err.putNull("id");
                err.put("error", "line " + lineNo + ": " + e);
                result = new Result(err.toString(), true);
            }
            // exit 1 when a line could not be decoded or has error findings, as the help text says
            if (result.failed()) {
                worst = 1;
            }
            out.println(result.json());
        }
        return worst;
    }

    static BufferedReader open(String file) throws IOException {
        InputStream in = "-".equals(file) ? System.in : Files.newInputStream(Path.of(file));
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    /** One result line, and whether it counts against the batch (bad input or error findings). */
    record Result(String json, boolean failed) {
    }

    /** The result line for request line number {@code lineNo}. */
    static Result line(String line, int lineNo, boolean showSecrets) {
        ObjectNode err = DecodeJson.MAPPER.createObjectNode();
        JsonNode req;
        try {
            req = DecodeJson.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            err.putNull("id");
            err.put("error", "line " + lineNo + " is not JSON: " + e.getOriginalMessage());
            return new Result(err.toString(), true);
        }
        JsonNode id = req.get("id");
        if (id == null) {
            err.putNull("id");
        } else {
            err.set("id", id);
        }
        if (!req.isObject() || !req.path("hex").isTextual()) {
            err.put("error", "line " + lineNo + ": expected an object with \"hex\"");
            return new Result(err.toString(), true);
        }
        ParseResult<byte[]> hex = HexParser.parse(req.get("hex").asText());
        if (!hex.ok()) {
            err.put("error", "line " + lineNo + ": bad hex: " + hex.error());
            return new Result(err.toString(), true);
        }
        Direction dir = null;
        // "direction" ("client->broker", as in the reference corpus) is accepted as an alias of "from".
        JsonNode from = req.hasNonNull("from") ? req.get("from") : req.get("direction");
        if (from != null && !from.isNull()) {
            String f = from.asText();
            if (f.startsWith("client")) {
                dir = Direction.CLIENT_TO_BROKER;
            } else if (f.startsWith("broker") || f.startsWith("server")) {
                dir = Direction.BROKER_TO_CLIENT;
            } else {
                err.put("error", "line " + lineNo + ": \"from\" must be \"client\" or \"broker\", not \"" + f + "\"");
                return new Result(err.toString(), true);
            }
        }
        int version = req.hasNonNull("version") ? req.path("version").asInt(0)
                : req.path("protocol_version").asInt(0);
        if (version != 0 && (version < 3 || version > 5)) {
            err.put("error", "line " + lineNo + ": \"version\" must be 3, 4 or 5, not " + version);
            return new Result(err.toString(), true);
        }
        boolean start = req.path("connection_start").asBoolean(false);
        DecodeResult decoded = DecodeResult.of(hex.value(), dir, version, start);
        return new Result(DecodeJson.render(decoded, id, showSecrets), decoded.hasErrors());
    }
}
