package io.mqscope.store;

import io.mqscope.session.MessageEvent;
import io.mqscope.session.SessionListener;
import io.mqscope.session.StateChange;
import io.mqscope.tap.PacketEvent;

/**
 * Everything one session produced, bounded: its messages, its packets and its state changes. Pass it (or wrap it)
 * as the session's listener; appends are cheap and thread-safe, readers page with {@link BoundedLog#range}.
 */
public final class SessionLog implements SessionListener {
    private static final long STATE_BYTES = 256 << 10;

    private final MessageLog messages;
    private final PacketLog packets;
    private final BoundedLog<StateChange> states = new BoundedLog<>(STATE_BYTES,
            s -> 96 + 2L * (s.reason() == null ? 0 : s.reason().length()));

    public SessionLog() {
        this(MessageLog.DEFAULT_MAX_BYTES, PacketLog.DEFAULT_MAX_BYTES);
    }

    public SessionLog(long messageBytes, long packetBytes) {
        messages = new MessageLog(messageBytes);
        packets = new PacketLog(packetBytes);
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
    public void onState(StateChange change) {
        states.append(change);
    }

    public MessageLog messages() {
        return messages;
    }

    public PacketLog packets() {
        return packets;
    }

    public BoundedLog<StateChange> states() {
        return states;
    }
}
