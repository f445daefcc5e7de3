package io.mqscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.testing.MqttBytes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BrokerCommandTest {

    @Test
    void runs_until_stopped_and_prints_loopback_urls() throws Exception {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> cl.execute("broker", "--tcp-port", "0", "--ws-port", "0"));
        await().atMost(Duration.ofSeconds(60)).until(() -> out.toString().contains("Ctrl+C") || exit.isDone());
        String text = out.toString();
        assertThat(text).contains("Loopback only").contains("ws://127.0.0.1:").contains("/mqtt");
        Matcher m = Pattern.compile("tcp  mqtt://127\\.0\\.0\\.1:(\\d+)").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        int port = Integer.parseInt(m.group(1));
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(MqttBytes.connect(5, "broker-command-test"));
            byte[] connack = MqttBytes.readPacket(s.getInputStream());
            assertThat(connack[0]).isEqualTo((byte) 0x20);
            assertThat(connack[3]).isZero();
        }
        BrokerCommand command = cl.getSubcommands().get("broker").getCommand();
        command.stop.countDown();
        assertThat(exit.get()).isZero();
        assertThat(out.toString()).contains("Broker stopped.");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void a_port_in_use_exits_1_with_the_reason() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CommandLine cl = Main.commandLine();
            StringWriter err = new StringWriter();
            cl.setOut(new PrintWriter(new StringWriter(), true));
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute("broker", "--tcp-port", String.valueOf(taken.getLocalPort()), "--ws-port", "-1");
            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).startsWith("mqscope broker: ").contains(String.valueOf(taken.getLocalPort()));
        }
    }

    private static int brokerExit(StringWriter err, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void a_negative_ws_port_other_than_minus_1_is_bad_input() {
        StringWriter err = new StringWriter();
        assertThat(brokerExit(err, "broker", "--tcp-port", "0", "--ws-port", "-5")).isEqualTo(2);
        assertThat(err.toString()).contains("--ws-port must be 0..65535, or -1 for no WebSocket listener, not -5");
    }

    /** Issue 13 item 10: a --bind address that is not this machine's fails and leaves no temporary folder. */
    @Test
    void a_failed_bind_says_why_and_leaves_no_temp_folder() throws Exception {
        java.nio.file.Path tmp = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
        java.util.Set<java.nio.file.Path> before = brokerFolders(tmp);
        StringWriter err = new StringWriter();
        // TEST-NET-1 (RFC 5737): never an address of this machine
        assertThat(brokerExit(err, "broker", "--bind", "192.0.2.1", "--tcp-port", "0", "--ws-port", "-1"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("192.0.2.1 is not an address of this machine");
        // a failed start never wrote conf/config.xml; a broker of another test running meanwhile has one
        assertThat(brokerFolders(tmp)).filteredOn(d -> !before.contains(d))
                .noneMatch(d -> !java.nio.file.Files.exists(d.resolve("conf").resolve("config.xml")));
    }

    private static java.util.Set<java.nio.file.Path> brokerFolders(java.nio.file.Path tmp) throws Exception {
        try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("mqscope-broker-"))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }
}
