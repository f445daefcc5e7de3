package io.mqscope.session;

import static org.awaitility.Awaitility.await;

import io.mqscope.store.MessageLog;
import io.mqscope.store.PacketLog;
import io.mqscope.tap.PacketEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Records a session's events, as the UI would: messages and packets into bounded logs, states into a list. */
final class Recorder implements SessionListener {
    final List<StateChange> states = new CopyOnWriteArrayList<>();
    final List<MessageEvent> messages = new CopyOnWriteArrayList<>();
    final MessageLog messageLog = new MessageLog();
    final PacketLog packetLog = new PacketLog();
    final List<String> relayRefusals = new CopyOnWriteArrayList<>();

    @Override
    public void onState(StateChange change) {
        states.add(change);
    }

    @Override
    public void onMessage(MessageEvent message) {
        messages.add(message);
        messageLog.append(message);
    }

    @Override
    public void onRelayRefused(String connectionId, String reason) {
        relayRefusals.add(reason);
    }

    @Override
    public void onPacket(PacketEvent packet) {
        packetLog.append(packet);
    }

    List<MessageEvent> received() {
        return messages.stream().filter(m -> !m.outgoing()).toList();
    }

    List<MessageEvent> awaitReceived(int n) {
        await().atMost(Duration.ofSeconds(15)).until(() -> received().size() >= n);
        return received();
    }

    StateChange awaitState(Predicate<StateChange> p) {
        await().atMost(Duration.ofSeconds(30)).until(() -> states.stream().anyMatch(p));
        return states.stream().filter(p).findFirst().orElseThrow();
    }

    List<PacketEvent> packets() {
        return packetLog.entries().snapshot().items();
    }
}
