package io.mqscope.tap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.testing.Mosquitto;
import io.mqscope.testing.MqttBytes;
import io.mqscope.testing.RawWebSocketClient;
import io.mqscope.wire.Direction;
import io.mqscope.wire.HexDump;
import io.mqscope.wire.PacketType;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The wiretap in front of Debian's mosquitto: what a front-end client sends, byte for byte, and what it is told. */
@ExtendWith(Mosquitto.class)
class WiretapMosquittoTest {

    /**
     * mqtt.js 4.3.x in a WeChat mini program (wx.js sends chunk.buffer): the 31-byte CONNECT whose Remaining
     * Length is padded to 4 bytes, one WebSocket message per field, as captured from the real client.
     */
    static final byte[][] WECHAT_CONNECT = {
        hex("10"), hex("1a000000"), hex("0004"), hex("4d515454"), hex("04"), hex("c2"), hex("003c"), hex("000a"),
        "cn.lokei-1".getBytes(StandardCharsets.US_ASCII), hex("0000"), new byte[0], hex("0000"), new byte[0]};

    static byte[] hex(String h) {
        return HexFormatHolder.parse(h);
    }

    private static final class HexFormatHolder {
        static byte[] parse(String h) {
            return java.util.HexFormat.of().parseHex(h);
        }
    }

    static Wiretap tap(String listen, Profile upstream, boolean repair, TapRecorder events) {
        return Wiretap.start(new TapSettings(ListenUrl.parse(listen), upstream, null, repair, Locale.ENGLISH),
                events);
    }

    static Profile tcp(Mosquitto m) {
        return Profile.builder().transport(Transport.TCP).host("127.0.0.1").port(m.tcpPort).build();
    }

    static Profile ws(Mosquitto m) {
        return Profile.builder().transport(Transport.WS).host("127.0.0.1").port(m.wsPort).wsPath("/mqtt").build();
    }

    @Test
    void wechat_padded_connect_is_shown_message_by_message_and_the_broker_hang_up_gets_a_verdict(Mosquitto m)
            throws Exception {
        TapRecorder events = new TapRecorder();
        try (Wiretap tap = tap("ws://127.0.0.1:0/mqtt", tcp(m), false, events);
             RawWebSocketClient client = RawWebSocketClient.open(tap.port(), "/mqtt", "mqtt")) {
            assertThat(client.status).isEqualTo(101);
            for (byte[] message : WECHAT_CONNECT) {
                client.sendBinary(message);
            }
            assertThat(client.read()).as("the broker hangs up: no CONNACK reaches the client").isNull();

            TapEvent.Closed closed = events.anyClosed();
            String c = closed.conn();
            List<TapEvent.WebSocketMessage> messages = events.all(TapEvent.WebSocketMessage.class, c);
            assertThat(messages).hasSize(13).allMatch(w -> w.from() == Direction.CLIENT_TO_BROKER
                    && w.opcode().equals("binary") && w.fin());
            assertThat(messages.stream().map(TapEvent.WebSocketMessage::length))
                    .containsExactly(1, 4, 2, 4, 1, 1, 2, 2, 10, 2, 0, 2, 0);
            assertThat(messages.stream().map(TapEvent.WebSocketMessage::streamOffset))
                    .containsExactly(0L, 1L, 5L, 7L, 11L, 12L, 13L, 15L, 17L, 27L, 29L, 29L, 31L);
            TapEvent.Packet connect = events.await(TapEvent.Packet.class, p -> p.conn().equals(c));
            assertThat(connect.packet().type()).isEqualTo(PacketType.CONNECT);
            assertThat(connect.packet().length()).isEqualTo(31);
            assertThat(connect.packet().malformed()).isTrue();
            assertThat(connect.packet().diagnosis()).contains("1a 00 00 00", "PR #1506");
            assertThat(connect.repairedForwarded()).isFalse();
            assertThat(closed.by()).isEqualTo("broker");
            assertThat(closed.verdict()).startsWith("the broker closed the connection ")
                    .contains("after the client's CONNECT #0, which is malformed: " + connect.packet().diagnosis());
            assertThat(events.all(TapEvent.HttpExchange.class, c)).singleElement()
                    .satisfies(h -> assertThat(h.answered()).isEqualTo("mqtt"));
        }
    }

    @Test
    void with_repair_the_padded_connect_goes_on_repaired_and_the_client_gets_connack(Mosquitto m) throws Exception {
        TapRecorder events = new TapRecorder();
        try (Wiretap tap = tap("ws://127.0.0.1:0/mqtt", ws(m), true, events);
             RawWebSocketClient client = RawWebSocketClient.open(tap.port(), "/mqtt", "mqtt")) {
            for (byte[] message : WECHAT_CONNECT) {
                client.sendBinary(message);
            }
            RawWebSocketClient.Frame connack = client.read();
            assertThat(connack).isNotNull();
            assertThat(HexDump.hex(connack.payload(), 0, connack.payload().length)).isEqualTo("20020000");
            TapEvent.Packet connect = events.await(TapEvent.Packet.class,
                    p -> p.from() == Direction.CLIENT_TO_BROKER);
            assertThat(connect.repairedForwarded()).isTrue();
            client.sendBinary(MqttBytes.disconnect());
            TapEvent.Closed closed = events.anyClosed();
            assertThat(closed.repairedPackets()).isEqualTo(1);
            assertThat(closed.verdict()).isNull();
        }
    }

    @Test
    void subprotocol_mqttv31_is_echoed_and_a_session_runs_over_ws_to_a_ws_broker(Mosquitto m) throws Exception {
        TapRecorder events = new TapRecorder();
        try (Wiretap tap = tap("ws://127.0.0.1:0/mqtt", ws(m), false, events);
             RawWebSocketClient client = RawWebSocketClient.open(tap.port(), "/mqtt?token=abc", "mqttv3.1")) {
            assertThat(client.status).isEqualTo(101);
            assertThat(client.headers.get("sec-websocket-protocol")).isEqualTo("mqttv3.1");
            client.sendBinary(MqttBytes.connect(4, "echo"));
            RawWebSocketClient.Frame connack = client.read();
            assertThat(connack.payload()).containsExactly(0x20, 0x02, 0x00, 0x00);
            // the broker's message is recorded as a WebSocket message from the broker, then as a packet
            events.await(TapEvent.WebSocketMessage.class, w -> w.from() == Direction.BROKER_TO_CLIENT);
            events.await(TapEvent.Packet.class, p -> p.packet().type() == PacketType.CONNACK);
            TapEvent.HttpExchange h = events.all(TapEvent.HttpExchange.class).get(0);
            assertThat(h.path()).isEqualTo("/mqtt?token=abc");
            assertThat(h.asked()).isEqualTo("mqttv3.1");
            assertThat(h.responseHeaders()).containsEntry("sec-websocket-protocol", "mqttv3.1");
        }
    }

    @Test
    void a_wrong_path_gets_404_with_a_reason_and_a_verdict(Mosquitto m) throws Exception {
        TapRecorder events = new TapRecorder();
        try (Wiretap tap = tap("ws://127.0.0.1:0/mqtt", tcp(m), false, events);
             RawWebSocketClient client = RawWebSocketClient.open(tap.port(), "/ws", "mqtt")) {
            assertThat(client.status).isEqualTo(404);
            assertThat(client.body()).contains("/ws", "/mqtt");
            assertThat(events.anyClosed().verdict()).contains("/ws", "/mqtt", "404");
        }
    }

    @Test
    void a_client_close_code_and_reason_reach_the_next_hop(Mosquitto m) throws Exception {
        TapRecorder outer = new TapRecorder();
        TapRecorder inner = new TapRecorder();
        // two taps in a row: the second one sees what the first forwarded
        try (Wiretap second = tap("ws://127.0.0.1:0/mqtt", tcp(m), false, inner);
             Wiretap first = tap("ws://127.0.0.1:0/mqtt", Profile.builder().transport(Transport.WS)
                     .host("127.0.0.1").port(second.port()).wsPath("/mqtt").build(), false, outer);
             RawWebSocketClient client = RawWebSocketClient.open(first.port(), "/mqtt", "mqtt")) {
            client.sendBinary(MqttBytes.connect(4, "closer"));
            assertThat(client.read().payload()).containsExactly(0x20, 0x02, 0x00, 0x00);
            client.sendClose(4000, "going away, bye");
            RawWebSocketClient.Frame echo = client.read();
            assertThat(echo.opcode()).isEqualTo(0x8);
            assertThat(echo.closeCode()).isEqualTo(4000);
            TapEvent.Closed atSecond = inner.anyClosed();
            assertThat(atSecond.by()).isEqualTo("client");
            assertThat(atSecond.code()).isEqualTo(4000);
            assertThat(atSecond.reason()).isEqualTo("going away, bye");
            assertThat(atSecond.verdict()).contains("4000");
            assertThat(outer.anyClosed().code()).isEqualTo(4000);
        }
    }

    @Test
    void tls_sent_to_a_ws_listener_gets_a_verdict_and_the_tap_keeps_running(Mosquitto m) throws Exception {
        TapRecorder events = new TapRecorder();
        try (Wiretap tap = tap("ws://127.0.0.1:0/mqtt", tcp(m), false, events)) {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new TrustAll()}, null);
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", tap.port())) {
                s.setSoTimeout(10_000);
                try {
                    s.startHandshake();
                } catch (java.io.IOException expected) {
                    // the tap hangs up on a TLS ClientHello
                }
            }
            TapEvent.Closed closed = events.anyClosed();
            assertThat(closed.verdict()).contains("TLS", "ws://127.0.0.1:" + tap.port() + "/mqtt", "wss://");
            assertThat(events.all(TapEvent.Opened.class)).hasSize(1);

            try (RawWebSocketClient client = RawWebSocketClient.open(tap.port(), "/mqtt", "mqtt")) {
                client.sendBinary(MqttBytes.connect(4, "after-tls"));
                assertThat(client.read().payload()).containsExactly(0x20, 0x02, 0x00, 0x00);
            }
        }
    }

    @Test
    void raw_mqtt_to_a_ws_listener_and_http_to_an_mqtt_listener_are_named(Mosquitto m) throws Exception {
        TapRecorder wsEvents = new TapRecorder();
        TapRecorder mqttEvents = new TapRecorder();
        try (Wiretap ws = tap("ws://127.0.0.1:0/mqtt", tcp(m), false, wsEvents);
             Wiretap mqtt = tap("mqtt://127.0.0.1:0", tcp(m), false, mqttEvents)) {
            try (Socket s = new Socket("127.0.0.1", ws.port())) {
                s.getOutputStream().write(MqttBytes.connect(4, "raw"));
                assertThat(s.getInputStream().read()).isEqualTo(-1);
            }
            assertThat(wsEvents.anyClosed().verdict()).contains("raw MQTT", "10 ", "mqtt://");
            try (Socket s = new Socket("127.0.0.1", mqtt.port())) {
                s.getOutputStream().write("GET /mqtt HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(s.getInputStream().read()).isEqualTo(-1);
            }
            assertThat(mqttEvents.anyClosed().verdict()).contains("HTTP request", "GET /mqtt HTTP/1.1", "ws://");
        }
    }

    @Test
    void two_hundred_concurrent_clients_each_get_connack(Mosquitto m) throws Exception {
        TapRecorder events = new TapRecorder();
        List<Socket> sockets = new ArrayList<>();
        try (Wiretap tap = tap("mqtt://127.0.0.1:0", tcp(m), false, events)) {
            for (int i = 0; i < 200; i++) {
                Socket s = new Socket("127.0.0.1", tap.port());
                s.setSoTimeout(30_000);
                sockets.add(s);
                s.getOutputStream().write(MqttBytes.connect(4, "many-" + i));
            }
            for (Socket s : sockets) {
                InputStream in = s.getInputStream();
                assertThat(MqttBytes.readPacket(in)).containsExactly(0x20, 0x02, 0x00, 0x00);
            }
            assertThat(tap.connectionCount()).isEqualTo(200);
            assertThat(events.all(TapEvent.Packet.class).stream()
                    .filter(p -> p.packet().type() == PacketType.CONNACK)).hasSize(200);
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
        }

        @Override
        public java.security.cert.X509Certificate[] getAcceptedIssuers() {
            return new java.security.cert.X509Certificate[0];
        }
    }
}
