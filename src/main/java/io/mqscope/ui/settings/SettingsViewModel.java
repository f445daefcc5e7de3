package io.mqscope.ui.settings;

import io.mqscope.payload.PayloadFormat;
import io.mqscope.ui.I18n;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The Settings dialog's state; limits are typed as text and validated with a reason. */
public final class SettingsViewModel {
    private final BooleanProperty chinese = new SimpleBooleanProperty();
    private final BooleanProperty dark = new SimpleBooleanProperty();
    private final StringProperty maxMessages = new SimpleStringProperty();
    private final StringProperty maxPackets = new SimpleStringProperty();
    private final ObjectProperty<PayloadFormat> defaultView = new SimpleObjectProperty<>();
    private final BooleanProperty brokerOnLan = new SimpleBooleanProperty();
    private final StringProperty maxMessagesError = new SimpleStringProperty("");
    private final StringProperty maxPacketsError = new SimpleStringProperty("");
    private final BooleanBinding valid;

    public SettingsViewModel(UiSettings s) {
        chinese.set(s.chinese());
        dark.set(s.dark());
        maxMessages.set(Integer.toString(s.maxMessages()));
        maxPackets.set(Integer.toString(s.maxPackets()));
        defaultView.set(s.defaultView());
        brokerOnLan.set(s.brokerOnLan());
        maxMessages.addListener((o, a, b) -> maxMessagesError.set(limitError(b)));
        maxPackets.addListener((o, a, b) -> maxPacketsError.set(limitError(b)));
        valid = Bindings.createBooleanBinding(() -> maxMessagesError.get().isEmpty() && maxPacketsError.get().isEmpty(),
                maxMessagesError, maxPacketsError);
    }

    /** Empty when valid, else the reason. */
    public static String limitError(String text) {
        try {
            int v = Integer.parseInt(text.trim());
            if (v < UiSettings.MIN_LIMIT || v > UiSettings.MAX_LIMIT) {
                return I18n.t("settings.limit.range", UiSettings.MIN_LIMIT, UiSettings.MAX_LIMIT);
            }
            return "";
        } catch (NumberFormatException e) {
            return I18n.t("settings.limit.number");
        }
    }

    public UiSettings result() {
        return new UiSettings(chinese.get() ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH, dark.get(),
                Integer.parseInt(maxMessages.get().trim()), Integer.parseInt(maxPackets.get().trim()),
                defaultView.get(), brokerOnLan.get());
    }

    public BooleanProperty chineseProperty() { return chinese; }
    public BooleanProperty darkProperty() { return dark; }
    public StringProperty maxMessagesProperty() { return maxMessages; }
    public StringProperty maxPacketsProperty() { return maxPackets; }
    public ObjectProperty<PayloadFormat> defaultViewProperty() { return defaultView; }
    public BooleanProperty brokerOnLanProperty() { return brokerOnLan; }
    public StringProperty maxMessagesErrorProperty() { return maxMessagesError; }
    public StringProperty maxPacketsErrorProperty() { return maxPacketsError; }
    public BooleanBinding validProperty() { return valid; }
}
