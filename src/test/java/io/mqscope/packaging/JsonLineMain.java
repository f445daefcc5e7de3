package io.mqscope.packaging;

/** The whole program of the jar {@link LauncherAppCdsTest} runs through the launcher: one line of JSON. */
public final class JsonLineMain {

    static final String LINE = "{\"ok\":true}";

    public static void main(String[] args) {
        System.out.println(LINE);
    }

    private JsonLineMain() {
    }
}
