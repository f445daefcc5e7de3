package io.mqscope.ui.settings;

import java.util.List;

/**
 * The main window's size and split-pane dividers as the user left them (issue 14 item 8), restored at the next
 * start. Dividers are listed per split pane in the window's tree order, each with its positions (fractions).
 */
public record WindowLayout(double width, double height, boolean maximized, List<double[]> dividers) {
    public WindowLayout {
        dividers = dividers == null ? List.of() : dividers.stream().map(double[]::clone).toList();
    }

    /**
     * The size for a first start on a screen of {@code screenWidth} x {@code screenHeight}: most of it, up to a
     * size beyond which more room helps no list (1600 x 1000).
     */
    public static WindowLayout fitting(double screenWidth, double screenHeight) {
        return new WindowLayout(Math.min(1600, Math.floor(screenWidth * 0.92)),
                Math.min(1000, Math.floor(screenHeight * 0.92)), false, List.of());
    }

    /** This layout on a screen that may be smaller than the one it was saved on. */
    public WindowLayout within(double screenWidth, double screenHeight) {
        return new WindowLayout(Math.min(width, screenWidth), Math.min(height, screenHeight), maximized, dividers);
    }
}
