package io.mqscope.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A short MQTT conversation over a raw socket (CONNECT, SUBSCRIBE, PUBLISH to itself with a binary payload,
 * DISCONNECT), asserting the broker's answers; returns every byte written and read so tests can compare them with
 * what a relay recorded.
 */
public final class MqttExchange {
    public final List<byte[]> sent = new ArrayList<>();
    public final List<byte[]> received = new ArrayList<>();
    public byte[] payload;

    public static MqttExchange run(String host, int port, int level, String clientId, String username,
                                   String password) throws Exception {
        MqttExchange x = new MqttExchange();
        x.payload = new byte[200];
        new Random(clientId.hashCode()).nextBytes(x.payload);
        String topic = "mqscope/test/" + clientId;
        try (Socket s = new Socket(host, port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            x.send(out, MqttBytes.connect(level, clientId, username, password));
            byte[] connack = x.read(in);
            assertThat(connack[0]).as("CONNACK").isEqualTo((byte) 0x20);
            assertThat(connack[3]).as("CONNACK code").isZero();
            x.send(out, MqttBytes.subscribe(level, topic, 0));
            assertThat(x.read(in)[0]).as("SUBACK").isEqualTo((byte) 0x90);
            x.send(out, MqttBytes.publish(level, topic, x.payload));
            byte[] publish = x.read(in);
            assertThat(publish[0] & 0xF0).as("PUBLISH").isEqualTo(0x30);
            assertThat(publish).endsWith(x.payload);
            x.send(out, MqttBytes.pingreq());
            assertThat(x.read(in)).as("PINGRESP").containsExactly(0xD0, 0x00);
            x.send(out, MqttBytes.disconnect());
            assertThat(in.read()).as("broker closes after DISCONNECT").isEqualTo(-1);
        }
        return x;
    }

    public static MqttExchange run(String host, int port, int level, String clientId) throws Exception {
        return run(host, port, level, clientId, null, null);
    }

    private void send(OutputStream out, byte[] packet) throws Exception {
        sent.add(packet);
        out.write(packet);
        out.flush();
    }

    private byte[] read(InputStream in) throws Exception {
        byte[] p = MqttBytes.readPacket(in);
        received.add(p);
        return p;
    }
}
