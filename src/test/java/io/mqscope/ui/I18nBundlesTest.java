package io.mqscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.payload.PayloadFormat;
import io.mqscope.session.ConnectionState;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.editor.ConnectionEditorViewModel;
import io.mqscope.ui.editor.EditorTabViewModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every key used by the UI exists in English and Simplified Chinese, and both bundles have the same keys. */
class I18nBundlesTest {
    /** Calls whose first argument is a bundle key: I18n.t("k"), Controls.button("k", ..), column("k", ..) ... */
    private static final Pattern KEY_CALL = Pattern.compile(
            "\\b(?:t|button|iconButton|titled|column)\\(\\s*\"([a-zA-Z0-9_.]+)\"");

    static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = I18n.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    static Set<String> usedKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/mqscope/ui"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = KEY_CALL.matcher(Files.readString(f));
                while (m.find()) {
                    String k = m.group(1);
                    if (!k.endsWith(".")) {
                        keys.add(k);
                    }
                }
            }
        }
        // keys built from a prefix and a value
        for (ConnectionState s : ConnectionState.values()) {
            keys.add("state." + s.name().toLowerCase(Locale.ROOT));
        }
        for (PayloadFormat f : PayloadFormat.values()) {
            keys.add("format." + f.name().toLowerCase(Locale.ROOT));
        }
        for (EditorTabViewModel tab : new ConnectionEditorViewModel(null, TaskExecutor.sameThread()).tabs()) {
            keys.add("editor.section." + tab.key());
            tab.fields().forEach(f -> keys.add("editor.field." + f.key()));
        }
        for (var ps : io.mqscope.ui.editor.SigningFields.VENDORS.values()) {
            ps.forEach(p -> keys.add("editor.signing.param." + p.name()));
        }
        // the vendors' names in the signing tab's list
        io.mqscope.auth.Signer.VENDORS.forEach(v -> keys.add("editor.signing.vendor." + v));
        return keys;
    }

    @Test
    void every_used_key_is_in_both_bundles() throws IOException {
        Set<String> used = usedKeys();
        assertThat(used).hasSizeGreaterThan(150);
        for (String bundle : List.of("messages.properties", "messages_zh_CN.properties")) {
            Properties p = load(bundle);
            assertThat(used).as("keys used in code but missing from " + bundle)
                    .allSatisfy(k -> assertThat(p.getProperty(k)).as(bundle + ": " + k).isNotBlank());
        }
    }

    @Test
    void both_bundles_have_the_same_keys() throws IOException {
        assertThat(load("messages_zh_CN.properties").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(load("messages.properties").stringPropertyNames());
    }

    @Test
    void chinese_is_really_chinese_and_lookup_uses_the_locale() {
        try {
            I18n.setLocale(I18n.CHINESE);
            assertThat(I18n.t("tab.messages")).isEqualTo("消息");
            assertThat(I18n.t("messages.bytes", 3)).isEqualTo("3 字节");
            I18n.setLocale(I18n.ENGLISH);
            assertThat(I18n.t("tab.messages")).isEqualTo("Messages");
            assertThat(I18n.t("no.such.key")).isEqualTo("!no.such.key!");
        } finally {
            I18n.setLocale(I18n.ENGLISH);
        }
    }
}
