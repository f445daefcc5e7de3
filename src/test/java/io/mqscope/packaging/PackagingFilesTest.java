package io.mqscope.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed packaging inputs agree with each other and with what they claim: jpackage only reads them at
 * {@code mvn -Pdist package} time, and a wrong icon size or a lost upgrade UUID would only show on a user's machine.
 */
class PackagingFilesTest {

    private static final Path ICONS = Path.of("assets/icon");
    private static final Path PACKAGING = Path.of("packaging");

    private static final Set<String> REPEATABLE = Set.of("--java-options", "--add-launcher", "--arguments");

    /** Stable forever: Windows Installer recognises upgrades of an installed MQScope by it. */
    private static final String WINDOWS_UPGRADE_UUID = "4c0f7152-e608-4004-9c6b-511aa8dc08af";

    @ParameterizedTest
    @ValueSource(ints = {16, 24, 32, 48, 64, 128, 256, 512})
    void png_icon_has_the_size_its_name_claims(int size) throws IOException {
        byte[] png = Files.readAllBytes(ICONS.resolve("mqscope-" + size + ".png"));
        // PNG signature, then the IHDR chunk: length (4), "IHDR", width (4, big-endian), height (4).
        assertThat(png).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        assertThat(new String(png, 12, 4, StandardCharsets.US_ASCII)).isEqualTo("IHDR");
        ByteBuffer ihdr = ByteBuffer.wrap(png, 16, 8).order(ByteOrder.BIG_ENDIAN);
        assertThat(ihdr.getInt()).as("width").isEqualTo(size);
        assertThat(ihdr.getInt()).as("height").isEqualTo(size);
        assertThat(png[24 + 1]).as("colour type RGBA").isEqualTo((byte) 6);
    }

    @Test
    void windows_ico_holds_the_sizes_windows_asks_for() throws IOException {
        byte[] ico = Files.readAllBytes(ICONS.resolve("mqscope.ico"));
        ByteBuffer b = ByteBuffer.wrap(ico).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getShort()).as("reserved").isZero();
        assertThat(b.getShort()).as("type 1 = icon").isEqualTo((short) 1);
        int count = b.getShort();
        Set<Integer> sizes = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            int entry = 6 + 16 * i;
            int width = ico[entry] & 0xff;
            int height = ico[entry + 1] & 0xff;
            assertThat(height).isEqualTo(width);
            int length = b.getInt(entry + 8);
            int offset = b.getInt(entry + 12);
            assertThat((long) offset + length).as("image %d inside the file", i).isLessThanOrEqualTo(ico.length);
            sizes.add(width == 0 ? 256 : width);
        }
        assertThat(sizes).containsExactly(16, 24, 32, 48, 64, 128, 256);
    }

    @Test
    void macos_icns_is_well_formed_and_has_a_512_image() throws IOException {
        byte[] icns = Files.readAllBytes(ICONS.resolve("mqscope.icns"));
        ByteBuffer b = ByteBuffer.wrap(icns).order(ByteOrder.BIG_ENDIAN);
        assertThat(new String(icns, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("icns");
        assertThat(b.getInt(4)).as("declared length").isEqualTo(icns.length);
        List<String> types = new ArrayList<>();
        int pos = 8;
        while (pos < icns.length) {
            types.add(new String(icns, pos, 4, StandardCharsets.US_ASCII));
            int length = b.getInt(pos + 4);
            assertThat(length).as("element length at %d", pos).isGreaterThan(8);
            pos += length;
        }
        assertThat(pos).as("elements end exactly at the end of the file").isEqualTo(icns.length);
        // ic09 = 512x512, ic08 = 256x256, il32 = 32x32
        assertThat(types).contains("ic09", "ic08", "il32");
    }

    @Test
    void desktop_entry_has_the_keys_menus_need() throws IOException {
        List<String> lines = Files.readAllLines(PACKAGING.resolve("linux/resources/mqscope.desktop"));
        assertThat(lines.get(0)).isEqualTo("[Desktop Entry]");
        Map<String, String> entry = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            assertThat(line).as("key=value").contains("=");
            String key = line.substring(0, line.indexOf('='));
            assertThat(entry).as("duplicate key %s", key).doesNotContainKey(key);
            entry.put(key, line.substring(line.indexOf('=') + 1));
        }
        assertThat(entry).containsEntry("Type", "Application").containsEntry("Name", "MQScope")
                .containsEntry("Terminal", "false").containsKeys("Exec", "Icon", "Comment");
        // jpackage replaces these with the installed launcher and icon paths.
        assertThat(entry.get("Exec")).isEqualTo("APPLICATION_LAUNCHER");
        assertThat(entry.get("Icon")).isEqualTo("APPLICATION_ICON");
        assertThat(entry.get("Categories")).endsWith(";");
        assertThat(entry.get("Categories").split(";")).contains("Development", "Network");
    }

    @Test
    void deb_declares_gtk_because_javafx_unpacks_its_natives_at_run_time() throws IOException {
        Map<String, String> linux = options(PACKAGING.resolve("linux/installer.options"));
        assertThat(linux.get("--linux-package-deps").split(",\\s*")).contains("libgtk-3-0", "libxxf86vm1");
        assertThat(linux).containsEntry("--linux-menu-group", "Development;Network;")
                .containsEntry("--linux-app-category", "devel").containsKey("--linux-deb-maintainer")
                .containsKey("--linux-shortcut");
    }

    @Test
    void postinst_links_the_launcher_where_the_package_installs_it() throws IOException {
        Map<String, String> linux = options(PACKAGING.resolve("linux/installer.options"));
        Map<String, String> image = options(PACKAGING.resolve("linux/app-image.options"));
        String launcher = linux.get("--install-dir") + "/" + linux.get("--linux-package-name") + "/bin/"
                + image.get("--name");
        assertThat(Files.readString(PACKAGING.resolve("linux/resources/postinst")))
                .contains("ln -sf " + launcher + " /usr/bin/mqscope")
                .contains("DESKTOP_COMMANDS_INSTALL")
                .contains("-Xshare:dump", "-XX:SharedArchiveFile=\"$app/mqscope.jsa\"");
        assertThat(Files.readString(PACKAGING.resolve("linux/resources/prerm")))
                .contains("rm -f /usr/bin/mqscope", "rm -f /opt/mqscope/lib/app/mqscope.jsa")
                .contains("DESKTOP_COMMANDS_UNINSTALL");
    }

    @Test
    void windows_installer_keeps_its_upgrade_uuid_menu_and_shortcut() throws IOException {
        Map<String, String> win = options(PACKAGING.resolve("windows/installer.options"));
        assertThat(UUID.fromString(win.get("--win-upgrade-uuid")).toString()).isEqualTo(WINDOWS_UPGRADE_UUID);
        assertThat(win).containsEntry("--win-menu-group", "MQScope").containsKeys("--win-menu", "--win-shortcut");
        assertThat(Files.readString(PACKAGING.resolve("windows/mqscope-cli.properties")))
                .contains("win-console=true");
    }

    @Test
    void macos_bundle_identifier_is_stable() throws IOException {
        assertThat(options(PACKAGING.resolve("macos/app-image.options")))
                .containsEntry("--mac-package-identifier", "io.mqscope.app")
                .containsEntry("--icon", "assets/icon/mqscope.icns");
        assertThat(options(PACKAGING.resolve("macos/installer.options")))
                .containsEntry("--mac-package-identifier", "io.mqscope.app");
    }

    @Test
    void every_file_an_options_file_names_exists() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(PACKAGING)) {
            files = s.filter(p -> p.toString().endsWith(".options")).sorted().collect(Collectors.toList());
        }
        assertThat(files).hasSize(9);
        for (Path file : files) {
            Map<String, String> opts = options(file);
            for (String key : List.of("--icon", "--resource-dir", "--license-file")) {
                if (opts.containsKey(key)) {
                    assertThat(Path.of(opts.get(key))).as("%s %s in %s", key, opts.get(key), file).exists();
                }
            }
            if (opts.containsKey("--add-launcher")) {
                String props = opts.get("--add-launcher").substring(opts.get("--add-launcher").indexOf('=') + 1);
                assertThat(Path.of(props)).as("--add-launcher in %s", file).exists();
            }
        }
        assertThat(Files.readString(PACKAGING.resolve("LICENSE"))).contains("Apache License", "Version 2.0");
    }

    @Test
    void extra_jlink_modules_exist_in_the_jdk() throws IOException {
        Set<String> modules = Dist.moduleList(Files.readAllLines(PACKAGING.resolve("jlink-modules.txt")));
        assertThat(modules).contains("jdk.crypto.ec", "jdk.localedata");
        ModuleFinder system = ModuleFinder.ofSystem();
        for (String module : modules) {
            assertThat(system.find(module)).as("module %s", module).isPresent();
        }
    }

    /** The options-file format of packaging/Dist.java: "--option value" or "--flag" per line, # comments. */
    private static Map<String, String> options(Path file) throws IOException {
        Map<String, String> result = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            assertThat(line).as("option line in %s", file).startsWith("--");
            int space = line.indexOf(' ');
            String key = space < 0 ? line : line.substring(0, space);
            if (!REPEATABLE.contains(key)) {
                assertThat(result).as("option %s twice in %s", key, file).doesNotContainKey(key);
            }
            result.put(key, space < 0 ? "" : line.substring(space + 1).strip());
        }
        return result;
    }
}
