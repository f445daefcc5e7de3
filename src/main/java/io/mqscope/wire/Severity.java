package io.mqscope.wire;

public enum Severity {
    ERROR, WARNING, INFO;

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
