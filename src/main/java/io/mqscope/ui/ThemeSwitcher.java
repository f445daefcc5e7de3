package io.mqscope.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;

/** The one place that switches light and dark (AtlantaFX Primer) and adds our own stylesheet. */
public final class ThemeSwitcher {
    private static final String CSS = ThemeSwitcher.class.getResource("mqscope.css").toExternalForm();

    private ThemeSwitcher() {
    }

    public static void apply(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    public static void style(Scene scene, boolean dark) {
        if (!scene.getStylesheets().contains(CSS)) {
            scene.getStylesheets().add(CSS);
        }
        scene.getRoot().getStyleClass().removeAll("theme-dark", "theme-light");
        scene.getRoot().getStyleClass().add(dark ? "theme-dark" : "theme-light");
    }
}
