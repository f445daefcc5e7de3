package io.mqscope.check;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stage of a broker check (dns, tcp, tls, websocket, mqtt): its status, time, one line of detail and the facts
 * it observed, in the order it observed them. Facts are strings, numbers, booleans, lists or maps of those.
 */
public record StageResult(String stage, Status status, long ms, String detail, Map<String, Object> facts) {
    public StageResult {
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }
}
