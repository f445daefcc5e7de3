package io.mqscope.tap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.broker.LocalBroker;
import io.mqscope.profile.Profile;
import io.mqscope.testing.EmbeddedHiveMq;
import io.mqscope.testing.RecordingRelayListener;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The stream decoder holds a malformed packet while the bytes that decide a repair are still to come (so that its
 * answer does not depend on how the stream was split). When the broker hangs up, the relay reports that packet
 * first, so it can still be named as the likely reason.
 */
@ExtendWith(EmbeddedHiveMq.class)
class RelayHeldPacketTest {

    @Test
    void a_held_malformed_connect_is_named_when_the_broker_closes(LocalBroker broker) throws Exception {
        RecordingRelayListener events = new RecordingRelayListener();
        try (Relay relay = Relay.start(Profile.builder().host("127.0.0.1").port(broker.tcpPort()).build(), events);
             Socket s = new Socket("127.0.0.1", relay.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(new byte[] {
                // fixed header: CONNECT, remaining length 14
                0x10, 0x0e,
                // protocol name "MQTT", level 4, clean session, keep alive 60
                0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3c,
                // client id: length 5, but only 2 bytes in the packet
                0x00, 0x05, 'a', 'b'});
            assertThat(s.getInputStream().readAllBytes()).isEmpty();
            UpstreamFailure f = events.awaitFailure();
            assertThat(f.detail()).startsWith("the broker closed the connection without sending CONNACK")
                    .contains("right after client packet #0 (CONNECT) which has findings");
        }
    }
}
