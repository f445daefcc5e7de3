package io.mqscope.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every rule and phrase has a complete English and Simplified Chinese message, and the two agree. */
class RuleMessagesTest {
    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    /** Keys whose Chinese text may equal the English: it is only an argument, nothing to translate. */
    private static final Set<String> SAME_IN_BOTH = Set.of(Rule.UNREGISTERED.id());
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}|]+)(\\|[^{}]*)?}");
    private static final Pattern CJK = Pattern.compile("\\p{IsHan}");

    private final ResourceBundle en = Messages.bundle(Locale.ROOT);
    private final ResourceBundle zh = Messages.bundle(ZH);

    @Test
    void every_rule_has_a_stable_dotted_id() {
        Set<String> ids = new HashSet<>();
        for (Rule r : Rule.values()) {
            assertThat(r.id()).matches("[a-z0-9_]+(\\.[a-z0-9_]+)+");
            assertThat(ids.add(r.id())).as("unique id %s", r.id()).isTrue();
            assertThat(Rule.byId(r.id())).isSameAs(r);
        }
    }

    @Test
    void both_bundles_hold_exactly_the_rule_and_phrase_keys() {
        Set<String> expected = new TreeSet<>();
        for (Rule r : Rule.values()) {
            expected.add(r.id());
        }
        for (Phrase p : Phrase.values()) {
            expected.add(p.key());
        }
        assertThat(new TreeSet<>(en.keySet())).isEqualTo(expected);
        assertThat(new TreeSet<>(Collections.list(zh.getKeys()))).isEqualTo(expected);
        assertThat(zh.getLocale()).isEqualTo(ZH);
    }

    @Test
    void templates_use_only_declared_arguments_and_the_same_ones_in_both_languages() {
        for (Rule r : Rule.values()) {
            checkTemplates(r.id(), r.args());
            assertThat(placeholders(r.specTemplate(4))).as("spec of %s", r).isSubsetOf(r.args());
            assertThat(placeholders(r.specTemplate(5))).as("spec of %s", r).isSubsetOf(r.args());
        }
        for (Phrase p : Phrase.values()) {
            checkTemplates(p.key(), p.args());
        }
    }

    private void checkTemplates(String key, List<String> args) {
        Set<String> english = placeholders(en.getString(key));
        assertThat(english).as("arguments of %s", key).isSubsetOf(args);
        assertThat(placeholders(zh.getString(key))).as("zh_CN arguments of %s", key).isEqualTo(english);
    }

    @Test
    void the_chinese_bundle_is_translated() {
        List<String> untranslated = new ArrayList<>();
        for (String key : Collections.list(zh.getKeys())) {
            if (SAME_IN_BOTH.contains(key)) {
                continue;
            }
            String text = zh.getString(key);
            if (text.equals(en.getString(key)) || !CJK.matcher(text).find()) {
                untranslated.add(key + "=" + text);
            }
        }
        assertThat(untranslated).as("English text left in Messages_zh_CN").isEmpty();
    }

    @Test
    void every_rule_renders_in_both_locales_with_sample_arguments() {
        for (Rule r : Rule.values()) {
            for (int n : new int[] {1, 2}) {
                Object[] args = sample(r.args(), n);
                Finding f = Finding.of(r, 5, "field", 0, 0, args);
                for (Locale l : new Locale[] {Locale.ROOT, Locale.ENGLISH, ZH}) {
                    String text = f.message(l);
                    assertThat(text).as("%s in %s", r, l).isNotBlank();
                    assertThat(placeholders(text)).as("unfilled arguments of %s in %s", r, l)
                            .isSubsetOf(literalBraces(Messages.bundle(l).getString(r.id())));
                }
                assertThat(f.spec()).as("spec of %s", r).doesNotContain("{");
                if (r.isDiagnosis()) {
                    assertThat(Diagnosis.of(r, args).message(ZH)).isEqualTo(f.message(ZH));
                }
            }
        }
    }

    @Test
    void plural_forms_follow_the_number() {
        Finding one = Finding.of(Rule.REMAINING_LENGTH_EXTRA_BYTES, 4, "remaining_length", 1, 1, 2, 3, 1);
        Finding two = Finding.of(Rule.REMAINING_LENGTH_EXTRA_BYTES, 4, "remaining_length", 1, 1, 2, 4, 2);
        assertThat(one.message()).isEqualTo("remaining_length declares 2 but 3 bytes present (1 extra byte)");
        assertThat(two.message()).isEqualTo("remaining_length declares 2 but 4 bytes present (2 extra bytes)");
        assertThat(two.message(ZH)).isEqualTo("remaining_length 声明为 2，但实际有 4 字节（多出 2 字节）");
    }

    @Test
    void nested_findings_and_phrases_render_in_the_same_locale() {
        Finding inner = Finding.of(Rule.PACKET_ID_ZERO, 4, "packet_id", 2, 2, "PUBACK");
        Finding outer = Finding.of(Rule.REMAINING_LENGTH_TOO_SHORT, 4, "remaining_length", 1, 1, 2, 3, 1, inner);
        assertThat(outer.message()).endsWith("read literally, packet_id 0 in PUBACK; packet identifiers must be "
                + "non-zero");
        assertThat(outer.message(ZH)).endsWith("PUBACK 中的 packet_id 为 0；报文标识符必须非零");
        assertThat(Phrase.TLS_ALERT.with().render(ZH)).isEqualTo("一条 TLS 告警");
    }

    @Test
    void a_literal_brace_is_kept() {
        Finding f = Finding.of(Rule.TOPIC_FILTER_SHARED_SUBSCRIPTION, 5, "topic_filter", 0, 9, "$share/x");
        assertThat(f.message()).contains("must be $share/{ShareName}/{filter} with");
    }

    private static Object[] sample(List<String> names, int n) {
        Object[] v = new Object[names.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n;
        }
        return v;
    }

    /** Names written as literal text in braces ({@code {{name}}), which rendering keeps. */
    private static Set<String> literalBraces(String template) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("\\{\\{([^{}|]+)}").matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static Set<String> placeholders(String template) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(template.replace("{{", ""));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
