package io.mqscope.ui.wiretap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The wiretaps the user defined, kept like the connections: {@code wiretaps.json} next to the UI settings, written
 * whole to a temporary file and renamed over the old one. Holds no secret: a wiretap names its upstream connection by
 * id, and certificate files by path.
 */
public final class WiretapFile {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path file;

    public WiretapFile(Path file) {
        this.file = file;
    }

    /** The definitions saved, none when there is no file yet. */
    public List<WiretapDefinition> load() throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        return List.copyOf(JSON.readValue(file.toFile(), new TypeReference<List<WiretapDefinition>>() { }));
    }

    public void save(List<WiretapDefinition> definitions) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), definitions);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public Path path() {
        return file;
    }
}
