package io.mqscope.ui.live;

import io.mqscope.profile.Profile;
import io.mqscope.session.ConnectionState;
import io.mqscope.session.MessageEvent;
import io.mqscope.session.Session;
import io.mqscope.session.SessionListener;
import io.mqscope.session.StateChange;
import io.mqscope.tap.PacketEvent;
import io.mqscope.tap.WebSocketFrameEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One connection as the UI sees it. Session callbacks (I/O threads) only append to bounded rings and bump counters;
 * the FX thread takes what is new once per pulse with {@link #takeNewMessages} / {@link #takeNewPackets}.
 */
public final class LiveConnection implements SessionListener {
    private final String id;
    private volatile Profile profile;
    private volatile Session session;
    private final AtomicReference<StateChange> state;
    private final EventRing<MessageEvent> messages;
    private final EventRing<PacketEvent> packets;
    private final EventRing<WebSocketFrameEvent> frames;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private long messagesSeen;
    private long packetsSeen;
    private long framesSeen;

    public LiveConnection(Profile profile, int maxMessages, int maxPackets) {
        this.id = profile.id() == null ? profile.name() : profile.id();
        this.profile = profile;
        this.state = new AtomicReference<>(new StateChange(id, java.time.Instant.now(),
                ConnectionState.DISCONNECTED, null, null));
        this.messages = new EventRing<>(maxMessages);
        this.packets = new EventRing<>(maxPackets);
        this.frames = new EventRing<>(maxPackets);
    }

    public String id() {
        return id;
    }

    public Profile profile() {
        return profile;
    }

    public void setProfile(Profile p) {
        profile = p;
    }

    public Session session() {
        return session;
    }

    public void setSession(Session s) {
        session = s;
    }

    public StateChange state() {
        return state.get();
    }

    public long receivedCount() {
        return received.get();
    }

    public long sentCount() {
        return sent.get();
    }

    public EventRing<MessageEvent> messages() {
        return messages;
    }

    public EventRing<PacketEvent> packets() {
        return packets;
    }

    /** WebSocket frames seen upstream (ws and wss connections only), bounded like the packets. */
    public EventRing<WebSocketFrameEvent> frames() {
        return frames;
    }

    @Override
    public void onWebSocketFrame(WebSocketFrameEvent frame) {
        frames.add(frame);
    }

    @Override
    public void onState(StateChange change) {
        state.set(change);
    }

    @Override
    public void onMessage(MessageEvent m) {
        (m.outgoing() ? sent : received).incrementAndGet();
        messages.add(m);
    }

    @Override
    public void onPacket(PacketEvent p) {
        packets.add(p);
    }

    /** Messages added since the last call (FX thread only); at most the ring's capacity. */
    public List<MessageEvent> takeNewMessages() {
        List<MessageEvent> out = new ArrayList<>();
        messagesSeen = messages.since(messagesSeen, out);
        return out;
    }

    public List<PacketEvent> takeNewPackets() {
        List<PacketEvent> out = new ArrayList<>();
        packetsSeen = packets.since(packetsSeen, out);
        return out;
    }

    public List<WebSocketFrameEvent> takeNewFrames() {
        List<WebSocketFrameEvent> out = new ArrayList<>();
        framesSeen = frames.since(framesSeen, out);
        return out;
    }

    public void setState(ConnectionState s, String reason) {
        state.set(new StateChange(id, java.time.Instant.now(), s, null, reason));
    }
}
