package io.mqscope.profile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mqscope.payload.ParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Import and export. Our own format, {@code {"format": "mqscope-profiles", "schemaVersion": 2, "secrets":
 * true|false, "profiles": [...]}}, round-trips losslessly; secrets are left out unless asked for. MQTTX connection
 * exports are imported through {@link MqttxImport}.
 */
public final class ProfileExchange {
    public static final String FORMAT = "mqscope-profiles";

    private ProfileExchange() {
    }

    public static String export(List<Profile> profiles, boolean includeSecrets) {
        ObjectMapper om = ProfileJson.mapper();
        ObjectNode root = om.createObjectNode();
        root.put("format", FORMAT);
        root.put("schemaVersion", ProfileStore.SCHEMA_VERSION);
        root.put("secrets", includeSecrets);
        ArrayNode list = root.putArray("profiles");
        for (Profile p : profiles) {
            list.add(om.valueToTree(includeSecrets ? p : ProfileSecrets.strip(p)));
        }
        try {
            return om.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads our export or an MQTTX export; a malformed file gives an error with line and column. Nothing is applied:
     * the caller shows {@link ImportReport#issues()} (security-relevant ones first, see
     * {@link ImportReport#securityIssues()}) and then saves {@link ImportReport#profiles()} if the user agrees.
     */
    public static ParseResult<ImportReport> importJson(String json) {
        return importJson(json, Path.of(System.getProperty("user.home")));
    }

    /** As {@link #importJson(String)}, with the home directory certificate paths are checked against. */
    public static ParseResult<ImportReport> importJson(String json, Path home) {
        try {
            return parse(json, home);
        } catch (RuntimeException e) {
            // The safety net: an import file is untrusted input, and it gets an error message, not a stack trace.
            return ParseResult.errorAt(json, 0, "cannot be interpreted (" + e + ")");
        }
    }

    /** Reads an import file, refusing one larger than the parser's document limit before reading it. */
    public static ParseResult<ImportReport> importFile(Path file) {
        byte[] bytes;
        try {
            bytes = ProfileJson.readBounded(file);
        } catch (IOException e) {
            return ParseResult.error(file.getFileName() + " " + e.getMessage(), -1, -1, -1);
        }
        return importJson(new String(bytes, StandardCharsets.UTF_8));
    }

    private static ParseResult<ImportReport> parse(String json, Path home) {
        ObjectMapper om = ProfileJson.mapper();
        JsonNode root;
        try {
            root = om.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            // A limit violation (nesting, string or document length) carries no location.
            return loc == null ? ParseResult.error("not valid JSON: " + ProfileJson.describe(e), -1, -1, -1)
                    : ParseResult.error("not valid JSON: " + e.getOriginalMessage(), (int) loc.getCharOffset(),
                    loc.getLineNr(), loc.getColumnNr());
        }
        if (root == null) {
            return ParseResult.errorAt(json, 0, "empty file");
        }
        if (root.isObject() && FORMAT.equals(root.path("format").asText())) {
            int version = root.path("schemaVersion").asInt(-1);
            List<ImportReport.Issue> issues = new ArrayList<>();
            if (version > ProfileStore.SCHEMA_VERSION) {
                issues.add(new ImportReport.Issue("(file)", "schemaVersion", "written by a newer MQScope (schema "
                        + version + "); fields this version does not know were dropped"));
            }
            List<Profile> profiles = new ArrayList<>();
            JsonNode list = root.path("profiles");
            for (int i = 0; i < list.size(); i++) {
                try {
                    profiles.add(om.treeToValue(list.get(i), Profile.class));
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    // One bad profile costs only itself, as in the store.
                    String why = e instanceof JsonProcessingException j ? ProfileJson.describe(j) : e.getMessage();
                    issues.add(new ImportReport.Issue("profile " + (i + 1), "(profile)", "not imported: " + why));
                }
            }
            return ParseResult.ok(new ImportReport("mqscope", profiles, issues));
        }
        if (root.isArray() || (root.isObject() && root.has("connections"))) {
            return ParseResult.ok(MqttxImport.read(root.isArray() ? root : root.get("connections"), home));
        }
        return ParseResult.errorAt(json, 0, "neither an MQScope export (\"format\": \"" + FORMAT
                + "\") nor an MQTTX connection export (an array of connections)");
    }
}
