package io.mqscope.payload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;

/**
 * JSON as typed by a person: validate, pretty-print and minify by streaming tokens (so numbers, key order and
 * duplicate keys are kept as written). Errors carry line and column beside their text ({@link JsonErrorText}).
 */
public final class JsonText {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonText() {
    }

    /** The input itself when it is one valid JSON value, else an error with line and column. */
    public static ParseResult<String> validate(String input) {
        ParseResult<String> r = rewrite(input, false);
        return r.ok() ? ParseResult.ok(input) : r;
    }

    public static ParseResult<String> pretty(String input) {
        return rewrite(input, true);
    }

    public static ParseResult<String> minify(String input) {
        return rewrite(input, false);
    }

    private static ParseResult<String> rewrite(String input, boolean pretty) {
        StringWriter out = new StringWriter(input.length() + 16);
        try (JsonParser p = FACTORY.createParser(input); JsonGenerator g = FACTORY.createGenerator(out)) {
            if (pretty) {
                DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
                        .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
                pp.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
                g.setPrettyPrinter(pp);
            }
            JsonToken first = p.nextToken();
            if (first == null) {
                return ParseResult.errorAt(input, input.length(), PayloadText.get("json.empty"));
            }
            copyValue(p, g);
            JsonToken extra = p.nextToken();
            if (extra != null) {
                JsonLocation loc = p.currentTokenLocation();
                return error(input, loc, PayloadText.get("json.trailing"));
            }
            g.flush();
            return ParseResult.ok(out.toString());
        } catch (JsonProcessingException e) {
            return error(input, e.getLocation(), JsonErrorText.of(e.getOriginalMessage()));
        } catch (IOException e) {
            return ParseResult.errorAt(input, 0, e.getMessage());
        }
    }

    /** Copies one value token by token; numbers are written as their original text (1.50 stays 1.50). */
    private static void copyValue(JsonParser p, JsonGenerator g) throws IOException {
        int depth = 0;
        JsonToken t = p.currentToken();
        while (true) {
            if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                g.writeNumber(p.getText());
            } else {
                g.copyCurrentEvent(p);
            }
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                depth++;
            } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                depth--;
            }
            if (depth == 0) {
                return;
            }
            t = p.nextToken();
            if (t == null) {
                throw new JsonParseException(p, "Unexpected end-of-input: an object or array is not closed");
            }
        }
    }

    private static ParseResult<String> error(String input, JsonLocation loc, String message) {
        String first = message.lines().findFirst().orElse(message);
        if (loc == null) {
            return ParseResult.errorAt(input, 0, first);
        }
        int line = Math.max(1, loc.getLineNr());
        int col = Math.max(1, loc.getColumnNr());
        long chars = loc.getCharOffset();
        int pos = chars >= 0 ? (int) Math.min(chars, input.length()) : positionOf(input, line, col);
        // Jackson reports the column after the offending character for most errors; point at the character itself.
        // The position stays out of the text: the caller shows it once, in its own words (issue 14 item 17)
        return ParseResult.errorAt(input, pos, first);
    }

    private static int positionOf(String input, int line, int col) {
        int l = 1;
        int i = 0;
        while (i < input.length() && l < line) {
            if (input.charAt(i++) == '\n') {
                l++;
            }
        }
        return Math.min(input.length(), i + col - 1);
    }
}
