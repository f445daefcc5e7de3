package io.mqscope.payload;

/**
 * A Sparkplug B topic (Sparkplug 3.0.0 section 4.1.1): {@code spBv1.0/group_id/message_type/edge_node_id
 * [/device_id]}, or the host application's {@code spBv1.0/STATE/host_id}.
 */
public record SparkplugTopic(String group, String type, String edgeNode, String device) {
    public static final String NAMESPACE = "spBv1.0";

    /** The parts of {@code topic}, or null when it is not a Sparkplug B topic. */
    public static SparkplugTopic parse(String topic) {
        if (topic == null || !topic.startsWith(NAMESPACE + "/")) {
            return null;
        }
        String[] p = topic.split("/", -1);
        if (p.length == 3 && p[1].equals("STATE")) {
            return new SparkplugTopic(null, "STATE", p[2], null);
        }
        if (p.length < 4 || p.length > 5) {
            return null;
        }
        return new SparkplugTopic(p[1], p[2], p[3], p.length == 5 ? p[4] : null);
    }

    /** True for the message types whose payload is a Sparkplug B Protobuf payload (all but STATE). */
    public boolean protobuf() {
        return !type.equals("STATE");
    }

    /** One edge node's messages share their sequence numbers and aliases (section 6.4.19, 6.4.21). */
    public String edgeNodeKey() {
        return group + "/" + edgeNode;
    }

    /** NDATA, NBIRTH, ... come from the edge node; DDATA, DBIRTH, ... from one of its devices. */
    public boolean fromDevice() {
        return device != null;
    }
}
