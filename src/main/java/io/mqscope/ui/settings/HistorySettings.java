package io.mqscope.ui.settings;

import io.mqscope.store.HistoryLimits;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * How much message history is kept on disk, in MB (issue 15), saved in {@code history.properties} beside the UI
 * settings: its own file, so the two are read and written independently.
 *
 * @param totalMb         every connection together
 * @param perConnectionMb one connection
 */
public record HistorySettings(int totalMb, int perConnectionMb) {
    public static final int MIN_MB = 1;
    public static final int MAX_MB = 100_000;
    public static final HistorySettings DEFAULT = new HistorySettings(
            (int) (HistoryLimits.DEFAULT.totalBytes() / HistoryLimits.MB),
            (int) (HistoryLimits.DEFAULT.perConnectionBytes() / HistoryLimits.MB));

    public HistorySettings {
        totalMb = Math.max(MIN_MB, Math.min(MAX_MB, totalMb));
        perConnectionMb = Math.max(MIN_MB, Math.min(MAX_MB, perConnectionMb));
    }

    public HistoryLimits limits() {
        return new HistoryLimits(totalMb * HistoryLimits.MB, perConnectionMb * HistoryLimits.MB);
    }

    static Path fileBeside(SettingsFile settings) {
        return settings.path().resolveSibling("history.properties");
    }

    /** The saved limits, or the defaults when there are none or they cannot be read. Blocking file I/O. */
    public static HistorySettings load(SettingsFile settings) {
        Path f = fileBeside(settings);
        if (!Files.isRegularFile(f)) {
            return DEFAULT;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
            return new HistorySettings(Integer.parseInt(p.getProperty("totalMb", "" + DEFAULT.totalMb).trim()),
                    Integer.parseInt(p.getProperty("perConnectionMb", "" + DEFAULT.perConnectionMb).trim()));
        } catch (IOException | NumberFormatException e) {
            return DEFAULT;
        }
    }

    /** Writes the limits beside the settings. Blocking file I/O. */
    public void save(SettingsFile settings) throws IOException {
        Path f = fileBeside(settings);
        Files.createDirectories(f.toAbsolutePath().getParent());
        Properties p = new Properties();
        p.setProperty("totalMb", Integer.toString(totalMb));
        p.setProperty("perConnectionMb", Integer.toString(perConnectionMb));
        try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            p.store(w, "MQScope message history limits");
        }
    }
}
