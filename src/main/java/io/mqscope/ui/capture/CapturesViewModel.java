package io.mqscope.ui.capture;

import io.mqscope.doctor.Insight;
import io.mqscope.doctor.PacketRef;
import io.mqscope.ui.app.TaskExecutor;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The capture files open in the main window, each a read-only group of the Connections list (one entry per
 * conversation), and the one whose conversation is shown in the Packets inspector of the Capture tab. A capture is
 * read on the I/O executor with progress and cancel ({@link CaptureViewModel}); closing its group cancels a reading
 * under way and forgets it. The shown capture's insights (the doctor over the whole file) are what the Insights tab
 * shows while its entry is selected; opening one selects its conversation and packet ({@link #reveal}).
 */
public final class CapturesViewModel {
    private final TaskExecutor tasks;
    private final ObservableList<CaptureViewModel> captures = FXCollections.observableArrayList();
    private final ObjectProperty<CaptureViewModel> shown = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<List<Insight>> shownInsights = new ReadOnlyObjectWrapper<>();
    private final ChangeListener<List<Insight>> follow = (o, a, found) -> shownInsights.set(found);
    private int maxPackets;

    /** @param maxPackets packets kept per conversation (the app's packet limit) */
    public CapturesViewModel(TaskExecutor tasks, int maxPackets) {
        this.tasks = tasks;
        this.maxPackets = maxPackets;
        shown.addListener((o, a, c) -> {
            if (a != null) {
                a.insightsProperty().removeListener(follow);
            }
            if (c != null) {
                c.insightsProperty().addListener(follow);
            }
            shownInsights.set(c == null ? null : c.insightsProperty().get());
        });
    }

    /**
     * Opens an insight of the shown capture: its conversation is shown (the entry selected) and the packet selected
     * in it. Returns whether the packet was found.
     */
    public boolean reveal(PacketRef ref) {
        CaptureViewModel c = shown.get();
        CapturedConversation conversation = c == null ? null : c.conversationOf(ref);
        if (conversation == null) {
            return false;
        }
        show(c, conversation);
        return c.revealPacket(ref);
    }

    /** Opens {@code path} as a new group, read in the background; returns the group's model. */
    public CaptureViewModel open(Path path) {
        CaptureViewModel c = new CaptureViewModel(tasks, maxPackets);
        captures.add(c);
        c.open(path);
        return c;
    }

    /** Closes a group: its reading stops, its conversations leave the list and the inspector. */
    public void close(CaptureViewModel c) {
        c.cancel();
        captures.remove(c);
        if (shown.get() == c) {
            shown.set(null);
        }
    }

    /** Shows {@code conversation} of {@code capture} in the inspector (the entry was selected). */
    public void show(CaptureViewModel capture, CapturedConversation conversation) {
        capture.selectedProperty().set(conversation);
        shown.set(capture);
    }

    /** A connection was selected instead: no conversation is shown. */
    public void hide() {
        shown.set(null);
    }

    /** The language changed: each capture's notes are worded again in the new one. */
    public void relocalize() {
        captures.forEach(CaptureViewModel::relocalize);
    }

    /** The packet limit for captures opened from now on (issue 14 item 7: limits apply live). */
    public void setMaxPackets(int maxPackets) {
        this.maxPackets = maxPackets;
    }

    public ObservableList<CaptureViewModel> captures() {
        return captures;
    }

    /** The shown capture's insights; null while no capture is shown (a connection's insights are). */
    public ReadOnlyObjectProperty<List<Insight>> shownInsightsProperty() {
        return shownInsights.getReadOnlyProperty();
    }

    /** The capture whose selected conversation the inspector shows; null while a connection is selected. */
    public ObjectProperty<CaptureViewModel> shownProperty() {
        return shown;
    }
}
