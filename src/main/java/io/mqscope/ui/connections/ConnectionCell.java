package io.mqscope.ui.connections;

import io.mqscope.profile.Profile;
import io.mqscope.session.ConnectionState;
import io.mqscope.ui.I18n;
import io.mqscope.ui.capture.CaptureEntries;
import io.mqscope.ui.editor.SignedEndpoint;
import java.util.List;
import java.util.Locale;
import javafx.beans.InvalidationListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One row of the Connections list: a connection with its live status dot, marks and unread count, a capture's
 * group or conversation, or a group name. Its own class so the list's layout and its rows' rendering change apart.
 */
final class ConnectionCell extends TreeCell<Object> {
    private final Circle dot = new Circle(5);
    private final Label name = new Label();
    private final Label host = new Label();
    /** "from signing" under a vendor-signed profile's address (issue 14 item 14). */
    private final Label signedNote = new Label(I18n.t("editor.fromSigning"));
    private final VBox text = new VBox(1, name, host, signedNote);
    /** Shown when a saved secret of the profile could not be read (issue 13 item 5). */
    private final FontIcon secretMark = new FontIcon(Feather.ALERT_TRIANGLE);
    /** Shown when the profile trusts any certificate (issue 11): phones will not. */
    private final Label insecureMark = new Label(I18n.t("connections.insecureMark"));
    /** Messages received while another connection was on screen (issue 15). */
    private final Label unread = new Label();
    private final HBox box = new HBox(8, dot, text, secretMark, insecureMark, unread);
    private ConnectionEntry bound;
    private final InvalidationListener updateOnChange = o -> updateDot();
    /**
     * Weak: a cell of a connections list replaced by a language switch may still be bound to an entry, which
     * outlives it; a strong listener kept the whole old window reachable (issue 14 item 7).
     */
    private final InvalidationListener stateListener = new javafx.beans.WeakInvalidationListener(updateOnChange);
    /** The content of a capture's group or conversation entry; null for anything else. */
    private final java.util.function.Function<Object, Node> captureGraphic;

    ConnectionCell(java.util.function.Function<Object, Node> captureGraphic) {
        this.captureGraphic = captureGraphic;
        box.setAlignment(Pos.CENTER_LEFT);
        host.getStyleClass().add("muted");
        host.setMaxWidth(230);
        signedNote.getStyleClass().add("muted");
        signedNote.setId("fromSigningMark");
        signedNote.managedProperty().bind(signedNote.visibleProperty());
        name.setMaxWidth(230);
        dot.getStyleClass().add("status-dot");
        secretMark.getStyleClass().add("secret-unreadable");
        secretMark.managedProperty().bind(secretMark.visibleProperty());
        insecureMark.getStyleClass().add("field-error");
        insecureMark.managedProperty().bind(insecureMark.visibleProperty());
        unread.getStyleClass().add("unread-badge");
        unread.managedProperty().bind(unread.visibleProperty());
    }

    /** Status dot colour class for a state. */
    static String dotClass(ConnectionState s) {
        return "dot-" + s.name().toLowerCase(Locale.ROOT);
    }

    @Override
    protected void updateItem(Object item, boolean empty) {
        super.updateItem(item, empty);
        if (bound != null) {
            bound.stateProperty().removeListener(stateListener);
            bound.reasonProperty().removeListener(stateListener);
            bound.unreadableSecretsProperty().removeListener(stateListener);
            bound.unreadProperty().removeListener(stateListener);
            bound = null;
        }
        getStyleClass().remove("group-cell");
        if (empty || item == null) {
            setGraphic(null);
            setText(null);
            setTooltip(null);
        } else if (CaptureEntries.isCapture(item)) {
            setText(null);
            setGraphic(captureGraphic.apply(item));
            setTooltip(null);
        } else if (item instanceof ConnectionEntry e) {
            bound = e;
            Profile p = e.profile();
            name.setText(p.name());
            insecureMark.setVisible(p.transport().secure() && p.tls().insecure());
            // where a signed profile really connects, not the General tab's placeholders
            SignedEndpoint signed = SignedEndpoint.of(p.signing(), java.time.Instant.now());
            signedNote.setVisible(signed.any());
            host.setText(signed.any() ? signed.url(p) : p.transport().name().toLowerCase(Locale.ROOT) + "://"
                    + p.host() + (e.isLocalBroker() ? "" : ":" + p.port()));
            e.stateProperty().addListener(stateListener);
            e.reasonProperty().addListener(stateListener);
            e.unreadableSecretsProperty().addListener(stateListener);
            e.unreadProperty().addListener(stateListener);
            updateDot();
            setText(null);
            setGraphic(box);
        } else {
            setGraphic(null);
            setText(String.valueOf(item));
            getStyleClass().add("group-cell");
            setTooltip(null);
        }
    }

    private void updateDot() {
        if (bound == null) {
            return;
        }
        long n = bound.unreadProperty().get();
        unread.setVisible(n > 0);
        unread.setText(n > 999 ? "999+" : Long.toString(n));
        ConnectionState s = bound.stateProperty().get();
        dot.getStyleClass().removeIf(c -> c.startsWith("dot-"));
        dot.getStyleClass().add(dotClass(s));
        String reason = bound.reasonProperty().get();
        String st = I18n.t("state." + s.name().toLowerCase(Locale.ROOT));
        String tip = reason == null || reason.isEmpty() ? st : st + ": " + reason;
        List<String> lost = bound.unreadableSecretsProperty().get();
        secretMark.setVisible(!lost.isEmpty());
        if (!lost.isEmpty()) {
            tip += "\n" + I18n.t("connections.secretUnreadable.mark", String.join(", ", lost));
        }
        setTooltip(new Tooltip(tip));
    }
}
