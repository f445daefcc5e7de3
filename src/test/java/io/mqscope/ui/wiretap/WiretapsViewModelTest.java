package io.mqscope.ui.wiretap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.profile.Profile;
import io.mqscope.session.Failure;
import io.mqscope.tap.Stage;
import io.mqscope.ui.I18n;
import io.mqscope.ui.NoBackend;
import io.mqscope.ui.app.TaskExecutor;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Wiretaps view model with work on the test's thread: the form's validation, a wiretap started and stopped on
 * a real port, a port in use said, tapped clients picked up once per pulse, the inspector following the selection.
 */
class WiretapsViewModelTest {
    private final WiretapsViewModel vm = new WiretapsViewModel(new NoBackend(), List::of, TaskExecutor.sameThread(),
            100);

    private static WiretapDefinition tcpTap(String listen, int upstreamPort) {
        return new WiretapDefinition("t", listen, null, "mqtt://127.0.0.1:" + upstreamPort, null, null, null, false);
    }

    @Test
    void the_form_says_what_is_wrong_and_gives_a_definition_only_when_nothing_is() {
        Profile saved = Profile.builder().id("p1").name("Cloud").host("broker.example.com").build();
        WiretapFormViewModel form = new WiretapFormViewModel(List.of(saved), null);
        assertThat(form.upstreams()).extracting(WiretapFormViewModel.Upstream::label)
                .containsExactly(I18n.t("wiretap.form.upstream.url"), "Cloud");
        assertThat(form.result()).isEmpty(); // no upstream URL yet
        assertThat(form.upstreamErrorProperty().get()).isNotEmpty();
        form.upstreamUrlProperty().set("wss://broker.example.com/mqtt");
        assertThat(form.result()).isPresent();

        form.listenProperty().set("http://127.0.0.1:80");
        assertThat(form.listenErrorProperty().get()).isEqualTo(I18n.t("wiretap.form.error.listen"));
        form.listenProperty().set("wss://0.0.0.0:8084/mqtt");
        assertThat(form.secureProperty().get()).isTrue();
        form.certificatesProperty().set(WiretapDefinition.Certificates.FILES);
        assertThat(form.result()).isEmpty();
        assertThat(form.certErrorProperty().get()).isEqualTo(I18n.t("wiretap.form.error.certificate"));
        form.certFileProperty().set("/tmp/server.pem");
        form.keyFileProperty().set("/tmp/server.key");
        form.upstreamProperty().set(form.upstreams().get(1));
        form.repairProperty().set(true);
        WiretapDefinition d = form.result().orElseThrow();
        assertThat(d).isEqualTo(new WiretapDefinition(I18n.t("wiretap.form.defaultName"), "wss://0.0.0.0:8084/mqtt",
                "p1", null, WiretapDefinition.Certificates.FILES, "/tmp/server.pem", "/tmp/server.key", true));
        // editing shows the saved definition again
        WiretapFormViewModel again = new WiretapFormViewModel(List.of(saved), d);
        assertThat(again.result()).contains(d);
    }

    @Test
    void a_started_wiretap_lists_its_clients_once_per_pulse_and_stops() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort(); // no broker there: the tap's upstream fails, with a verdict
        }
        WiretapEntry e = vm.add(tcpTap("mqtt://127.0.0.1:0", closedPort));
        vm.start(e);
        assertThat(e.statusProperty().get()).isEqualTo(WiretapEntry.Status.RUNNING);
        String url = e.urls().get(0);
        int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = s.getOutputStream();
            out.write(HexFormat.of().parseHex(WiretapFxTest.WECHAT_CONNECT));
            out.flush();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                vm.pulse();
                return e.rows().size() == 1 && e.rows().get(0).state() == TapClientRow.State.CLOSED;
            });
        }
        TapClientRow row = e.rows().get(0);
        // the words mqscope check gives for a closed port, in the UI language
        assertThat(row.verdict()).isEqualTo(Failure.of(Stage.TCP, "tcp.refused", "127.0.0.1", closedPort)
                .render(I18n.locale()));
        vm.selectedClientProperty().set(row);
        assertThat(vm.inspector().verdictProperty().get()).isEqualTo(row.verdict());
        assertThat(vm.inspector().titleProperty().get()).contains(row.client()).contains(url);
        assertThat(vm.inspector().httpProperty().get()).isEqualTo(I18n.t("wiretap.http.none"));

        vm.stop(e);
        assertThat(e.statusProperty().get()).isEqualTo(WiretapEntry.Status.STOPPED);
        assertThat(e.urls()).isEmpty();
        // the port is free again
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void wiretaps_are_kept_like_connections(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        WiretapFile file = new WiretapFile(dir.resolve("wiretaps.json"));
        vm.persistTo(file);
        WiretapDefinition d = new WiretapDefinition("mini program", "wss://0.0.0.0:8084/mqtt", null,
                "wss://broker.example.com/mqtt", WiretapDefinition.Certificates.SELF_SIGNED, null, null, true);
        WiretapEntry e = vm.add(d);
        WiretapDefinition changed = new WiretapDefinition("mini program", "ws://127.0.0.1:18083/mqtt", null,
                "wss://broker.example.com/mqtt", null, null, null, true);
        vm.update(e, changed);

        WiretapsViewModel next = new WiretapsViewModel(new NoBackend(), List::of, TaskExecutor.sameThread(), 100);
        next.persistTo(file);
        assertThat(next.entries()).hasSize(2);
        assertThat(next.entries().get(1).definitionProperty().get()).isEqualTo(changed);
        assertThat(next.entries().get(1).statusProperty().get()).isEqualTo(WiretapEntry.Status.STOPPED);
        next.remove(next.entries().get(1));
        WiretapsViewModel third = new WiretapsViewModel(new NoBackend(), List::of, TaskExecutor.sameThread(), 100);
        third.persistTo(file);
        assertThat(third.entries()).containsExactly(third.localBroker());
    }

    @Test
    void bound_to_every_interface_it_names_the_loopback_and_lan_urls_to_copy() {
        WiretapEntry e = vm.add(tcpTap("ws://0.0.0.0:0/mqtt", 1883));
        vm.start(e);
        try {
            assertThat(e.statusProperty().get()).isEqualTo(WiretapEntry.Status.RUNNING);
            List<String> lan = io.mqscope.tap.LocalAddresses.lan();
            assertThat(e.urls()).hasSize(1 + lan.size());
            String port = e.urls().get(0).replaceAll(".*:(\\d+)/mqtt$", "$1");
            assertThat(e.urls().get(0)).isEqualTo("ws://127.0.0.1:" + port + "/mqtt");
            for (String address : lan) {
                assertThat(e.urls()).contains("ws://" + address + ":" + port + "/mqtt");
            }
        } finally {
            vm.stop(e);
        }
    }

    @Test
    void a_port_in_use_is_said() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            WiretapEntry e = vm.add(tcpTap("mqtt://127.0.0.1:" + taken.getLocalPort(), 1883));
            vm.start(e);
            assertThat(e.statusProperty().get()).isEqualTo(WiretapEntry.Status.FAILED);
            assertThat(e.messageProperty().get()).contains("in use");
        }
    }

    @Test
    void the_built_in_broker_cannot_be_stopped_edited_or_removed_here() {
        WiretapEntry local = vm.localBroker();
        assertThat(vm.entries()).containsExactly(local);
        vm.remove(local);
        vm.stop(local);
        assertThat(vm.entries()).containsExactly(local);
    }
}
