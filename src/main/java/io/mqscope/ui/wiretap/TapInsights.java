package io.mqscope.ui.wiretap;

import io.mqscope.doctor.Insight;
import io.mqscope.tap.TapDoctor;
import io.mqscope.tap.TapEvent;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The conversation doctor over the wiretaps of the left pane: one doctor per feed (a tap; the doctor looks across
 * its clients), insights keyed like the clients' rows (the feed's prefix before {@code c1}). Written from the taps'
 * event loops (a short lock), read by the FX thread once per pulse; the newest {@value #KEPT} are kept.
 */
public final class TapInsights {
    private static final int KEPT = 500;

    private final Map<String, TapDoctor> doctors = new HashMap<>();
    private final ArrayDeque<Insight> kept = new ArrayDeque<>();
    private long added;

    synchronized void see(String prefix, TapEvent e) {
        keep(prefix, doctors.computeIfAbsent(prefix, p -> new TapDoctor(null)).see(e));
    }

    /** Lets time pass ({@link System#nanoTime()}): an unanswered PINGREQ shows without another event. */
    public synchronized void tick(long nanoTime) {
        doctors.forEach((prefix, d) -> keep(prefix, d.tick(nanoTime)));
    }

    /** How many insights were found so far. */
    public synchronized long count() {
        return added;
    }

    /** Every kept insight of the feeds (all clients of a wiretap, across its runs), oldest first. */
    public synchronized List<Insight> all() {
        return List.copyOf(kept);
    }

    /** The kept insights about the client with this key, oldest first. */
    public synchronized List<Insight> of(String key) {
        return kept.stream().filter(i -> i.conns().contains(key)).toList();
    }

    synchronized void clear() {
        kept.clear();
        doctors.clear();
    }

    private void keep(String prefix, List<Insight> found) {
        for (Insight i : found) {
            // the tap numbers its clients from c1; the rows' keys carry the feed's prefix
            kept.addLast(i.renamed(c -> prefix + c));
            added++;
            if (kept.size() > KEPT) {
                kept.removeFirst();
            }
        }
    }
}
