/**
 * The packet tap: a relay on a local port that opens the real connection to the broker (tcp, tls, ws, wss, proxy),
 * forwards bytes untouched and decodes them per direction.
 *
 * <h2>How the relay is protected</h2>
 *
 * <p>A session's MQTT client speaks plain MQTT to the relay on 127.0.0.1, and the relay opens the upstream with the
 * profile's identity: its client certificate, its TLS settings, its proxy. Any process on the machine can connect to a
 * loopback port, so without a check any local user could borrow that identity, and its packets would be mixed into
 * the session's log (issue 13, item 1). A session's relay ({@link io.mqscope.tap.Relay#startForSession}) therefore
 * checks every accepted connection before it reads a byte or opens an upstream ({@code RelayGate}). A connection that
 * fails is closed at once, unread, and reported ({@link io.mqscope.tap.RelayListener#onRefused}, passed on as
 * {@code SessionListener.onRelayRefused}; {@code sub} and {@code pub} print it): "another local process (port N)
 * tried to use this session's relay; refused".
 *
 * <p><b>Linux: port pairing, decided by the kernel.</b> The accepted socket's peer port is looked up in
 * {@code /proc/net/tcp} and {@code /proc/net/tcp6} as the local port of a loopback socket connected to the relay's
 * port; that socket's inode must be one of this very process's open files ({@code /proc/self/fd} has a link to
 * {@code socket:[inode]}). Another process cannot pass this: a loopback connection's port pair belongs to exactly one
 * socket, the kernel writes both tables, and a socket enters our descriptor table only if this process creates or
 * accepts it (or is handed it over a Unix socket, which needs our cooperation). A process that could get past it would
 * have to control this one (ptrace, same user), and could then read the password from memory anyway. The check runs
 * after the TCP handshake, when the peer's socket exists; a peer gone by then is refused. Once per process the
 * check is tried on a loopback connection of its own: where {@code /proc} is there but does not show this process's
 * sockets (some sandboxes), the rule below applies instead of refusing our own client.
 *
 * <p><b>Elsewhere (no usable {@code /proc}: macOS, Windows): first announced connection only, which is
 * weaker.</b> The session announces its client ({@link io.mqscope.tap.Relay#expectClient}) right before each connect
 * and each reconnect attempt, and the relay lets in the one next connection and refuses every other. A local
 * process that connects inside that window (for a reconnect, as long as the backoff delay) takes the slot: it is
 * relayed, and the session's own client is refused, so its connect fails and the refusal is reported. It narrows the
 * exposure to moments the user can see, but it is not a guarantee as port pairing is.
 *
 * <p><b>Designs not chosen.</b> Closing the listening socket after the first accept: HiveMQ's client reconnects to the
 * same port (its transport is fixed per client), so every unsigned profile's automatic reconnect would fail. A
 * per-session secret in the client's first bytes: the HiveMQ client sends only MQTT, anything it could carry (client
 * identifier, user property) also reaches the broker, and the relay forwards bytes untouched. Netty's in-JVM local
 * channel: HiveMQ's client builds its own socket bootstrap and offers no transport to plug in.
 *
 * <p>A proxy relay bound with {@link io.mqscope.tap.Relay#start(io.mqscope.profile.Profile, RelayListener, String,
 * int)} (for devices such as a phone on the local network) is open to every client on purpose: the user shares it.
 */
package io.mqscope.tap;
