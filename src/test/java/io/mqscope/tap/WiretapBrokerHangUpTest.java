package io.mqscope.tap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.testing.Mosquitto;
import io.mqscope.testing.MqttBytes;
import io.mqscope.wire.Direction;
import io.mqscope.wire.PacketType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The broker hangs up on a tapped client (mosquitto, a real broker: it closes at once on a CONNECT whose reserved
 * flag is set, [MQTT-3.1.2-3]), while the client goes on sending as clients do until they learn of the close. The
 * tap keeps reading the client for its grace ({@link EarlyClientBytes#brokerClosed}): what the client sent after the
 * broker's close is decoded and reported, marked as never forwarded; once the client goes quiet the tap half-closes
 * it, and the client is closed within the grace. The verdict still blames the CONNECT the broker read, not what came
 * after it, and the doctor reads the conversation as the broker lived it.
 */
@ExtendWith(Mosquitto.class)
class WiretapBrokerHangUpTest {
    /** Time allowed beyond the grace for the event loop's timer to run on a busy machine. */
    private static final long SLACK_MILLIS = 250;

    private static byte[] publish(int n) {
        return MqttBytes.publish(4, "late/" + n, Integer.toString(n).getBytes(StandardCharsets.US_ASCII));
    }

    private static List<TapEvent.Packet> clientPackets(TapRecorder events, String conn) {
        return events.all(TapEvent.Packet.class, conn).stream().filter(p -> p.from() == Direction.CLIENT_TO_BROKER)
                .toList();
    }

    private static boolean anyLate(TapRecorder events) {
        return events.all(TapEvent.Packet.class).stream().anyMatch(TapEvent.Packet::afterBrokerClosed);
    }

    @Test
    void what_the_client_sends_after_the_broker_hung_up_is_decoded_then_the_client_is_closed_within_the_grace(
            Mosquitto m) throws Exception {
        TapRecorder events = new TapRecorder();
        try (Wiretap tap = WiretapMosquittoTest.tap("mqtt://127.0.0.1:0", WiretapMosquittoTest.tcp(m), false, events);
             Socket client = new Socket("127.0.0.1", tap.port())) {
            client.setSoTimeout(10_000);
            OutputStream out = client.getOutputStream();
            out.write(MqttBytes.reservedFlagConnect("hang-up"));
            // a client that does not wait for CONNACK: a PUBLISH every 2 ms until the tap closes its connection
            int sent = 0;
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < giveUp && MqttBytes.send(out, publish(sent))) {
                sent++;
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // the client's own pace, not a wait
            }
            long writeFailed = System.nanoTime();
            assertThat(closedByTheTap(client)).as("the tap closed the client").isTrue();

            TapEvent.Closed closed = events.anyClosed();
            List<TapEvent.Packet> packets = clientPackets(events, closed.conn());
            assertThat(packets.get(0).packet().type()).isEqualTo(PacketType.CONNECT);
            assertThat(packets.get(0).afterBrokerClosed()).as("the broker read the CONNECT").isFalse();
            List<TapEvent.Packet> publishes = packets.subList(1, packets.size());
            // every PUBLISH decoded is the client's next one: nothing lost in between, none made up
            for (int i = 0; i < publishes.size(); i++) {
                assertThat(publishes.get(i).packet().type()).isEqualTo(PacketType.PUBLISH);
                assertThat(publishes.get(i).packet().raw()).isEqualTo(publish(i));
            }
            assertThat(publishes.size()).isLessThanOrEqualTo(sent);
            List<TapEvent.Packet> late = publishes.stream().filter(TapEvent.Packet::afterBrokerClosed).toList();
            assertThat(late).as("PUBLISHes sent after the broker's close are shown").isNotEmpty();
            assertThat(publishes.subList(publishes.size() - late.size(), publishes.size())).as("late ones come last")
                    .isEqualTo(late);
            // the close event is timed at the broker's close; the client never went quiet nor closed (it ignores the
            // end of the stream), so the grace's two deadlines ended it: a write fails once the tap has closed it
            assertThat(late).allMatch(p -> p.nanoTime() >= closed.nanoTime());
            assertThat(TimeUnit.NANOSECONDS.toMillis(writeFailed - closed.nanoTime()))
                    .as("the client is closed within the grace").isLessThanOrEqualTo(
                            EarlyClientBytes.GRACE_MILLIS + EarlyClientBytes.GRACE_TOLD_MILLIS + SLACK_MILLIS);

            assertThat(closed.by()).as("the broker closed first").isEqualTo("broker");
            assertThat(closed.verdict()).startsWith("the broker closed the connection")
                    .contains("after the client's CONNECT #0, which is malformed").doesNotContain("PUBLISH");
        }
    }

    @Test
    void a_client_that_goes_quiet_after_the_hang_up_has_its_last_packets_shown_and_is_closed(Mosquitto m)
            throws Exception {
        TapRecorder events = new TapRecorder();
        try (Wiretap tap = WiretapMosquittoTest.tap("mqtt://127.0.0.1:0", WiretapMosquittoTest.tcp(m), false, events);
             Socket client = new Socket("127.0.0.1", tap.port())) {
            client.setSoTimeout(10_000);
            OutputStream out = client.getOutputStream();
            out.write(MqttBytes.reservedFlagConnect("hang-up"));
            // PINGREQs until the tap shows one it read after the broker's close, then a last SUBSCRIBE and a
            // DISCONNECT, and the client goes quiet
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!anyLate(events) && System.nanoTime() < giveUp && MqttBytes.send(out, MqttBytes.pingreq())) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // the client's own pace, not a wait
            }
            assertThat(anyLate(events)).as("a PINGREQ read after the broker's close").isTrue();
            long quietFrom = System.nanoTime();
            byte[] lastWords = concat(MqttBytes.subscribe(4, "last/words", 0), MqttBytes.disconnect());
            assertThat(MqttBytes.send(out, lastWords)).isTrue();
            // quiet now: the tap tells it (a half-close, the end of the stream) and reads on until its close, so
            // that what a slow client sends before it notices is not lost either
            assertThat(client.getInputStream().read()).as("told of the close").isEqualTo(-1);
            long told = System.nanoTime();
            boolean lastSent = MqttBytes.send(out, MqttBytes.pingreq());
            client.close();
            assertThat(TimeUnit.NANOSECONDS.toMillis(told - quietFrom)).as("told within the grace")
                    .isLessThanOrEqualTo(EarlyClientBytes.GRACE_MILLIS + SLACK_MILLIS);
            assertThat(lastSent).isTrue();

            TapEvent.Closed closed = events.anyClosed();
            List<TapEvent.Packet> packets = clientPackets(events, closed.conn());
            assertThat(packets.subList(packets.size() - 3, packets.size()))
                    .extracting(p -> p.packet().type(), TapEvent.Packet::afterBrokerClosed)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(PacketType.SUBSCRIBE, true),
                            org.assertj.core.groups.Tuple.tuple(PacketType.DISCONNECT, true),
                            org.assertj.core.groups.Tuple.tuple(PacketType.PINGREQ, true));
            assertThat(packets.subList(1, packets.size() - 3)).extracting(p -> p.packet().type())
                    .containsOnly(PacketType.PINGREQ);
            assertThat(closed.by()).isEqualTo("broker");
            assertThat(closed.verdict()).contains("after the client's CONNECT #0, which is malformed");
            // the doctor reads the conversation as the broker lived it: nothing the client sent after the close
            assertThat(TapDoctor.observation(packets.get(packets.size() - 1), null)).isNull();
            assertThat(TapDoctor.observation(packets.get(0), null)).isNotNull();
        }
    }

    /** The tap's close: a FIN, or a reset when the client's last bytes were still unread there. */
    private static boolean closedByTheTap(Socket client) throws IOException {
        try {
            return client.getInputStream().read() == -1;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
