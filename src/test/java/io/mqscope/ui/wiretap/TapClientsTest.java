package io.mqscope.ui.wiretap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.tap.TapEvent;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.StreamDecoder;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The tapped clients' store: changes come out in one batch per pulse, keys of several taps stay apart, bounded. */
class TapClientsTest {
    private static TapEvent.Opened opened(String conn) {
        return new TapEvent.Opened(conn, System.nanoTime(), Instant.now(), "127.0.0.1:5" + conn.substring(1),
                "mqtt://127.0.0.1:1883");
    }

    @Test
    void changes_come_in_one_batch_and_counters_follow_the_packets() {
        TapClients clients = new TapClients();
        Consumer<TapEvent> feed = clients.feed("tcp-");
        feed.accept(opened("c1"));
        byte[] wechat = HexFormat.of().parseHex(WiretapFxTest.WECHAT_CONNECT);
        List<DecodedPacket> packets = new StreamDecoder(Direction.CLIENT_TO_BROKER, 0).decodeAll(wechat);
        for (DecodedPacket p : packets) {
            feed.accept(new TapEvent.Packet("c1", System.nanoTime(), Instant.now(), Direction.CLIENT_TO_BROKER, p,
                    false));
        }
        feed.accept(new TapEvent.Closed("c1", System.nanoTime(), Instant.now(), "broker", null, null, false, 3, 0,
                "the broker closed the connection"));

        TapClients.Changes c = clients.takeChanges();
        assertThat(c.updated()).hasSize(1);
        TapClientRow row = c.updated().get(0);
        assertThat(row.key()).isEqualTo("tcp-c1");
        assertThat(row.packetsIn()).isEqualTo(packets.size());
        assertThat(row.errors()).isPositive();
        assertThat(row.endedBadly()).isTrue();
        assertThat(clients.takeChanges().isEmpty()).isTrue();
        assertThat(clients.packetsOf("tcp-c1")).hasSize(packets.size());
    }

    @Test
    void a_clients_packets_from_the_first_one_after_the_broker_closed_on_are_marked_and_no_other_clients() {
        TapClients clients = new TapClients();
        Consumer<TapEvent> feed = clients.feed("tcp-");
        feed.accept(opened("c1"));
        feed.accept(opened("c2"));
        byte[] pings = HexFormat.of().parseHex("c000c000c000");
        List<DecodedPacket> sent = new StreamDecoder(Direction.CLIENT_TO_BROKER, 0).decodeAll(pings);
        for (String conn : List.of("c1", "c2")) {
            for (int i = 0; i < sent.size(); i++) {
                feed.accept(new TapEvent.Packet(conn, System.nanoTime(), Instant.now(), Direction.CLIENT_TO_BROKER,
                        sent.get(i), false, conn.equals("c1") && i > 0));
            }
        }
        assertThat(clients.packetsOf("tcp-c1")).extracting(clients::afterBrokerClosed)
                .containsExactly(false, true, true);
        assertThat(clients.packetsOf("tcp-c2")).extracting(clients::afterBrokerClosed)
                .containsExactly(false, false, false);
        clients.clear();
        feed.accept(opened("c1"));
        feed.accept(new TapEvent.Packet("c1", System.nanoTime(), Instant.now(), Direction.CLIENT_TO_BROKER,
                sent.get(2), false));
        assertThat(clients.packetsOf("tcp-c1")).extracting(clients::afterBrokerClosed).containsExactly(false);
    }

    @Test
    void two_taps_counting_from_c1_stay_apart() {
        TapClients clients = new TapClients();
        clients.feed("tcp-").accept(opened("c1"));
        clients.feed("ws-").accept(opened("c1"));
        assertThat(clients.rows()).extracting(TapClientRow::key).containsExactly("tcp-c1", "ws-c1");
    }

    @Test
    void at_most_max_clients_are_kept_and_the_oldest_closed_one_goes_first() {
        TapClients clients = new TapClients();
        Consumer<TapEvent> feed = clients.feed("");
        feed.accept(opened("c1"));
        feed.accept(opened("c2"));
        feed.accept(new TapEvent.Closed("c2", System.nanoTime(), Instant.now(), "client", null, null, false, -1, 0,
                null));
        for (int i = 3; i <= TapClients.MAX_CLIENTS + 1; i++) {
            feed.accept(opened("c" + i));
        }
        List<TapClientRow> rows = clients.rows();
        assertThat(rows).hasSize(TapClients.MAX_CLIENTS);
        assertThat(rows).extracting(TapClientRow::key).contains("c1").doesNotContain("c2");
        assertThat(clients.takeChanges().removed()).containsExactly("c2");
    }
}
