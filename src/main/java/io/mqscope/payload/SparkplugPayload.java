package io.mqscope.payload;

import java.util.List;

/** One Sparkplug B payload as sent (section 6.4.1): absent fields are null. */
public record SparkplugPayload(Long timestamp, Long seq, String uuid, List<Metric> metrics, byte[] body) {

    public SparkplugPayload {
        metrics = List.copyOf(metrics);
    }

    /**
     * One metric (section 6.4.3): a DATA message may carry only the alias; the name and data type are then those of
     * the birth certificate. {@code value} is the raw one-of member (Integer, Long, Float, Double, Boolean, String,
     * byte[], or the JSON of a DataSet or Template).
     */
    public record Metric(String name, Long alias, Long timestamp, Integer datatype, boolean isNull, Object value,
                         boolean historical, boolean transientValue) {
    }
}
