package io.mqscope.capture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remarks about a capture for the reader of the report. Remarks that repeat per packet (an IPv4 fragment, a UDP
 * datagram) are counted under one key and rendered once, so a large file gives a short list.
 */
final class Notes {
    private static final int MAX = 200;
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();

    void add(String note) {
        if (notes.size() < MAX) {
            notes.add(note);
        } else {
            count("further remarks left out");
        }
    }

    /** Counts one occurrence of a repeated remark, rendered as "remark: N". */
    void count(String remark) {
        counts.merge(remark, 1L, Long::sum);
    }

    List<String> render() {
        List<String> out = new ArrayList<>(notes);
        counts.forEach((k, v) -> out.add(k + ": " + v));
        return List.copyOf(out);
    }
}
