package io.mqscope.capture;

import io.mqscope.wire.Direction;
import io.mqscope.wire.Finding;
import io.mqscope.wire.StreamDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One direction's MQTT bytes through the {@link StreamDecoder}. After a gap the decoder is finished (a packet cut
 * by the gap is reported as truncated) and a fresh one continues from the middle of the stream, knowing the
 * protocol version learned so far; offsets keep counting in the whole direction.
 */
final class MqttStream {
    private final Direction dir;
    private StreamDecoder decoder;
    private long base;
    private long fed;
    private final List<Finding> findings = new ArrayList<>();

    MqttStream(Direction dir, int version, boolean fromStart) {
        this.dir = dir;
        this.decoder = new StreamDecoder(dir, version).expectConnectionStart(fromStart);
    }

    long fed() {
        return fed;
    }

    int version() {
        return decoder.protocolVersion();
    }

    void setVersion(int v) {
        decoder.setProtocolVersion(v);
    }

    void feed(byte[] d, int off, int len, Consumer<Connection.CapturedPacketSource> sink) {
        long b = base;
        decoder.feed(d, off, len, p -> sink.accept(new Connection.CapturedPacketSource(b + p.offset(), p)));
        fed += len;
    }

    /** A gap: what the decoder holds is reported, and decoding starts afresh after it. */
    void resync(long nextOffset, Consumer<Connection.CapturedPacketSource> sink) {
        end(sink);
        int v = decoder.protocolVersion();
        decoder = new StreamDecoder(dir, v).expectConnectionStart(false);
        base = nextOffset;
        fed = nextOffset;
    }

    void end(Consumer<Connection.CapturedPacketSource> sink) {
        long b = base;
        decoder.finish(p -> sink.accept(new Connection.CapturedPacketSource(b + p.offset(), p)));
        for (Finding f : decoder.streamFindings()) {
            findings.add(f.at((int) Math.min(Integer.MAX_VALUE, b + f.offset()), f.length()));
        }
    }

    List<Finding> findings() {
        return findings;
    }
}
