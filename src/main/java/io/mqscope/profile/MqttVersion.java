package io.mqscope.profile;

/** Protocol levels as in CONNECT: 3 = MQTT 3.1 (MQIsdp), 4 = 3.1.1, 5 = 5.0. */
public enum MqttVersion {
    V3_1(3, "3.1"), V3_1_1(4, "3.1.1"), V5(5, "5");

    private final int level;
    private final String label;

    MqttVersion(int level, String label) {
        this.level = level;
        this.label = label;
    }

    public int level() {
        return level;
    }

    public String label() {
        return label;
    }

    public static MqttVersion fromLabel(String s) {
        for (MqttVersion v : values()) {
            if (v.label.equals(s) || String.valueOf(v.level).equals(s) || (v == V5 && "5.0".equals(s))) {
                return v;
            }
        }
        throw new IllegalArgumentException("MQTT version must be 3.1, 3.1.1 or 5, not '" + s + "'");
    }
}
