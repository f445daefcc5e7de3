package io.mqscope.ui.live;

import io.mqscope.doctor.Insight;
import io.mqscope.profile.Profile;
import io.mqscope.session.ConnectionState;
import io.mqscope.session.MessageEvent;
import io.mqscope.session.Sentence;
import io.mqscope.session.Session;
import io.mqscope.session.SessionDoctor;
import io.mqscope.session.SessionListener;
import io.mqscope.session.StateChange;
import io.mqscope.store.BoundedLog;
import io.mqscope.store.MessageLog;
import io.mqscope.store.PacketLog;
import io.mqscope.store.SessionLog;
import io.mqscope.tap.PacketEvent;
import io.mqscope.tap.Stage;
import io.mqscope.tap.WebSocketFrameEvent;
import java.time.Instant;
import java.util.List;

/**
 * One connection as the UI sees it: its profile, its session and the session's {@link SessionLog} (byte-bounded
 * logs in {@code store}). The session reports to the log itself: open it with {@link #log()} as its listener (I/O
 * threads append). The FX thread takes what is new once per refresh with {@link #takeNewMessages} /
 * {@link #takeNewPackets} / {@link #takeNewFrames}, each reader following the log by sequence number.
 */
public final class LiveConnection {
    private final String id;
    private final SessionLog log;
    /** What the session reports goes through the doctor, then the per-subscription tally, into the log. */
    private volatile SessionDoctor doctor;
    private long insightsSeen = -1;
    private final FilterTally tally = new FilterTally();
    /** The log, with the per-subscription tally counted as messages arrive. */
    private final SessionListener tallying;
    private volatile Profile profile;
    private volatile Session session;
    /** Packets and messages put back from the history of an earlier run (FX thread only). */
    private final RestoredMarks<PacketEvent> restoredPackets = new RestoredMarks<>();
    private final RestoredMarks<MessageEvent> restoredMessages = new RestoredMarks<>();
    /** Sequence numbers of the next unseen entries (FX thread only). */
    private long messagesSeen;
    private long packetsSeen;
    private long framesSeen;

    /** @param maxMessages messages kept (the user's setting), within the log's byte bound; likewise packets */
    public LiveConnection(Profile profile, int maxMessages, int maxPackets) {
        this.id = profile.id() == null ? profile.name() : profile.id();
        this.profile = profile;
        this.log = new SessionLog(id, MessageLog.DEFAULT_MAX_BYTES, maxMessages, PacketLog.DEFAULT_MAX_BYTES,
                maxPackets);
        this.tallying = new Tallying(log, tally, id);
        this.doctor = new SessionDoctor(tallying, profile.host());
        countFilters(profile);
    }

    private void countFilters(Profile p) {
        tally.setFilters(p.subscriptions().stream().map(Profile.SavedSubscription::topicFilter).toList());
    }

    /**
     * The listener to open the session with: the {@link #log()} (and the tally), with the conversation doctor
     * reading the packets on the way. A new one for each session, so an insight never spans two sessions'
     * connections.
     */
    public SessionListener listener() {
        doctor = new SessionDoctor(tallying, profile.host());
        insightsSeen = -1;
        return doctor;
    }

    /**
     * The conversation doctor's insights when there are new ones since the last call (FX thread only), else null;
     * {@code nanoTime} lets time pass ({@link System#nanoTime()}).
     */
    public List<Insight> takeNewInsights(long nanoTime) {
        SessionDoctor d = doctor;
        List<Insight> all = d.insights(nanoTime);
        long count = d.count();
        if (count == insightsSeen) {
            return null;
        }
        insightsSeen = count;
        return all;
    }

    /** Shows the insights again at the next {@link #takeNewInsights} (a connection just activated). */
    public void showInsightsAgain() {
        insightsSeen = -1;
    }

    public String id() {
        return id;
    }

    /**
     * Puts packets of an earlier run (oldest first) into the empty packet log, marked as restored; false (nothing
     * done) when the log has packets of this run already: nothing is put before them. FX thread only.
     */
    public boolean restorePackets(List<PacketEvent> restored) {
        return restoredPackets.restore(log.packets().entries(), restored);
    }

    /** True for a packet put back from the history ({@link #restorePackets}). FX thread only. */
    public boolean restored(PacketEvent p) {
        return restoredPackets.contains(log.packets().entries(), p);
    }

    /** As {@link #restorePackets}, for messages: they show greyed and marked in the Messages tab. FX thread only. */
    public boolean restoreMessages(List<MessageEvent> restored) {
        return restoredMessages.restore(log.messages().entries(), restored);
    }

    /** True for a message put back from the history ({@link #restoreMessages}). FX thread only. */
    public boolean restored(MessageEvent m) {
        return restoredMessages.contains(log.messages().entries(), m);
    }

    public Profile profile() {
        return profile;
    }

    public void setProfile(Profile p) {
        profile = p;
        countFilters(p);
    }

    /** Received messages per subscription filter, exact whatever the log dropped. */
    public FilterTally tally() {
        return tally;
    }

    public Session session() {
        return session;
    }

    public void setSession(Session s) {
        session = s;
    }

    /**
     * The log, and the tally of every message as it arrives (before the bounded log may drop it). Messages enter the
     * log under the connection's id (its profile's), the key the history stores them under: a session's own id
     * changes at every connect, and messages restored from the history of an earlier run have no session. So live
     * and restored messages of one connection carry the same id (in an export, for instance).
     */
    private static final class Tallying extends io.mqscope.session.ForwardingListener {
        private final FilterTally tally;
        private final String id;

        Tallying(SessionLog log, FilterTally tally, String id) {
            super(log);
            this.tally = tally;
            this.id = id;
        }

        @Override
        public void onMessage(MessageEvent m) {
            tally.record(m);
            super.onMessage(id.equals(m.connectionId()) ? m : new MessageEvent(id, m.nanoTime(), m.time(),
                    m.outgoing(), m.topic(), m.qos(), m.retain(), m.dup(), m.payload(), m.properties()));
        }
    }

    /** Messages, packets, frames and states of this connection, bounded by bytes. */
    public SessionLog log() {
        return log;
    }

    public StateChange state() {
        return log.state();
    }

    /** A state the UI decides itself (connecting, disconnected). */
    public void setState(ConnectionState s) {
        log.onState(new StateChange(id, Instant.now(), s, null, null));
    }

    /** A failure the session could not report itself (opening it failed): where, why and what to try. */
    public void setFailed(Stage stage, Sentence reason, Sentence fix) {
        log.onState(new StateChange(id, Instant.now(), ConnectionState.FAILED, stage, reason, fix));
    }

    /** As above, for a session's exception: its verdict (when one was found) and its technical line. */
    public void setFailed(io.mqscope.session.SessionException why) {
        log.onState(new StateChange(id, Instant.now(), ConnectionState.FAILED, why.stage(), why.sentence(),
                why.fix(), why.failure(), why.reason()));
    }

    public long receivedCount() {
        return log.messages().counters().messagesIn();
    }

    public long sentCount() {
        return log.messages().counters().messagesOut();
    }

    /** Marks everything logged so far as seen (a connection that is not on screen, or one just activated). */
    public void skipToNewest() {
        messagesSeen = log.messages().entries().nextSequence();
        packetsSeen = log.packets().entries().nextSequence();
        framesSeen = log.frames().nextSequence();
    }

    /** Marks packets and frames logged so far as seen; messages stay unread (the topic tree reads them). */
    public void skipPacketsToNewest() {
        packetsSeen = log.packets().entries().nextSequence();
        framesSeen = log.frames().nextSequence();
    }

    /** Messages added since the last call (FX thread only); at most what the log still holds. */
    public List<MessageEvent> takeNewMessages() {
        BoundedLog.Slice<MessageEvent> s = log.messages().entries().since(messagesSeen);
        messagesSeen = s.endSequence();
        return s.items();
    }

    public List<PacketEvent> takeNewPackets() {
        BoundedLog.Slice<PacketEvent> s = log.packets().entries().since(packetsSeen);
        packetsSeen = s.endSequence();
        return s.items();
    }

    public List<WebSocketFrameEvent> takeNewFrames() {
        BoundedLog.Slice<WebSocketFrameEvent> s = log.frames().since(framesSeen);
        framesSeen = s.endSequence();
        return s.items();
    }
}
