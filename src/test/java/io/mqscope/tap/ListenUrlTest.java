package io.mqscope.tap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqscope.wire.Direction;
import io.mqscope.wire.StreamDecoder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Listen URLs, the server handshake's arithmetic, and which repairs go on the wire. */
class ListenUrlTest {

    @Test
    void the_four_kinds_with_default_ports_and_paths() {
        assertThat(ListenUrl.parse("mqtt://127.0.0.1")).isEqualTo(new ListenUrl(ListenUrl.Kind.MQTT, "127.0.0.1",
                1883, ""));
        assertThat(ListenUrl.parse("mqtts://0.0.0.0:0").wildcard()).isTrue();
        assertThat(ListenUrl.parse("ws://localhost:8083/mqtt").path()).isEqualTo("/mqtt");
        assertThat(ListenUrl.parse("wss://[::1]:8084/mqtt")).hasToString("wss://[::1]:8084/mqtt");
        assertThat(ListenUrl.parse("ws://127.0.0.1:9001")).hasToString("ws://127.0.0.1:9001/");
    }

    @Test
    void bad_urls_say_why() {
        assertThatThrownBy(() -> ListenUrl.parse("http://127.0.0.1:80")).hasMessageContaining("mqtt://, mqtts://");
        assertThatThrownBy(() -> ListenUrl.parse("ws://:8083/mqtt")).hasMessageContaining("no host");
        assertThatThrownBy(() -> ListenUrl.parse("mqtt://127.0.0.1:1883/mqtt"))
                .hasMessageContaining("a path belongs to ws://");
        assertThatThrownBy(() -> ListenUrl.parse("mqtt://127.0.0.1:70000")).hasMessageContaining("port 70000");
        assertThatThrownBy(() -> ListenUrl.parse("ws://a b")).hasMessageContaining("is not a URL");
    }

    @Test
    void accept_key_and_subprotocol_choice() {
        // RFC 6455 §1.3's own example
        assertThat(WebSocketServerUpgrade.accept("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assertThat(WebSocketServerUpgrade.choose("mqttv3.1")).isEqualTo("mqttv3.1");
        assertThat(WebSocketServerUpgrade.choose("wamp, mqtt")).isEqualTo("mqtt");
        assertThat(WebSocketServerUpgrade.choose("wamp")).isNull();
        assertThat(WebSocketServerUpgrade.choose(null)).isNull();
    }

    @Test
    void only_the_padded_length_repair_is_applied() {
        byte[] wechat = HexFormat.of().parseHex("101a00000000044d51545404c2003c000a636e2e6c6f6b65692d3100000000");
        var padded = new StreamDecoder(Direction.CLIENT_TO_BROKER, 0).decodeAll(wechat).get(0);
        assertThat(padded.repaired()).isNotNull();
        assertThat(PaddedLength.repairable(padded)).isTrue();
        var clean = new StreamDecoder(Direction.CLIENT_TO_BROKER, 0)
                .decodeAll(HexFormat.of().parseHex("101800044d51545404c2003c000a636e2e6c6f6b65692d3100000000"))
                .get(0);
        assertThat(PaddedLength.repairable(clean)).isFalse();
    }
}
