package io.mqscope.cli;

import io.mqscope.capture.CapturedPacket;
import io.mqscope.capture.Conversation;
import io.mqscope.capture.Endpoint;
import io.mqscope.capture.PcapngExport;
import io.mqscope.capture.Transport;
import io.mqscope.profile.Profile;
import io.mqscope.tap.PacketEvent;
import io.mqscope.wire.Direction;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --pcap FILE}: every packet that crossed the relay, kept until the command ends and then written as pcapng
 * ({@link PcapngExport}: synthetic TCP on port 1883, or WebSocket on 80 for ws/wss, findings as packet comments), so
 * Wireshark dissects the session as MQTT with no setup. One conversation per relay connection (a reconnect is a new
 * one). The packets are held in memory, as the session's packet log is.
 */
public final class PcapExportOption {
    /** The client side is MQScope itself; its local address and port are not known at this level. */
    private static final Endpoint CLIENT = new Endpoint("mqscope", 0);

    @Option(names = "--pcap", paramLabel = "FILE")
    Path file;

    private final Map<String, List<PacketEvent>> byConnection = new LinkedHashMap<>();

    /** A usage error to report before connecting, or null. */
    String problem() {
        if (file == null) {
            return null;
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            return "--pcap: the folder " + dir + " does not exist";
        }
        return Files.isDirectory(file) ? "--pcap: " + file + " is a folder" : null;
    }

    /** Called on the relay's threads. */
    void onPacket(PacketEvent e) {
        if (file == null) {
            return;
        }
        synchronized (byConnection) {
            byConnection.computeIfAbsent(e.connectionId(), k -> new ArrayList<>()).add(e);
        }
    }

    /** Writes the file (when {@code --pcap} was given), passwords masked unless shown; says on {@code err} when not. */
    void write(Profile profile, boolean showSecrets, PrintWriter err) {
        if (file == null) {
            return;
        }
        List<Conversation> conversations = new ArrayList<>();
        synchronized (byConnection) {
            Endpoint server = new Endpoint(profile.host(), profile.port());
            for (List<PacketEvent> events : byConnection.values()) {
                conversations.add(Conversation.of(CLIENT, server, transport(profile), packets(events)));
            }
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            PcapngExport.write(out, conversations, showSecrets);
        } catch (IOException e) {
            err.println("mqscope: cannot write --pcap " + file + ": " + e.getMessage());
            err.flush();
        }
    }

    /** ws and wss: MQScope saw the plaintext WebSocket frames; mqtts: the MQTT inside TLS. */
    static Transport transport(Profile profile) {
        if (profile.transport().webSocket()) {
            return Transport.WS;
        }
        return profile.transport().secure() ? Transport.TLS : Transport.TCP;
    }

    /** Index and stream offset per direction, as a capture of the connection would give them. */
    static List<CapturedPacket> packets(List<PacketEvent> events) {
        Map<Direction, int[]> index = new EnumMap<>(Direction.class);
        Map<Direction, long[]> offset = new EnumMap<>(Direction.class);
        List<CapturedPacket> out = new ArrayList<>(events.size());
        for (PacketEvent e : events) {
            int i = index.computeIfAbsent(e.direction(), d -> new int[1])[0]++;
            long[] at = offset.computeIfAbsent(e.direction(), d -> new long[1]);
            out.add(new CapturedPacket(e.direction(), i, e.time(), at[0], e.packet()));
            at[0] += e.packet().length();
        }
        return out;
    }
}
