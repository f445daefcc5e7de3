package io.mqscope.ui.wiretap;

import io.mqscope.store.BoundedLog;
import io.mqscope.store.PacketLog;
import io.mqscope.tap.PacketEvent;
import io.mqscope.tap.TapEvent;
import io.mqscope.wire.Direction;
import io.mqscope.wire.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a wiretap (or the built-in broker's listeners) saw of its clients, bounded: one byte-bounded packet log and
 * one WebSocket message log shared by every client, a tally per client, and at most {@link #MAX_CLIENTS} clients
 * (the oldest closed ones go first). The tap's event loops write through {@link #feed}; the FX thread takes what
 * changed once per pulse ({@link #takeChanges}) and follows the logs by sequence number. Thread-safe.
 */
public final class TapClients {
    static final int MAX_CLIENTS = 500;
    /** A WebSocket message weighs its bytes, its close reason and the record around them. */
    private static final int MESSAGE_OVERHEAD = 160;

    /** The clients that changed and the ones forgotten since the last {@link #takeChanges}. */
    public record Changes(List<TapClientRow> updated, List<String> removed) {
        public boolean isEmpty() {
            return updated.isEmpty() && removed.isEmpty();
        }
    }

    /** One WebSocket message of a client, keyed like its row. */
    public record Message(String key, TapEvent.WebSocketMessage message) {
    }

    private final PacketLog packets;
    private final BoundedLog<Message> messages;
    private final Map<String, Tally> clients = new LinkedHashMap<>();
    private final Map<String, TapEvent.HttpExchange> exchanges = new HashMap<>();
    private final Set<String> changed = new LinkedHashSet<>();
    private final List<String> removed = new ArrayList<>();
    private final TapInsights insights = new TapInsights();
    /**
     * Per client, the stream offset of the first packet it sent after the broker had closed: that one and every
     * later one of the client's were never forwarded ({@link TapEvent.Packet#afterBrokerClosed()}). Read on the FX
     * thread while the rows are drawn, so written before the packet enters the log.
     */
    private final Map<String, Long> lateFrom = new java.util.concurrent.ConcurrentHashMap<>();

    public TapClients() {
        this(PacketLog.DEFAULT_MAX_BYTES);
    }

    /** @param maxBytes bound of the packet log; the message log gets the same */
    public TapClients(long maxBytes) {
        packets = new PacketLog(maxBytes);
        messages = new BoundedLog<>(maxBytes, m -> MESSAGE_OVERHEAD + m.message().length()
                + 2L * (m.message().closeReason() == null ? 0 : m.message().closeReason().length()));
    }

    /**
     * The listener to give one {@link io.mqscope.tap.Wiretap}: its connection ids ({@code c1}, {@code c2}...) start
     * again with every tap, so each feed prefixes them to keep the keys of several taps apart.
     */
    public Consumer<TapEvent> feed(String prefix) {
        return e -> {
            accept(prefix + e.conn(), e);
            insights.see(prefix, e);
        };
    }

    /** What the conversation doctor found across each tap's clients. */
    public TapInsights insights() {
        return insights;
    }

    private void accept(String key, TapEvent e) {
        if (e instanceof TapEvent.Packet p) {
            if (p.afterBrokerClosed()) {
                lateFrom.merge(key, p.packet().offset(), Math::min);
            }
            // appended outside the lock: the logs have their own
            packets.append(new PacketEvent(key, p.nanoTime(), p.time(), p.from(), p.packet()));
        } else if (e instanceof TapEvent.WebSocketMessage m) {
            messages.append(new Message(key, m));
        }
        synchronized (this) {
            Tally t = clients.get(key);
            if (e instanceof TapEvent.Opened o) {
                t = new Tally(key, o);
                clients.put(key, t);
                evictIfFull();
            } else if (t == null) {
                return; // forgotten already
            } else if (e instanceof TapEvent.HttpExchange h) {
                exchanges.put(key, h);
                t.webSocket = h.status() == 101;
                if (t.webSocket) {
                    t.state = TapClientRow.State.OPEN;
                }
            } else if (e instanceof TapEvent.Packet p) {
                t.state = TapClientRow.State.OPEN;
                if (p.from() == Direction.CLIENT_TO_BROKER) {
                    t.in++;
                } else {
                    t.out++;
                }
                if (p.packet().malformed()) {
                    t.errors++;
                }
            } else if (e instanceof TapEvent.StreamFinding f) {
                if (f.finding().severity() == Severity.ERROR) {
                    t.errors++;
                }
            } else if (e instanceof TapEvent.Closed c) {
                t.state = TapClientRow.State.CLOSED;
                t.closedBy = c.by();
                t.verdict = c.said();
            }
            changed.add(key);
        }
    }

    /** Forgets the oldest closed client (the oldest of all when every one is open) beyond the bound. */
    private void evictIfFull() {
        if (clients.size() <= MAX_CLIENTS) {
            return;
        }
        String victim = null;
        for (Tally t : clients.values()) {
            if (t.state == TapClientRow.State.CLOSED) {
                victim = t.key;
                break;
            }
        }
        if (victim == null) {
            victim = clients.keySet().iterator().next();
        }
        clients.remove(victim);
        exchanges.remove(victim);
        lateFrom.remove(victim);
        changed.remove(victim);
        removed.add(victim);
    }

    /** What changed since the last call (FX thread, once per pulse). */
    public synchronized Changes takeChanges() {
        List<TapClientRow> rows = new ArrayList<>(changed.size());
        for (Iterator<String> i = changed.iterator(); i.hasNext(); ) {
            Tally t = clients.get(i.next());
            if (t != null) {
                rows.add(t.row());
            }
            i.remove();
        }
        Changes c = new Changes(rows, List.copyOf(removed));
        removed.clear();
        return c;
    }

    /** True for a packet its client sent after the broker had closed the connection: the broker never read it. */
    public boolean afterBrokerClosed(PacketEvent e) {
        Long from = e.direction() == Direction.CLIENT_TO_BROKER ? lateFrom.get(e.connectionId()) : null;
        return from != null && e.packet().offset() >= from;
    }

    /** Every client, oldest first. */
    public synchronized List<TapClientRow> rows() {
        return clients.values().stream().map(Tally::row).toList();
    }

    /** The client's row, or null when it was forgotten. */
    public synchronized TapClientRow row(String key) {
        Tally t = clients.get(key);
        return t == null ? null : t.row();
    }

    /** The client's WebSocket opening handshake, or null (a byte-stream client, or not there yet). */
    public synchronized TapEvent.HttpExchange exchange(String key) {
        return exchanges.get(key);
    }

    /** Forgets every client and what they sent. */
    public void clear() {
        packets.entries().clear();
        messages.clear();
        insights.clear();
        synchronized (this) {
            removed.addAll(clients.keySet());
            clients.clear();
            exchanges.clear();
            lateFrom.clear();
            changed.clear();
        }
    }

    public BoundedLog<PacketEvent> packets() {
        return packets.entries();
    }

    public BoundedLog<Message> messages() {
        return messages;
    }

    /** The client's packets the log still holds, oldest first. */
    public List<PacketEvent> packetsOf(String key) {
        return packets.entries().snapshot().items().stream().filter(p -> p.connectionId().equals(key)).toList();
    }

    /** The client's WebSocket messages the log still holds, oldest first. */
    public List<TapEvent.WebSocketMessage> messagesOf(String key) {
        return messages.snapshot().items().stream().filter(m -> m.key().equals(key)).map(Message::message).toList();
    }

    /** Counters of one client; only touched under the store's lock. */
    private static final class Tally {
        private final String key;
        private final TapEvent.Opened opened;
        private TapClientRow.State state = TapClientRow.State.HANDSHAKE;
        private long in;
        private long out;
        private long errors;
        private boolean webSocket;
        private String closedBy;
        private io.mqscope.tap.VerdictText verdict;

        Tally(String key, TapEvent.Opened opened) {
            this.key = key;
            this.opened = opened;
        }

        TapClientRow row() {
            return new TapClientRow(key, opened.client(), opened.listen(), opened.time(), state, in, out, errors,
                    webSocket, closedBy, verdict);
        }
    }
}
