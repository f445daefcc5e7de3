package io.mqscope.profile;

/**
 * "Copy as code": a ready-to-run connection, subscribe and publish for a profile, for the clients our users write
 * by hand after MQScope has shown them a working connection. Keepalive, clean start, will, TLS files and MQTT 5
 * properties are carried over where the target client has them; secrets are placeholders (an environment variable,
 * a prompt or {@code '<password>'}) unless asked for.
 */
public final class Snippet {
    /** What the snippet is for. */
    public enum Target {
        NODE("node"), BROWSER("browser"), WECHAT_MQTTJS("wechat-mqttjs"), WECHAT_PAHO("wechat-paho"),
        PYTHON("python"), JAVA("java"), MOSQUITTO("mosquitto"), MQSCOPE("mqscope");

        private final String id;

        Target(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Target byId(String id) {
            for (Target t : values()) {
                if (t.id.equalsIgnoreCase(id)) {
                    return t;
                }
            }
            return null;
        }
    }

    /**
     * MQTT.js's WeChat transport ({@code lib/connect/wx.js}, {@code src/lib/connect/wx.ts}) sends
     * {@code chunk.buffer}, the whole ArrayBuffer behind a chunk, since v3.0.0 (MQTT.js #913). mqtt-packet 6.6.0
     * (mqtt-packet #90, 2020-09-08) and later write the Remaining Length into a 4-byte buffer and pass a subarray of
     * it, so such a client sends the length padded to 4 bytes ({@code 1a 00 00 00}), which brokers refuse. Every
     * MQTT.js 3.x and 4.x installed with mqtt-packet 6.6.0 or later is affected (their ^6 ranges resolve to it);
     * PR #1506, which changed that line, was closed unmerged, and wx.js still sends {@code chunk.buffer} in 5.x.
     * MQTT.js 5 escapes it another way: its wx stream is a {@code BufferedDuplex} whose {@code writev} joins a
     * packet's corked pieces with {@code Buffer.concat} into one exact buffer before wx.js sees it (checked with
     * 5.10.4's bundle under a wx shim, where the CONNECT goes out whole and unpadded).
     */
    public static final String MQTTJS_WX_ADVICE = "MQTT.js 3.x and 4.x in a mini program: their wx transport sends "
            + "chunk.buffer, the whole ArrayBuffer behind each chunk (since v3.0.0, #913); with mqtt-packet >= 6.6.0 "
            + "(#90) the Remaining Length is a subarray of a 4-byte buffer, so it goes out padded (1a 00 00 00) and "
            + "the broker closes the connection. PR #1506, which fixed that line, was closed unmerged. Use MQTT.js 5 "
            + "(here " + MqttJsSnippets.MQTTJS_VERSION + "): its wx stream joins each packet into one exact buffer "
            + "before sending. Staying on 4.x: pin mqtt-packet 6.5.x, or patch wx.js to send chunk.buffer.slice("
            + "chunk.byteOffset, chunk.byteOffset + chunk.byteLength).";

    private Snippet() {
    }

    /** The snippet; {@code topic} is used to subscribe and publish (a default when null). */
    public static String generate(Profile p, Target target, String topic, boolean includeSecrets) {
        String t = topic == null || topic.isBlank() ? "mqscope/snippet" : topic;
        return switch (target) {
            case NODE -> MqttJsSnippets.node(p, t, includeSecrets);
            case BROWSER -> MqttJsSnippets.browser(p, t, includeSecrets);
            case WECHAT_MQTTJS -> WeChatSnippets.mqttJs(p, t, includeSecrets);
            case WECHAT_PAHO -> WeChatSnippets.paho(p, t, includeSecrets);
            case PYTHON -> PythonSnippet.generate(p, t, includeSecrets);
            case JAVA -> JavaSnippet.generate(p, t, includeSecrets);
            case MOSQUITTO -> CommandLineSnippets.mosquitto(p, t, includeSecrets);
            case MQSCOPE -> CommandLineSnippets.mqscope(p, t, includeSecrets);
        };
    }

    /** The file name the snippet is meant to be saved as (the Java one must be named after its class). */
    public static String fileName(Target target) {
        return switch (target) {
            case NODE, WECHAT_MQTTJS, WECHAT_PAHO -> "snippet.js";
            case BROWSER -> "snippet.html";
            case PYTHON -> "snippet.py";
            case JAVA -> JavaSnippet.CLASS + ".java";
            case MOSQUITTO, MQSCOPE -> "snippet.sh";
        };
    }
}
