package io.mqscope.ui.wiretap;

import io.mqscope.tap.VerdictText;
import io.mqscope.ui.I18n;
import java.time.Instant;

/**
 * One tapped client as the left pane shows it, a snapshot taken on the tap's event loop and handed to the FX thread
 * in a per-pulse batch.
 *
 * @param key         unique within its {@link TapClients}: the feed's prefix and the tap's connection id
 * @param client      the client's address ({@code ip:port})
 * @param listen      the listen URL it connected to
 * @param packetsIn   packets the client sent (client to broker)
 * @param packetsOut  packets the broker sent to the client
 * @param errors      malformed packets and error findings about either stream
 * @param webSocket   whether the client upgraded to WebSocket
 * @param said        why the connection ended badly, in the tap's words in any language; null while open or when
 *                    it ended well
 */
public record TapClientRow(String key, String client, String listen, Instant opened, State state, long packetsIn,
                           long packetsOut, long errors, boolean webSocket, String closedBy, VerdictText said) {

    /** Where a tapped client is: still in its handshake (TLS, HTTP upgrade), forwarding, or gone. */
    public enum State {
        HANDSHAKE, OPEN, CLOSED
    }

    /** Ended with a verdict: the client's developer has something to fix. */
    public boolean endedBadly() {
        return state == State.CLOSED && said != null;
    }

    /** The verdict in the UI's language now (it follows a language switch), or null. */
    public String verdict() {
        return said == null ? null : said.in(I18n.locale());
    }
}
