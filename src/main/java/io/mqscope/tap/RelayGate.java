package io.mqscope.tap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Who may use a session's relay: only the MQTT client of this very process. Every accepted connection is checked
 * before one byte of it is read; one that fails is closed at once and reported. Why this design is the one that
 * holds is said in {@code package-info.java} ("How the relay is protected").
 *
 * <p>On Linux the kernel decides (port pairing): the accepted socket's peer port is looked up in
 * {@code /proc/net/tcp} and {@code /proc/net/tcp6} as the local port of a loopback socket connected to the relay's
 * port; that socket's inode must be one of this process's open files ({@code /proc/self/fd} links to
 * {@code socket:[inode]}). Elsewhere only a connection the session announced with {@link #expectClient()} is
 * accepted, once: the first connection after the session's own client starts connecting.
 */
final class RelayGate {
    private static final Path PROC_NET_TCP = Path.of("/proc/net/tcp");
    private static final Path PROC_NET_TCP6 = Path.of("/proc/net/tcp6");
    private static final Path PROC_SELF_FD = Path.of("/proc/self/fd");
    /**
     * 127.0.0.1 as /proc/net/tcp writes it (the network-order word printed in host byte order: little-endian first,
     * as on x86 and arm), and as the IPv4-mapped IPv6 address Java's dual-stack sockets show in /proc/net/tcp6.
     */
    private static final List<String> LOOPBACK = List.of("0100007F", "7F000001",
            "0000000000000000FFFF00000100007F", "00000000000000000000FFFF7F000001");

    private final boolean kernelCheck;
    private final AtomicBoolean expected = new AtomicBoolean();

    private RelayGate(boolean kernelCheck) {
        this.kernelCheck = kernelCheck;
    }

    /** The gate for this system: the kernel check where {@code /proc} can tell, else first-announced-only. */
    static RelayGate forThisSystem() {
        return new RelayGate(KernelCheck.WORKS);
    }

    /**
     * Whether the kernel check works here, tried once per process on a loopback connection of its own: a sandbox
     * can show {@code /proc} without this process's sockets in it, and a check that refused our own client would
     * make every session fail; there the weaker rule applies.
     */
    private static final class KernelCheck {
        static final boolean WORKS = selfTest();

        private static boolean selfTest() {
            if (!Files.isReadable(PROC_NET_TCP) || !Files.isDirectory(PROC_SELF_FD)) {
                return false;
            }
            InetAddress loopback = InetAddress.getLoopbackAddress();
            try (ServerSocket server = new ServerSocket(0, 1, loopback);
                 Socket client = new Socket(loopback, server.getLocalPort());
                 Socket accepted = server.accept()) {
                long inode = socketInode(client.getLocalPort(), server.getLocalPort());
                return inode > 0 && ownsSocket(inode);
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
    }

    /** Tests: the weaker gate of systems without {@code /proc}. */
    static RelayGate announcedOnly() {
        return new RelayGate(false);
    }

    /** Whether this gate asks the kernel (Linux) rather than trusting the first announced connection. */
    boolean kernelCheck() {
        return kernelCheck;
    }

    /** The session's client is about to connect (or reconnect): the next connection is let in, once. */
    void expectClient() {
        expected.set(true);
    }

    /**
     * Null when the connection from {@code peer} to {@code relayPort} is this process's own; otherwise the text
     * that reports the refusal. Runs before the connection is read from: the kernel check off the event loop (it
     * reads /proc), the announced-only rule on it (in accept order).
     */
    String refusal(InetSocketAddress peer, int relayPort) {
        int peerPort = peer.getPort();
        if (kernelCheck) {
            long inode = socketInode(peerPort, relayPort);
            if (inode > 0 && ownsSocket(inode)) {
                return null;
            }
            return "another local process (port " + peerPort + ") tried to use this session's relay; refused";
        }
        if (expected.compareAndSet(true, false)) {
            return null;
        }
        return "a local connection (port " + peerPort + ") that this session's client did not announce tried to use"
                + " its relay; refused";
    }

    /** The inode of the loopback socket from {@code localPort} to {@code remotePort}, or -1. */
    private static long socketInode(int localPort, int remotePort) {
        for (Path table : List.of(PROC_NET_TCP, PROC_NET_TCP6)) {
            List<String> lines;
            try {
                lines = Files.readAllLines(table, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                continue; // no IPv6 here
            }
            for (String line : lines) {
                long inode = inodeIfMatches(line, localPort, remotePort);
                if (inode > 0) {
                    return inode;
                }
            }
        }
        return -1;
    }

    /**
     * One row of /proc/net/tcp{,6}: {@code sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode};
     * addresses are {@code HEXADDR:HEXPORT}.
     */
    static long inodeIfMatches(String line, int localPort, int remotePort) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 10 || !f[0].endsWith(":")) {
            return -1; // the header
        }
        if (!isLoopback(f[1], localPort) || !isLoopback(f[2], remotePort)) {
            return -1;
        }
        try {
            return Long.parseLong(f[9]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isLoopback(String addressAndPort, int port) {
        int colon = addressAndPort.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String address = addressAndPort.substring(0, colon).toUpperCase(Locale.ROOT);
        try {
            return Integer.parseInt(addressAndPort.substring(colon + 1), 16) == port
                    && LOOPBACK.contains(address);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Whether one of this process's file descriptors is the socket {@code inode}. */
    private static boolean ownsSocket(long inode) {
        String target = "socket:[" + inode + "]";
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROC_SELF_FD)) {
            for (Path fd : fds) {
                try {
                    if (target.equals(Files.readSymbolicLink(fd).toString())) {
                        return true;
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // closed meanwhile (or the directory stream's own descriptor): not the one
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
