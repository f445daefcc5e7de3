package io.mqscope.ui.wiretap;

import io.mqscope.store.BoundedLog;
import io.mqscope.tap.PacketEvent;
import io.mqscope.tap.TapEvent;
import io.mqscope.ui.BoundedAppend;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.capture.SessionPcapng;
import io.mqscope.ui.packets.PacketsViewModel;
import io.mqscope.wire.Direction;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The selected tapped client: its packets in the Packets inspector's own view model (the same table, hex dump,
 * fields, findings and diagnosis as a connection's), its HTTP upgrade exchange, its WebSocket messages with their
 * bytes and place in the MQTT byte stream, and a verdict banner when it ended badly. New packets and messages are
 * taken once per pulse by following the wiretap's logs by sequence number.
 */
public final class TapInspectorViewModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());
    /** Bytes of a WebSocket message shown in its line; the packets show every byte. */
    private static final int MESSAGE_BYTES_SHOWN = 32;

    private final PacketsViewModel packets;
    private final int maxVisible;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper http = new ReadOnlyStringWrapper("");
    private final ObservableList<String> messages = FXCollections.observableArrayList();
    private final javafx.beans.property.ReadOnlyBooleanWrapper webSocket =
            new javafx.beans.property.ReadOnlyBooleanWrapper();
    private TapClients store;
    private String key;
    private long packetsSeen;
    private final io.mqscope.ui.insights.InsightsViewModel insights = new io.mqscope.ui.insights.InsightsViewModel();
    private long insightsSeen = -1;
    /** The selected wiretap's insights about all its clients (filled by {@link WiretapsViewModel}). */
    private final io.mqscope.ui.insights.InsightsViewModel tapInsights =
            new io.mqscope.ui.insights.InsightsViewModel();
    private long messagesSeen;
    private boolean exchangeShown;
    /** The shown client's row as last refreshed: what a language switch says again. */
    private TapClientRow shown;

    public TapInspectorViewModel(int maxVisible, TaskExecutor tasks) {
        this.maxVisible = maxVisible;
        this.packets = new PacketsViewModel(maxVisible, tasks);
        // an insight's packets of this client are selected in its own list
        insights.setJump(r -> packets.reveal(r.conn(), r.from(), r.index()));
        title.set(I18n.t("wiretap.inspector.none"));
    }

    /** Shows a client (null: none): everything the logs still hold of it, then what comes on each pulse. */
    public void show(TapClients clients, TapClientRow row) {
        store = row == null ? null : clients;
        shown = row;
        key = row == null ? null : row.key();
        insights.clear();
        insightsSeen = -1;
        if (store == null) {
            packets.setAfterBrokerClosed(e -> false);
            packets.setSource(List::of, () -> { });
            packets.setPcapngSource(null);
            messages.clear();
            http.set("");
            verdict.set("");
            webSocket.set(false);
            title.set(I18n.t("wiretap.inspector.none"));
            return;
        }
        TapClients s = store;
        String k = key;
        packets.setAfterBrokerClosed(s::afterBrokerClosed);
        // every reload (a filter changed, pause released) reads one snapshot and follows the log from its end:
        // nothing is shown twice, nothing missed
        packets.setSource(() -> {
            BoundedLog.Slice<PacketEvent> snap = s.packets().snapshot();
            packetsSeen = snap.endSequence();
            return snap.items().stream().filter(e -> e.connectionId().equals(k)).toList();
        }, () -> { });
        // "Export pcapng": every packet the log holds of the client, read apart from the table's source (which
        // moves packetsSeen)
        packets.setPcapngSource(SessionPcapng.tapped(row.client(), row.listen()), () -> s.packetsOf(k));
        BoundedLog.Slice<TapClients.Message> snap = s.messages().snapshot();
        messagesSeen = snap.endSequence();
        List<TapClients.Message> all = snap.items().stream().filter(m -> m.key().equals(k)).toList();
        messages.setAll(all.subList(Math.max(0, all.size() - maxVisible), all.size()).stream()
                .map(m -> line(m.message())).toList());
        exchangeShown = false;
        refresh(row);
    }

    /** Once per pulse: new packets and messages of the shown client, its row as it is now. */
    public void pulse(TapClientRow row) {
        if (store == null) {
            return;
        }
        BoundedLog.Slice<PacketEvent> p = store.packets().since(packetsSeen);
        packetsSeen = p.endSequence();
        String k = key;
        List<PacketEvent> mine = p.items().stream().filter(e -> e.connectionId().equals(k)).toList();
        packets.append(mine);
        BoundedLog.Slice<TapClients.Message> m = store.messages().since(messagesSeen);
        messagesSeen = m.endSequence();
        BoundedAppend.appendNewest(messages, m.items(), x -> x.key().equals(k), x -> line(x.message()), maxVisible);
        store.insights().tick(System.nanoTime());
        long found = store.insights().count();
        if (found != insightsSeen && k != null) {
            insightsSeen = found;
            insights.show(store.insights().of(k));
        }
        if (row != null) {
            refresh(row);
        }
    }

    /** After a language switch: the title, verdict and HTTP exchange of the shown client in the new language. */
    public void relocalize() {
        if (store == null || shown == null) {
            title.set(I18n.t("wiretap.inspector.none"));
            return;
        }
        exchangeShown = false;
        refresh(shown);
    }

    private void refresh(TapClientRow row) {
        shown = row;
        String state = switch (row.state()) {
            case HANDSHAKE -> I18n.t("wiretap.client.handshake");
            case OPEN -> I18n.t("wiretap.client.open");
            case CLOSED -> I18n.t("wiretap.client.closed");
        };
        title.set(I18n.t("wiretap.inspector.title", row.client(), row.listen(), state));
        verdict.set(row.endedBadly() ? row.verdict() : "");
        webSocket.set(row.webSocket());
        if (!exchangeShown) {
            TapEvent.HttpExchange h = store.exchange(row.key());
            if (h != null) {
                http.set(exchange(h));
                exchangeShown = true;
            } else {
                http.set(row.state() == TapClientRow.State.HANDSHAKE ? "" : I18n.t("wiretap.http.none"));
            }
        }
    }

    /** The upgrade request and the tap's answer as they were on the wire, under translated headings. */
    static String exchange(TapEvent.HttpExchange h) {
        StringBuilder b = new StringBuilder();
        b.append(I18n.t("wiretap.http.request")).append('\n').append(h.method()).append(' ').append(h.path())
                .append('\n');
        headers(b, h.requestHeaders());
        b.append('\n').append(I18n.t("wiretap.http.response")).append('\n').append(h.status()).append('\n');
        headers(b, h.responseHeaders());
        b.append('\n').append(I18n.t("wiretap.http.subprotocol", h.asked() == null ? "-" : h.asked(),
                h.answered() == null ? "-" : h.answered()));
        return b.toString();
    }

    private static void headers(StringBuilder b, Map<String, String> headers) {
        if (headers != null) {
            headers.forEach((n, v) -> b.append(n).append(": ").append(v).append('\n'));
        }
    }

    /** One message: time, direction, opcode, length, where its payload starts in the MQTT stream, its bytes. */
    static String line(TapEvent.WebSocketMessage m) {
        byte[] bytes = m.bytes();
        String hex = HexFormat.ofDelimiter(" ").formatHex(bytes, 0, Math.min(bytes.length, MESSAGE_BYTES_SHOWN))
                + (bytes.length > MESSAGE_BYTES_SHOWN ? " …" : "");
        String dir = m.from() == Direction.CLIENT_TO_BROKER ? I18n.t("packets.toBroker") : I18n.t("packets.toClient");
        String opcode = m.opcode() + (m.fin() ? "" : " (fin=0)")
                + (m.closeCode() == null ? "" : " " + m.closeCode())
                + (m.closeReason() == null || m.closeReason().isEmpty() ? "" : " \"" + m.closeReason() + "\"");
        return I18n.t("wiretap.message.line", TIME.format(m.time()), dir, opcode, bytes.length,
                Long.toString(m.streamOffset()), hex);
    }

    public PacketsViewModel packets() { return packets; }
    public io.mqscope.ui.insights.InsightsViewModel insights() { return insights; }
    /** The whole wiretap's insights: takeovers and ping-pong involve two clients. */
    public io.mqscope.ui.insights.InsightsViewModel tapInsights() { return tapInsights; }
    public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }
    /** The verdict of a client that ended badly, else empty. */
    public ReadOnlyStringProperty verdictProperty() { return verdict.getReadOnlyProperty(); }
    public ReadOnlyStringProperty httpProperty() { return http.getReadOnlyProperty(); }
    public ObservableList<String> messages() { return messages; }
    /** The client upgraded to WebSocket: its HTTP exchange and messages are worth the room. */
    public javafx.beans.property.ReadOnlyBooleanProperty webSocketProperty() {
        return webSocket.getReadOnlyProperty();
    }
    /** The key of the client shown, or null. */
    public String shownKey() { return key; }
}
