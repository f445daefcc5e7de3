package io.mqscope.ui.app;

import io.mqscope.payload.ParseResult;
import io.mqscope.profile.ImportReport;
import io.mqscope.profile.Profile;
import io.mqscope.profile.ProfileExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Import (MQScope or MQTTX exports) and export (MQScope format, secrets left out) of connection profiles. */
public final class ProfileFiles {
    private ProfileFiles() {
    }

    /**
     * The import report, nothing applied yet, or an IOException whose message says where the file is malformed (or
     * why it cannot be read). A file larger than the parser's document limit is refused before it is read.
     */
    public static ImportReport read(Path file) throws IOException {
        ParseResult<ImportReport> r = ProfileExchange.importFile(file);
        if (!r.ok()) {
            throw new IOException(r.line() < 0 ? r.error()
                    : file.getFileName() + ":" + r.line() + ":" + r.column() + ": " + r.error());
        }
        return r.value();
    }

    public static void write(Path file, List<Profile> profiles) throws IOException {
        Files.writeString(file, ProfileExchange.export(profiles, false), StandardCharsets.UTF_8);
    }
}
