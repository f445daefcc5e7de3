package io.mqscope.ui.main;

import io.mqscope.store.HistoryStore;
import io.mqscope.ui.app.BackgroundTask;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.connections.ConnectionEntry;
import java.util.List;

/**
 * On start, each connection shows its last messages and packets again (issue 15): read from the history on the I/O
 * executor, put into the connection's log on the FX thread, where the next pulse shows them like any new message.
 * They do not count as unread or in the rates: they go into the log's ring, past its counters. Restored messages and
 * packets are marked as such in the Messages and Packets tabs ({@link io.mqscope.ui.live.LiveConnection#restored}).
 */
final class HistoryRestore {
    private HistoryRestore() {
    }

    static void restore(HistoryStore history, List<ConnectionEntry> entries, int perConnection, int packets,
                        TaskExecutor tasks) {
        if (history == null) {
            return;
        }
        for (ConnectionEntry e : List.copyOf(entries)) {
            String key = e.live().id();
            // a connection that has received messages since start keeps its order: nothing is put before them
            BackgroundTask.wrap(() -> history.last(key, perConnection))
                    .onSuccess(restored -> e.live().restoreMessages(restored)).executeWith(tasks);
            int version = e.profile().mqttVersion().level();
            BackgroundTask.wrap(() -> history.lastPackets(key, packets, version))
                    .onSuccess(restored -> e.live().restorePackets(restored)).executeWith(tasks);
        }
    }
}
