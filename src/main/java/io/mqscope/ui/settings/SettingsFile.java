package io.mqscope.ui.settings;

import io.mqscope.payload.PayloadFormat;
import io.mqscope.profile.ProfileStore;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Properties;

/** UI settings as a small properties file next to the profiles, written atomically. */
public final class SettingsFile {
    private final Path file;

    public SettingsFile(Path file) {
        this.file = file;
    }

    /** {@code ui.properties} in {@link ProfileStore#defaultDirectory()}, or -Dmqscope.ui.settings. */
    public static SettingsFile defaultLocation() {
        String override = System.getProperty("mqscope.ui.settings");
        if (override != null) {
            return new SettingsFile(Path.of(override));
        }
        // next to the profiles: one config directory ($XDG_CONFIG_HOME, $HOME, mqscope.config.dir all honoured)
        Path dir = ProfileStore.defaultDirectory();
        return new SettingsFile(dir.resolve("ui.properties"));
    }

    public Path path() {
        return file;
    }

    public UiSettings load() {
        if (!Files.isRegularFile(file)) {
            return UiSettings.DEFAULT;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            return UiSettings.DEFAULT;
        }
        UiSettings d = UiSettings.DEFAULT;
        String view = p.getProperty("defaultView", "");
        PayloadFormat fmt = null;
        for (PayloadFormat f : PayloadFormat.values()) {
            if (f.name().equals(view)) {
                fmt = f;
            }
        }
        return new UiSettings(Locale.forLanguageTag(p.getProperty("locale", d.locale().toLanguageTag())),
                Boolean.parseBoolean(p.getProperty("dark", "false")),
                intOr(p.getProperty("maxMessages"), d.maxMessages()), intOr(p.getProperty("maxPackets"),
                d.maxPackets()), fmt, Boolean.parseBoolean(p.getProperty("brokerOnLan", "false")));
    }

    public void save(UiSettings s) throws IOException {
        Properties p = new Properties();
        p.setProperty("locale", s.locale().toLanguageTag());
        p.setProperty("dark", Boolean.toString(s.dark()));
        p.setProperty("maxMessages", Integer.toString(s.maxMessages()));
        p.setProperty("maxPackets", Integer.toString(s.maxPackets()));
        p.setProperty("defaultView", s.defaultView() == null ? "" : s.defaultView().name());
        p.setProperty("brokerOnLan", Boolean.toString(s.brokerOnLan()));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "MQScope UI settings");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Where the window's layout is kept: {@code window.properties} beside the settings. */
    Path windowFile() {
        return file.resolveSibling("window.properties");
    }

    /** The window's layout as last saved, or null when there is none (or it cannot be read). */
    public WindowLayout loadWindow() {
        Path f = windowFile();
        if (!Files.isRegularFile(f)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
            double w = Double.parseDouble(p.getProperty("width"));
            double h = Double.parseDouble(p.getProperty("height"));
            if (!(w >= 400 && h >= 300)) {
                return null;
            }
            java.util.List<double[]> dividers = new java.util.ArrayList<>();
            for (String pane : p.getProperty("dividers", "").split(";", -1)) {
                if (pane.isBlank()) {
                    dividers.add(new double[0]);
                    continue;
                }
                dividers.add(java.util.Arrays.stream(pane.split(",")).mapToDouble(Double::parseDouble).toArray());
            }
            return new WindowLayout(w, h, Boolean.parseBoolean(p.getProperty("maximized")), dividers);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    public void saveWindow(WindowLayout layout) throws IOException {
        Properties p = new Properties();
        p.setProperty("width", Double.toString(layout.width()));
        p.setProperty("height", Double.toString(layout.height()));
        p.setProperty("maximized", Boolean.toString(layout.maximized()));
        java.util.StringJoiner d = new java.util.StringJoiner(";");
        for (double[] pane : layout.dividers()) {
            d.add(java.util.Arrays.stream(pane).mapToObj(Double::toString)
                    .collect(java.util.stream.Collectors.joining(",")));
        }
        p.setProperty("dividers", d.toString());
        Path f = windowFile();
        Files.createDirectories(f.toAbsolutePath().getParent());
        Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "MQScope window layout");
        }
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static int intOr(String s, int d) {
        try {
            return s == null ? d : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return d;
        }
    }
}
