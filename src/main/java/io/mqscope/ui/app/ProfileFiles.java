package io.mqscope.ui.app;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mqscope.profile.Profile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Import and export of profiles as a JSON array. */
public final class ProfileFiles {
    private static final ObjectMapper JSON = io.mqscope.profile.ProfileJson.mapper()
            .enable(SerializationFeature.INDENT_OUTPUT).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ProfileFiles() {
    }

    public static List<Profile> read(Path file) throws IOException {
        return JSON.readValue(Files.readAllBytes(file), new TypeReference<List<Profile>>() { });
    }

    public static void write(Path file, List<Profile> profiles) throws IOException {
        Files.write(file, JSON.writeValueAsBytes(profiles));
    }
}
