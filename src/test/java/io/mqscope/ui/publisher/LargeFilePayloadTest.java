package io.mqscope.ui.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.broker.LocalBroker;
import io.mqscope.payload.PayloadFormat;
import io.mqscope.profile.Profile;
import io.mqscope.session.MessageEvent;
import io.mqscope.session.PublishRequest;
import io.mqscope.session.Session;
import io.mqscope.session.SessionListener;
import io.mqscope.session.Sessions;
import io.mqscope.testing.EmbeddedHiveMq;
import io.mqscope.ui.app.TaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Large files are sent without loading twice": a file over {@link PayloadFromFile#EDITABLE_UP_TO} is read once and
 * its bytes are the payload, never turned into hex text in the editor and parsed back: every request (and every
 * message of a timed publish) carries that one array, and it arrives byte-exact through a real broker.
 */
@ExtendWith(EmbeddedHiveMq.class)
class LargeFilePayloadTest {

    @Test
    void a_large_file_is_read_once_and_sent_as_its_bytes(@TempDir Path dir, LocalBroker broker) throws Exception {
        byte[] content = new byte[1024 * 1024 + 3];
        new Random(16).nextBytes(content);
        Path file = Files.write(dir.resolve("firmware.bin"), content);
        PublisherViewModel vm = new PublisherViewModel(TaskExecutor.sameThread());
        vm.topicProperty().set("ota/dev1");
        vm.formatProperty().set(PayloadFormat.JSON);
        vm.loadFile(file.toFile());

        assertThat(vm.payloadProperty().get()).as("no hex text of a megabyte in the editor").isEmpty();
        assertThat(vm.attachedFileProperty().get()).contains("firmware.bin", "1,048,579");
        assertThat(vm.payloadErrorProperty().get()).isEmpty();
        PublishRequest first = vm.request();
        assertThat(first.payload()).isEqualTo(content);
        assertThat(vm.request().payload()).as("the same array every time: nothing parsed again")
                .isSameAs(first.payload());
        assertThat(vm.template().build(7, Instant.now(), new Random()).value().payload()).isSameAs(first.payload());

        List<MessageEvent> got = new CopyOnWriteArrayList<>();
        Profile p = Profile.builder().name("big").port(broker.tcpPort()).clientId("big-sub").build();
        Session sub = Sessions.open(p, new SessionListener() {
            @Override
            public void onMessage(MessageEvent m) {
                if (!m.outgoing()) {
                    got.add(m);
                }
            }
        });
        Session pub = Sessions.open(p.toBuilder().clientId("big-pub").build(), new SessionListener() { });
        try {
            sub.connect().get(20, TimeUnit.SECONDS);
            sub.subscribe(new Profile.SavedSubscription("ota/#", 1, false, false, 0, null, null, null))
                    .get(20, TimeUnit.SECONDS);
            pub.connect().get(20, TimeUnit.SECONDS);
            vm.setTarget(pub::publish);
            vm.connectedProperty().set(true);
            assertThat(vm.send()).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> !got.isEmpty());
        } finally {
            sub.close();
            pub.close();
        }
        assertThat(got.get(0).payload()).isEqualTo(content);
    }

    @Test
    void typing_replaces_the_file_and_small_files_stay_editable(@TempDir Path dir) throws Exception {
        PublisherViewModel vm = new PublisherViewModel(TaskExecutor.sameThread());
        vm.topicProperty().set("t");
        vm.loadFile(Files.write(dir.resolve("big.bin"), new byte[PayloadFromFile.EDITABLE_UP_TO + 1]).toFile());
        assertThat(vm.attachedFileProperty().get()).contains("big.bin");
        vm.formatProperty().set(PayloadFormat.TEXT);
        vm.payloadProperty().set("typed");
        assertThat(vm.attachedFileProperty().get()).isEmpty();
        assertThat(vm.request().payload()).isEqualTo("typed".getBytes());

        vm.loadFile(Files.write(dir.resolve("small.bin"), new byte[] {0, 1, (byte) 0xff}).toFile());
        assertThat(vm.attachedFileProperty().get()).isEmpty();
        assertThat(vm.formatProperty().get()).isEqualTo(PayloadFormat.HEX);
        assertThat(vm.payloadProperty().get()).isEqualTo("00 01 ff");
    }
}
