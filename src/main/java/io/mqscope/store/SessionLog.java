package io.mqscope.store;

import io.mqscope.session.ConnectionState;
import io.mqscope.session.MessageEvent;
import io.mqscope.session.SessionListener;
import io.mqscope.session.StateChange;
import io.mqscope.tap.PacketEvent;
import io.mqscope.tap.WebSocketFrameEvent;
import java.time.Instant;

/**
 * Everything one session produced, bounded: its messages, its packets, its WebSocket frames and its state changes.
 * Pass it (or wrap it) as the session's listener; appends are cheap and thread-safe, readers page with
 * {@link BoundedLog#range} or follow with {@link BoundedLog#since}.
 */
public final class SessionLog implements SessionListener {
    private static final long STATE_BYTES = 256 << 10;
    /** Frames carry no payload here (the packets do): a fixed weight per frame plus its close reason. */
    private static final int FRAME_OVERHEAD = 128;

    private final String connectionId;
    /** What {@link #state()} says before the session has said anything. */
    private final StateChange initial;
    private final MessageLog messages;
    private final PacketLog packets;
    private final BoundedLog<WebSocketFrameEvent> frames;
    private final BoundedLog<StateChange> states = new BoundedLog<>(STATE_BYTES,
            s -> 96 + 2L * (s.reason() == null ? 0 : s.reason().length()));

    public SessionLog() {
        this("", MessageLog.DEFAULT_MAX_BYTES, Integer.MAX_VALUE, PacketLog.DEFAULT_MAX_BYTES, Integer.MAX_VALUE);
    }

    public SessionLog(long messageBytes, long packetBytes) {
        this("", messageBytes, Integer.MAX_VALUE, packetBytes, Integer.MAX_VALUE);
    }

    /**
     * @param maxMessages also keep no more than this many messages (the user's setting); frames are bounded like
     *                    the packets, by {@code packetBytes} and {@code maxPackets}
     */
    public SessionLog(String connectionId, long messageBytes, int maxMessages, long packetBytes, int maxPackets) {
        this.connectionId = connectionId;
        messages = new MessageLog(messageBytes, maxMessages);
        packets = new PacketLog(packetBytes, maxPackets);
        frames = new BoundedLog<>(packetBytes, maxPackets,
                f -> FRAME_OVERHEAD + 2L * (f.closeReason() == null ? 0 : f.closeReason().length()));
        initial = new StateChange(connectionId, Instant.now(), ConnectionState.DISCONNECTED, null, null);
    }

    @Override
    public void onMessage(MessageEvent message) {
        messages.append(message);
    }

    @Override
    public void onPacket(PacketEvent packet) {
        packets.append(packet);
    }

    @Override
    public void onWebSocketFrame(WebSocketFrameEvent frame) {
        frames.append(frame);
    }

    @Override
    public void onState(StateChange change) {
        states.append(change);
    }

    /** The newest state (disconnected until the session says otherwise). */
    public StateChange state() {
        StateChange s = states.newest();
        return s == null ? initial : s;
    }

    public String connectionId() {
        return connectionId;
    }

    public MessageLog messages() {
        return messages;
    }

    public PacketLog packets() {
        return packets;
    }

    /** WebSocket frames seen upstream (ws and wss connections only). */
    public BoundedLog<WebSocketFrameEvent> frames() {
        return frames;
    }

    /** The user's count limits, applied at once (the byte bounds stay). */
    public void setLimits(int maxMessages, int maxPackets) {
        messages.entries().setMaxEntries(maxMessages);
        packets.entries().setMaxEntries(maxPackets);
        frames.setMaxEntries(maxPackets);
    }

    public BoundedLog<StateChange> states() {
        return states;
    }
}
