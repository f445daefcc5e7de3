package io.mqscope.tap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.testing.Mosquitto;
import io.mqscope.testing.MqttBytes;
import io.mqscope.testing.RawWebSocketClient;
import io.mqscope.wire.Direction;
import java.util.Locale;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the client asked for in its upgrade request reaches the broker: the query string of its path (a token, as
 * some clouds want) and its subprotocol, {@code mqtt} or {@code mqttv3.1}. Two taps in a row, so the second one
 * records the upgrade request the first one sent; the second forwards to mosquitto, and the session works.
 */
@ExtendWith(Mosquitto.class)
class WiretapPassThroughTest {

    @ParameterizedTest(name = "subprotocol {0}")
    @ValueSource(strings = {"mqtt", "mqttv3.1"})
    void the_query_and_the_subprotocol_reach_the_broker(String subprotocol, Mosquitto m) throws Exception {
        TapRecorder outer = new TapRecorder();
        TapRecorder inner = new TapRecorder();
        Profile toMosquitto = Profile.builder().transport(Transport.TCP).host("127.0.0.1").port(m.tcpPort).build();
        try (Wiretap second = Wiretap.start(new TapSettings(ListenUrl.parse("ws://127.0.0.1:0/broker"), toMosquitto,
                null, false, Locale.ENGLISH), inner);
             Wiretap first = Wiretap.start(new TapSettings(ListenUrl.parse("ws://127.0.0.1:0/mqtt"),
                     Profile.builder().transport(Transport.WS).host("127.0.0.1").port(second.port())
                             .wsPath("/broker").build(), null, false, Locale.ENGLISH), outer);
             RawWebSocketClient client = RawWebSocketClient.open(first.port(), "/mqtt?token=a%2Fb&sig=9",
                     subprotocol)) {
            assertThat(client.headers.get("sec-websocket-protocol")).isEqualTo(subprotocol);
            client.sendBinary(MqttBytes.connect(4, "pass-" + subprotocol));
            assertThat(client.read().payload()).containsExactly(0x20, 0x02, 0x00, 0x00);
            client.sendBinary(MqttBytes.disconnect());

            TapEvent.HttpExchange asked = outer.await(TapEvent.HttpExchange.class, h -> true);
            assertThat(asked.path()).isEqualTo("/mqtt?token=a%2Fb&sig=9");
            TapEvent.HttpExchange forwarded = inner.await(TapEvent.HttpExchange.class, h -> true);
            assertThat(forwarded.path()).as("the upstream path with the client's query")
                    .isEqualTo("/broker?token=a%2Fb&sig=9");
            assertThat(forwarded.asked()).isEqualTo(subprotocol);
            assertThat(forwarded.answered()).isEqualTo(subprotocol);
            assertThat(outer.anyClosed().verdict()).isNull();
            assertThat(inner.all(TapEvent.Packet.class)).extracting(p -> p.packet().type() + " " + p.from())
                    .contains("CONNECT " + Direction.CLIENT_TO_BROKER, "CONNACK " + Direction.BROKER_TO_CLIENT);
        }
    }
}
