package io.mqscope.tap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.testing.Mosquitto;
import io.mqscope.testing.MqttBytes;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link Wiretap#hold()} (a listener of events that has fallen behind, such as {@code mqscope tap}'s printer) stops
 * the tap reading once the current read is done, on both sides, and {@link Wiretap#release()} lets the traffic go
 * on: nothing is dropped on the way.
 */
@ExtendWith(Mosquitto.class)
class WiretapHoldTest {

    @Test
    void held_traffic_waits_and_goes_on_when_released(Mosquitto m) throws Exception {
        Profile upstream = Profile.builder().transport(Transport.TCP).host("127.0.0.1").port(m.tcpPort).build();
        TapRecorder events = new TapRecorder();
        try (Wiretap tap = Wiretap.start(new TapSettings(ListenUrl.parse("mqtt://127.0.0.1:0"), upstream, null, false,
                Locale.ENGLISH), events);
             Socket s = new Socket("127.0.0.1", tap.port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(MqttBytes.connect(4, "held"));
            assertThat(MqttBytes.readPacket(in)).containsExactly(0x20, 0x02, 0x00, 0x00);

            tap.hold();
            // a read already asked for may still happen, but the answer's side stops reading too: no PINGRESP
            out.write(MqttBytes.pingreq());
            s.setSoTimeout(1500);
            assertThatThrownBy(() -> MqttBytes.readPacket(in)).as("no PINGRESP while held")
                    .isInstanceOf(SocketTimeoutException.class);

            s.setSoTimeout(15_000);
            tap.release();
            assertThat(MqttBytes.readPacket(in)).containsExactly(0xd0, 0x00);
            assertThat(events.all(TapEvent.Packet.class).stream()
                    .filter(p -> p.packet().type() == io.mqscope.wire.PacketType.PINGREQ)).hasSize(1);
        }
    }
}
