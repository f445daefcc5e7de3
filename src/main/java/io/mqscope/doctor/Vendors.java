package io.mqscope.doctor;

import java.util.Locale;

/** Platforms whose refusals mean something particular, known by the broker's host name. */
enum Vendors {
    ALIYUN("vendor.aliyun", ".aliyuncs.com"),
    TENCENT("vendor.tencent", ".tencentdevices.com"),
    HUAWEI("vendor.huawei", ".myhuaweicloud.com"),
    ONENET("vendor.onenet", ".heclouds.com");

    private final String key;
    private final String suffix;

    Vendors(String key, String suffix) {
        this.key = key;
        this.suffix = suffix;
    }

    /** The vendor of this broker host, or null. */
    static Vendors of(String host) {
        if (host == null) {
            return null;
        }
        String h = host.toLowerCase(Locale.ROOT);
        for (Vendors v : values()) {
            if (h.endsWith(v.suffix)) {
                return v;
            }
        }
        return null;
    }

    /** The sentence about a refused CONNECT on this platform. */
    Words connack() {
        return Words.of(key + ".connack");
    }

    /** The sentence about a refused SUBSCRIBE or PUBLISH on this platform. */
    Words topic(String topic) {
        return Words.of(key + ".topic", topic);
    }
}
