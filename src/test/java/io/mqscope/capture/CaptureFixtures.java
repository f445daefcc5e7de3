package io.mqscope.capture;

import static io.mqscope.capture.TestCaptures.CLIENT_V4;
import static io.mqscope.capture.TestCaptures.SERVER_V4;

import io.mqscope.capture.TestCaptures.Conv;
import io.mqscope.capture.TestCaptures.Frame;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The hand-built captures of this package's tests, for tests of other packages ({@code decode --pcap} in cli): the
 * builders themselves stay package-private.
 */
public final class CaptureFixtures {
    /** The WeChat padded CONNECT (31 bytes, Remaining Length "1a 00 00 00"). */
    public static final byte[] WECHAT = WebSocketCaptureTest.WECHAT;
    /** The WebSocket message sizes mqtt.js on WeChat writes the padded CONNECT in. */
    public static final int[] WECHAT_MESSAGES = WebSocketCaptureTest.WECHAT_MESSAGES.clone();

    private CaptureFixtures() {
    }

    /** 192.0.2.10:50000 -> 192.0.2.1:1883: CONNECT, CONNACK, PUBLISH, then the broker's FIN; classic pcap, raw IP. */
    public static byte[] clean() {
        return TestCaptures.pcap(false, false, 101, 65535, CaptureReaderTest.basic().fin(false).frames(ip -> ip));
    }

    /**
     * Four conversations one second apart, in a pcapng file over Ethernet: the clean one; the WeChat CONNECT in 13
     * masked WebSocket messages on port 8083 (50100), after which the broker sends FIN; a TLS ClientHello for
     * broker.example.com on 8883 (50007); CONNECT, a lost PUBLISH (10 bytes at stream offset 15) and a PINGREQ on
     * 1883 (50004).
     */
    public static byte[] mixed() {
        List<Conv> convs = List.of(CaptureReaderTest.basic().fin(false), wechatOverWebSocket(), tls(), gap());
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < convs.size(); i++) {
            for (Frame f : convs.get(i).frames(ip -> TestCaptures.ethernet(ip, false))) {
                frames.add(new Frame(f.timeNanos() + i * 1_000_000_000L, f.data()));
            }
        }
        return TestCaptures.pcapng(false, new int[] {1}, frames, new ArrayList<>(Collections.nCopies(
                frames.size(), 0)), List.of());
    }

    /** {@link #clean()} with its last 5 bytes cut off: the last record (the FIN) declares 40 bytes, 35 are there. */
    public static byte[] truncated() {
        byte[] file = clean();
        return Arrays.copyOf(file, file.length - 5);
    }

    /**
     * {@link #clean()}'s conversation plus a PINGREQ as pcapng, with the block of the CONNECT damaged (a wrong
     * trailing length): the reader skips it with a note and reports its 15 bytes as a gap.
     */
    public static byte[] damagedBlock() {
        List<Frame> frames = CaptureReaderTest.basic().send(true, CaptureReaderTest.PINGREQ).frames(ip -> ip);
        byte[] file = TestCaptures.pcapng(false, new int[] {101}, frames, Collections.nCopies(frames.size(), 0),
                List.of());
        int at = 28 + 20; // after the section header and the interface description
        for (int i = 0; i < 3; i++) {
            at += ByteBuffer.wrap(file, at + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        }
        int len = ByteBuffer.wrap(file, at + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        file[at + len - 4] ^= 0x40;
        return file;
    }

    /** A pcap header with link type 105 (IEEE 802.11) and no records. */
    public static byte[] wifi() {
        return TestCaptures.pcap(false, false, 105, 65535, List.of());
    }

    /**
     * Records with tcpdump on the loopback interface while mosquitto_pub publishes to a broker on {@code port} and
     * waits until both sides have closed; skips or fails as {@link Tools#require} says when a tool is missing.
     */
    public static void recordPublish(Path file, int port, String topic) throws Exception {
        try (Tcpdump t = Tcpdump.start("lo", port, file)) {
            LiveCaptureTest.publish(port, topic);
            t.awaitCapture(LiveCaptureTest::closedBoth);
        }
    }

    /**
     * The MQTT message types tshark dissects in a file ({@code tshark -r FILE -Y mqtt -T fields -e mqtt.msgtype}),
     * one line per MQTT packet; skips or fails as {@link Tools#require} says when tshark is missing.
     */
    public static List<String> tsharkMqttTypes(Path file) throws Exception {
        return Tools.run(List.of(Tools.require("tshark").toString(), "-r", file.toString(), "-Y", "mqtt", "-T",
                "fields", "-e", "mqtt.msgtype"));
    }

    private static Conv wechatOverWebSocket() {
        Conv conv = new Conv(CLIENT_V4, 50_100, SERVER_V4, 8083).handshake()
                .send(true, WebSocketCaptureTest.UPGRADE.getBytes(StandardCharsets.US_ASCII))
                .send(false, WebSocketCaptureTest.SWITCHING.getBytes(StandardCharsets.US_ASCII));
        int at = 0;
        for (int i = 0; i < WECHAT_MESSAGES.length; i++) {
            conv.send(true, PcapngExport.wsFrame(Arrays.copyOfRange(WECHAT, at, at + WECHAT_MESSAGES[i]), true, i));
            at += WECHAT_MESSAGES[i];
        }
        return conv.fin(false);
    }

    private static Conv tls() {
        byte[] name = "broker.example.com".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer ext = ByteBuffer.allocate(9 + name.length);
        ext.putShort((short) 0).putShort((short) (5 + name.length)).putShort((short) (3 + name.length))
                .put((byte) 0).putShort((short) name.length).put(name);
        ByteBuffer hello = ByteBuffer.allocate(4 + 2 + 32 + 1 + 4 + 2 + 2 + ext.capacity());
        hello.put((byte) 1).put((byte) 0).putShort((short) (hello.capacity() - 4)).putShort((short) 0x0303)
                .put(new byte[32]).put((byte) 0).putShort((short) 2).putShort((short) 0x1301).put((byte) 1)
                .put((byte) 0).putShort((short) ext.capacity()).put(ext.array());
        ByteBuffer record = ByteBuffer.allocate(5 + hello.capacity());
        record.put((byte) 0x16).putShort((short) 0x0301).putShort((short) hello.capacity()).put(hello.array());
        return new Conv(CLIENT_V4, 50_007, SERVER_V4, 8883).handshake().send(true, record.array());
    }

    private static Conv gap() {
        Conv conv = new Conv(CLIENT_V4, 50_004, SERVER_V4, 1883).handshake().send(true, CaptureReaderTest.CONNECT);
        conv.clientSeq += CaptureReaderTest.PUBLISH.length; // this PUBLISH was never captured
        return conv.send(true, CaptureReaderTest.PUBLISH).send(true, CaptureReaderTest.PINGREQ);
    }
}
