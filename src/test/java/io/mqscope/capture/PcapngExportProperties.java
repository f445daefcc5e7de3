package io.mqscope.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.StreamDecoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random MQTT conversations exported as pcapng and read back give the same packets, findings and times. */
class PcapngExportProperties {

    /** One packet to put on the wire: its bytes, its sender and the microseconds since the previous packet. */
    record Step(boolean fromClient, byte[] bytes, int gapMicros) {
    }

    static byte[] publish(String topic, byte[] payload) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        return packet(0x30, ByteBuffer.allocate(2 + t.length + payload.length).putShort((short) t.length).put(t)
                .put(payload).array());
    }

    static byte[] subscribe(int id, String filter) {
        byte[] f = filter.getBytes(StandardCharsets.UTF_8);
        return packet(0x82, ByteBuffer.allocate(5 + f.length).putShort((short) id).putShort((short) f.length).put(f)
                .put((byte) 1).array());
    }

    static byte[] packet(int header, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header);
        int n = body.length;
        do {
            int d = n % 128;
            n /= 128;
            out.write(n > 0 ? d | 0x80 : d);
        } while (n > 0);
        out.writeBytes(body);
        return out.toByteArray();
    }

    @Provide
    Arbitrary<List<Step>> conversations() {
        Arbitrary<String> topics = Arbitraries.strings().alpha().numeric().withChars('/', '中').ofMinLength(1)
                .ofMaxLength(30);
        Arbitrary<byte[]> payloads = Arbitraries.bytes().array(byte[].class).ofMaxSize(3000);
        Arbitrary<Integer> gaps = Arbitraries.integers().between(0, 2_000_000);
        Arbitrary<Step> step = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(true, false), topics, payloads, gaps)
                        .as((c, t, p, g) -> new Step(c, publish(t, p), g)),
                gaps.map(g -> new Step(true, new byte[] {(byte) 0xc0, 0}, g)),
                gaps.map(g -> new Step(false, new byte[] {(byte) 0xd0, 0}, g)),
                Combinators.combine(Arbitraries.integers().between(1, 65535), topics, gaps)
                        .as((id, t, g) -> new Step(true, subscribe(id, t), g)),
                Combinators.combine(Arbitraries.integers().between(1, 65535), gaps).as((id, g) -> new Step(false,
                        packet(0x90, new byte[] {(byte) (id >> 8), (byte) (int) id, 1}), g)));
        Arbitrary<Step> connect = Arbitraries.of(
                new Step(true, CaptureReaderTest.CONNECT, 0), new Step(true, WebSocketCaptureTest.WECHAT, 0));
        return Combinators.combine(connect, step.list().ofMaxSize(25)).as((c, rest) -> {
            List<Step> all = new ArrayList<>();
            all.add(c);
            all.add(new Step(false, CaptureReaderTest.CONNACK, 150));
            all.addAll(rest);
            return all;
        });
    }

    /** Decodes the steps the way a live session sees them: per direction, one packet per read, in time order. */
    static Conversation decode(List<Step> steps, Transport transport, long startNanos) {
        StreamDecoder client = new StreamDecoder(Direction.CLIENT_TO_BROKER, 0);
        StreamDecoder broker = new StreamDecoder(Direction.BROKER_TO_CLIENT, 0);
        List<CapturedPacket> out = new ArrayList<>();
        long t = startNanos;
        long[] offsets = new long[2];
        int[] index = new int[2];
        for (Step s : steps) {
            t += s.gapMicros() * 1_000L + 17;
            Instant time = Instant.ofEpochSecond(0, t);
            StreamDecoder d = s.fromClient() ? client : broker;
            int k = s.fromClient() ? 0 : 1;
            long base = offsets[k];
            for (DecodedPacket p : d.feed(s.bytes())) {
                out.add(new CapturedPacket(d.direction(), index[k]++, time, p.offset(), p));
            }
            offsets[k] = base + s.bytes().length;
            if (broker.protocolVersion() == 0 && client.protocolVersion() != 0) {
                broker.setProtocolVersion(client.protocolVersion());
            }
        }
        return Conversation.of(new Endpoint("192.0.2.10", 50_000), new Endpoint("192.0.2.1", 1883), transport, out);
    }

    @Property(tries = 60)
    void exported_conversations_read_back_to_the_same_packets(@ForAll("conversations") List<Step> steps,
                                                              @ForAll boolean websocket) throws Exception {
        Transport transport = websocket ? Transport.WS : Transport.TCP;
        Conversation original = decode(steps, transport, 1_700_000_000_123_456_789L);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        PcapngExport.write(file, List.of(original), true);
        Capture back = CaptureReader.read(new ByteArrayInputStream(file.toByteArray()),
                CaptureReader.Options.defaults());

        assertThat(back.conversations()).hasSize(1);
        Conversation read = back.conversations().get(0);
        assertThat(read.transport()).isEqualTo(transport);
        assertThat(read.gaps()).isEmpty();
        assertThat(read.packets()).hasSameSizeAs(original.packets());
        for (int i = 0; i < read.packets().size(); i++) {
            CapturedPacket a = original.packets().get(i);
            CapturedPacket b = read.packets().get(i);
            assertThat(b.from()).isEqualTo(a.from());
            assertThat(b.index()).isEqualTo(a.index());
            assertThat(b.time()).isEqualTo(a.time());
            assertThat(b.streamOffset()).isEqualTo(a.streamOffset());
            assertThat(b.packet().raw()).isEqualTo(a.packet().raw());
            assertThat(b.packet().type()).isEqualTo(a.packet().type());
            assertThat(b.packet().findings()).isEqualTo(a.packet().findings());
            assertThat(b.packet().diagnosis()).isEqualTo(a.packet().diagnosis());
            assertThat(b.packet().fields()).isEqualTo(a.packet().fields());
        }
    }
}
