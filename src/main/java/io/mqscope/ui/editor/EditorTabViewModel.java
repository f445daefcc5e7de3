package io.mqscope.ui.editor;

import io.mqscope.profile.Profile;
import io.mqscope.ui.I18n;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One tab of the connection editor: typed inputs, each validated as it is typed (the reason shown beside it). A tab
 * loads its part of a {@link Profile} and applies it to a builder; the {@link ConnectionEditorViewModel} composes
 * the tabs into the whole profile.
 */
public abstract class EditorTabViewModel {
    private final String key;
    private final List<FormField> fields = new ArrayList<>();
    private final List<Runnable> validators = new ArrayList<>();
    private final List<StringProperty> errors = new ArrayList<>();
    private BooleanBinding valid;

    protected EditorTabViewModel(String key) {
        this.key = key;
    }

    /** The tab's bundle key suffix ({@code editor.section.<key>}). */
    public String key() {
        return key;
    }

    /** The inputs in display order. */
    public List<FormField> fields() {
        return List.copyOf(fields);
    }

    public abstract void load(Profile p);

    /** Writes this tab's part into {@code b}; call only when {@link #validate()} says the tab is valid. */
    public abstract void apply(Profile.Builder b);

    /** Runs every rule again (e.g. after loading); true when no input has a reason against it. */
    public boolean validate() {
        validators.forEach(Runnable::run);
        return validProperty().get();
    }

    public BooleanBinding validProperty() {
        if (valid == null) {
            valid = Bindings.createBooleanBinding(() -> errors.stream().allMatch(e -> e.get().isEmpty()),
                    errors.toArray(new Observable[0]));
        }
        return valid;
    }

    /** A text input; {@code rule} gives the reason the text is wrong, or "" (null: always right). */
    protected final StringProperty text(String name, FormField.Kind kind, Function<String, String> rule) {
        return input(name, kind, List.of(), rule);
    }

    protected final StringProperty choice(String name, List<String> choices) {
        return input(name, FormField.Kind.CHOICE, choices, null);
    }

    protected final BooleanProperty flag(String name) {
        BooleanProperty p = new SimpleBooleanProperty();
        fields.add(new FormField(name, FormField.Kind.SWITCH, null, p, null, List.of()));
        return p;
    }

    private StringProperty input(String name, FormField.Kind kind, List<String> choices,
                                 Function<String, String> rule) {
        StringProperty p = new SimpleStringProperty("");
        StringProperty error = new SimpleStringProperty("");
        errors.add(error);
        fields.add(new FormField(name, kind, p, null, error, choices));
        if (rule != null) {
            Runnable check = () -> error.set(rule.apply(p.get() == null ? "" : p.get()));
            validators.add(check);
            p.addListener((o, a, b) -> check.run());
        }
        return p;
    }

    /** The reason shown beside input {@code name} (for tests and cross-field rules). */
    public final StringProperty error(String name) {
        return (StringProperty) fields.stream().filter(f -> f.key().equals(name)).findFirst().orElseThrow()
                .error();
    }

    static void set(StringProperty p, Object v) {
        p.set(v == null ? "" : v.toString());
    }

    static String trimmed(StringProperty p) {
        return p.get() == null ? "" : p.get().trim();
    }

    static String orNull(StringProperty p) {
        String v = trimmed(p);
        return v.isEmpty() ? null : v;
    }

    static Long longOrNull(StringProperty p) {
        String v = trimmed(p);
        return v.isEmpty() ? null : Long.parseLong(v);
    }

    static Integer intOrNull(StringProperty p) {
        String v = trimmed(p);
        return v.isEmpty() ? null : Integer.parseInt(v);
    }

    /** "name=value" lines, as the user types user properties and signing inputs. */
    static String pairs(List<Profile.UserProperty> ups) {
        StringBuilder sb = new StringBuilder();
        for (Profile.UserProperty u : ups) {
            sb.append(u.name()).append('=').append(u.value()).append('\n');
        }
        return sb.toString().strip();
    }

    static List<Profile.UserProperty> parsePairs(String v) {
        List<Profile.UserProperty> out = new ArrayList<>();
        for (String l : v.split("\n")) {
            int eq = l.indexOf('=');
            if (eq > 0) {
                out.add(new Profile.UserProperty(l.substring(0, eq).trim(), l.substring(eq + 1).trim()));
            }
        }
        return out;
    }

    static String required(String v) {
        return v.isBlank() ? I18n.t("editor.error.required") : "";
    }

    static String intRange(String v, int min, int max, boolean optional) {
        if (v.isBlank()) {
            return optional ? "" : I18n.t("editor.error.required");
        }
        try {
            int n = Integer.parseInt(v.trim());
            return n < min || n > max ? I18n.t("editor.error.range", min, max) : "";
        } catch (NumberFormatException e) {
            return I18n.t("editor.error.number");
        }
    }

    /** An optional whole number in [min, max]. */
    static String longRange(String v, long min, long max) {
        if (v.isBlank()) {
            return "";
        }
        try {
            long n = Long.parseLong(v.trim());
            return n < min || n > max ? I18n.t("editor.error.range", min, max) : "";
        } catch (NumberFormatException e) {
            return I18n.t("editor.error.number");
        }
    }

    static String pairsError(String v) {
        int line = 0;
        for (String l : v.split("\n")) {
            line++;
            if (!l.isBlank() && l.indexOf('=') <= 0) {
                return I18n.t("editor.error.pair", line);
            }
        }
        return "";
    }
}
