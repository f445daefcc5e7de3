package io.mqscope.capture;

import static io.mqscope.capture.CaptureReaderTest.CONNACK;
import static io.mqscope.capture.CaptureReaderTest.CONNECT;
import static io.mqscope.capture.CaptureReaderTest.PINGREQ;
import static io.mqscope.capture.TestCaptures.CLIENT_V4;
import static io.mqscope.capture.TestCaptures.SERVER_V4;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.capture.TestCaptures.Conv;
import io.mqscope.capture.TestCaptures.Frame;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link CaptureReader#stream}: what a large capture needs to be read in bounded memory. A closed connection is
 * finished and reported while the file is still being read, not kept to the end; packets come with their
 * conversation's number and start; nothing is kept in the conversations handed over.
 */
class CaptureStreamTest {

    /** A closed conversation, then a second one that starts 5 minutes later and pings 5000 times. */
    private static byte[] twoConversations() {
        Conv first = CaptureReaderTest.basic().fin(true).fin(false);
        Conv second = new Conv(CLIENT_V4, 50_001, SERVER_V4, 1883);
        second.time = first.time + 300_000_000_000L;
        second.handshake().send(true, CONNECT).send(false, CONNACK);
        for (int i = 0; i < 5000; i++) {
            second.send(true, PINGREQ);
        }
        List<Frame> frames = new ArrayList<>(first.frames(ip -> ip));
        frames.addAll(second.frames(ip -> ip));
        return TestCaptures.pcap(false, false, 101, 65535, frames);
    }

    @Test
    void a_closed_connection_is_reported_before_the_file_ends_and_nothing_is_kept() throws Exception {
        List<String> events = new ArrayList<>();
        List<Conversation> done = new ArrayList<>();
        CaptureReader.Listener listener = new CaptureReader.Listener() {
            @Override
            public void packet(long id, Instant start, CapturedPacket packet) {
                if (events.isEmpty() || !events.get(events.size() - 1).startsWith("packet " + id)) {
                    events.add("packet " + id + " " + start.getEpochSecond());
                }
            }

            @Override
            public void conversation(long id, Conversation conversation) {
                events.add("end " + id);
                done.add(conversation);
            }
        };
        Capture summary = CaptureReader.stream(new ByteArrayInputStream(twoConversations()),
                CaptureReader.Options.defaults().withListener(listener, false));

        // the first conversation ends while the second one's packets are still coming
        assertThat(events).containsExactly("packet 0 1700000000", "packet 1 1700000300", "end 0", "packet 1 "
                + "1700000300", "end 1");
        assertThat(summary.conversations()).isEmpty();
        assertThat(summary.frames()).isEqualTo(8 + 5005);
        assertThat(done).allSatisfy(c -> assertThat(c.packets()).isEmpty());
        assertThat(done.get(0).packetCount()).isEqualTo(3);
        assertThat(done.get(1).packetCount()).isEqualTo(5002);
        assertThat(done.get(0).closes()).hasSize(2);
    }

    @Test
    void a_storm_of_short_connections_is_not_held_until_they_have_lingered() throws Exception {
        int n = CaptureReader.MAX_CLOSING + 100;
        List<Frame> frames = new ArrayList<>();
        long time = 1_700_000_000_000_000_000L;
        for (int i = 0; i < n; i++) {
            Conv c = new Conv(CLIENT_V4, 10_000 + i, SERVER_V4, 1883);
            c.time = time;
            c.handshake().send(true, CONNECT).send(false, CONNACK).fin(true).fin(false);
            time = c.time;
            frames.addAll(c.frames(ip -> ip));
        }
        List<Long> endedBeforeLast = new ArrayList<>();
        boolean[] lastSeen = {false};
        CaptureReader.Listener listener = new CaptureReader.Listener() {
            @Override
            public void packet(long id, Instant start, CapturedPacket packet) {
                lastSeen[0] |= id == n - 1;
            }

            @Override
            public void conversation(long id, Conversation conversation) {
                if (!lastSeen[0]) {
                    endedBeforeLast.add(id);
                }
            }
        };
        CaptureReader.stream(new ByteArrayInputStream(TestCaptures.pcap(false, false, 101, 65535, frames)),
                CaptureReader.Options.defaults().withListener(listener, false));
        // all within a second of capture time: the oldest closed ones were finished to keep at most MAX_CLOSING
        assertThat(endedBeforeLast).hasSizeGreaterThanOrEqualTo(99).startsWith(0L, 1L, 2L);
    }

    @Test
    void read_gives_the_same_conversations_in_order_of_start() throws Exception {
        Capture c = CaptureReader.read(new ByteArrayInputStream(twoConversations()),
                CaptureReader.Options.defaults());
        assertThat(c.conversations()).extracting(v -> v.client().port()).containsExactly(50_000, 50_001);
        assertThat(c.conversations().get(1).packets()).hasSize(5002);
        assertThat(c.notes()).isEmpty();
    }
}
