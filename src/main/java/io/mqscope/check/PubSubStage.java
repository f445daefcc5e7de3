package io.mqscope.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The subscribe and publish stages of {@code mqscope check}: on a unique topic, a subscription at QoS 2, then one
 * message at QoS 0, 1 and 2 back through it with each latency, then a retained message seen by a new subscription
 * and cleared afterwards (an empty retained payload removes it: 3.1.1 §3.3.1.3, 5.0 §3.3.1.3).
 */
final class PubSubStage {
    private final CheckRun run;
    private final RoundTrips trips;
    private final int level;
    private final Map<String, Object> connack;
    private final String base = "mqscope/check/" + RoundTrips.nonce();

    PubSubStage(CheckRun run, PacketChannel channel, int level, Map<String, Object> connackProperties) {
        this.run = run;
        this.trips = new RoundTrips(channel, level);
        this.level = level;
        this.connack = connackProperties;
    }

    private long deadline() {
        return System.nanoTime() + run.timeoutMillis * 1_000_000L;
    }

    /** Adds the subscribe row; false when it failed. */
    boolean subscribe() {
        long t0 = System.nanoTime();
        String topic = base + "/rt";
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("topic_filter", topic);
        facts.put("requested_qos", 2);
        try {
            int id = trips.subscribe(topic, 2);
            if (!trips.until(() -> trips.subAck(id) != null, deadline())) {
                return run.fail("subscribe", t0, "no SUBACK", facts, "subscribe.timeout",
                        run.timeoutMillis / 1000.0);
            }
            int code = trips.subAck(id).codes().isEmpty() ? 0x80 : trips.subAck(id).codes().get(0);
            facts.put("suback_code", code);
            if (code >= 0x80) {
                return run.fail("subscribe", t0, "SUBACK " + hex(code), facts, "subscribe.refused", topic,
                        hex(code) + " " + Connacks.meaning(code, level == 5 ? 5 : 4));
            }
            facts.put("granted_qos", code);
            return run.ok("subscribe", t0, "SUBACK QoS " + code, facts);
        } catch (IOException e) {
            return closed("subscribe", t0, facts, e, "subscribe.closed", topic);
        }
    }

    /** Adds the publish row (after {@link #subscribe()} passed); false when it failed. */
    boolean publish() {
        long t0 = System.nanoTime();
        String topic = base + "/rt";
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("topic", topic);
        int maxQos = connack.get("maximum_qos") instanceof Integer q ? q : 2;
        StringBuilder warn = new StringBuilder();
        try {
            for (int qos = 0; qos <= 2; qos++) {
                if (qos > maxQos) {
                    facts.put("qos" + qos, "skipped: the broker's maximum QoS is " + maxQos);
                    warn.append(run.words.text("publish.qos_skipped", qos, maxQos)).append(' ');
                    continue;
                }
                if (!roundTrip(t0, facts, topic, qos)) {
                    return false;
                }
            }
            if (Boolean.FALSE.equals(connack.get("retain_available"))) {
                facts.put("retained", "skipped: the broker does not keep retained messages");
                warn.append(run.words.text("publish.retain_skipped"));
            } else if (!retained(t0, facts)) {
                return false;
            }
        } catch (IOException e) {
            return closed("publish", t0, facts, e, "publish.closed", topic);
        }
        String detail = "QoS 0/1/2" + (facts.containsKey("retained_ms") ? " + retained" : "");
        if (warn.length() > 0) {
            run.stages.add(new StageResult("publish", Status.WARN, CheckRun.ms(t0), detail + "; "
                    + warn.toString().trim(), facts));
            return true;
        }
        return run.ok("publish", t0, detail, facts);
    }

    private boolean roundTrip(long t0, Map<String, Object> facts, String topic, int qos) throws IOException {
        byte[] payload = ("mqscope check QoS " + qos + " " + RoundTrips.nonce()).getBytes(StandardCharsets.UTF_8);
        long sent = System.nanoTime();
        int id = trips.publish(topic, qos, false, payload);
        boolean done = trips.until(() -> trips.find(topic, payload) != null
                && (qos == 0 || trips.published(qos, id) != null), deadline());
        RoundTrips.Ack ack = qos == 0 ? null : trips.published(qos, id);
        if (ack != null) {
            facts.put("qos" + qos + "_ack_ms", (ack.nanos() - sent) / 1_000_000);
            if (ack.reason() >= 0x80) {
                return run.fail("publish", t0, "QoS " + qos + " " + hex(ack.reason()), facts, "publish.refused",
                        qos, topic, hex(ack.reason()) + " " + Connacks.meaning(ack.reason(), 5));
            }
        }
        RoundTrips.Delivered d = trips.find(topic, payload);
        if (!done && qos > 0 && ack == null) {
            return run.fail("publish", t0, "QoS " + qos + ": no ack", facts, "publish.no_ack", qos,
                    run.timeoutMillis / 1000.0);
        }
        if (d == null) {
            return run.fail("publish", t0, "QoS " + qos + ": not delivered", facts, "publish.not_delivered", qos,
                    topic, run.timeoutMillis / 1000.0);
        }
        facts.put("qos" + qos + "_ms", (d.nanos() - sent) / 1_000_000);
        return true;
    }

    private boolean retained(long t0, Map<String, Object> facts) throws IOException {
        String topic = base + "/retained";
        byte[] payload = ("mqscope check retained " + RoundTrips.nonce()).getBytes(StandardCharsets.UTF_8);
        facts.put("retained_topic", topic);
        long sent = System.nanoTime();
        int id = trips.publish(topic, 1, true, payload);
        try {
            if (!trips.until(() -> trips.published(1, id) != null, deadline())) {
                return run.fail("publish", t0, "retained: no PUBACK", facts, "publish.no_ack", 1,
                        run.timeoutMillis / 1000.0);
            }
            int reason = trips.published(1, id).reason();
            if (reason >= 0x80) {
                return run.fail("publish", t0, "retained " + hex(reason), facts, "publish.refused", 1, topic,
                        hex(reason) + " " + Connacks.meaning(reason, 5));
            }
            long asked = System.nanoTime();
            int sid = trips.subscribe(topic, 1);
            trips.until(() -> trips.find(topic, payload) != null && trips.subAck(sid) != null, deadline());
            RoundTrips.Delivered d = trips.find(topic, payload);
            if (d == null || !d.retain()) {
                return run.fail("publish", t0, "retained: not delivered", facts, "publish.retained_lost", topic,
                        run.timeoutMillis / 1000.0);
            }
            facts.put("retained_publish_ms", (asked - sent) / 1_000_000);
            facts.put("retained_ms", (d.nanos() - asked) / 1_000_000);
            return true;
        } finally {
            // never leave the test message behind: an empty retained message removes it
            int clear = trips.publish(topic, 1, true, new byte[0]);
            boolean cleared = trips.until(() -> trips.published(1, clear) != null, deadline())
                    && trips.published(1, clear).reason() < 0x80;
            facts.put("retained_cleared", cleared);
        }
    }

    private boolean closed(String stage, long t0, Map<String, Object> facts, IOException e, String id,
            String topic) {
        String msg = String.valueOf(e.getMessage());
        facts.put("error", msg);
        if (trips.serverDisconnect >= 0) {
            facts.put("disconnect_reason", hex(trips.serverDisconnect) + " "
                    + Connacks.meaning(trips.serverDisconnect, 5));
            msg = "DISCONNECT " + facts.get("disconnect_reason");
        }
        return run.fail(stage, t0, msg, facts, id, topic, msg);
    }

    private static String hex(int code) {
        return String.format("0x%02X", code);
    }
}
