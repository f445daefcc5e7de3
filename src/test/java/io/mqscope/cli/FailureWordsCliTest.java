package io.mqscope.cli;

import static io.mqscope.cli.CheckCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.testing.Mosquitto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * pub and sub explain a failed connection with the words of {@code mqscope check} (stage, cause, fix) instead of the
 * client's exception: the misconfigurations against real mosquitto listeners.
 */
@ExtendWith(Mosquitto.class)
class FailureWordsCliTest {
    @Test
    void aTcpClientAtAWebSocketPortIsToldTheProtocolNotAPubackError(Mosquitto m) {
        CheckCommandTest.Run r = run("pub", "--url", "mqtt://127.0.0.1:" + m.wsPort, "-t", "t", "-m", "x",
                "--lang", "en");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).startsWith("mqscope pub: mqtt: Port " + m.wsPort + " speaks HTTP (WebSocket)")
                .contains("fix: This port speaks HTTP: use ws://").doesNotContain("PUBACK");
    }

    @Test
    void aWrongPasswordNamesTheUserAndIsNotCalledAnAclProblem(Mosquitto m) {
        CheckCommandTest.Run r = run("sub", "--url", "mqtt://127.0.0.1:" + m.authPort, "-u", Mosquitto.USERNAME,
                "-P", "wrong", "-t", "t", "-C", "1", "--lang", "en");
        assertThat(r.err()).contains("mqtt: The broker refused user " + Mosquitto.USERNAME + " (a password was sent)")
                .contains("fix: Check the password for user " + Mosquitto.USERNAME);
    }

    @Test
    void noUsernameSaysSo(Mosquitto m) {
        CheckCommandTest.Run r = run("pub", "--url", "mqtt://127.0.0.1:" + m.authPort, "-t", "t", "-m", "x",
                "--lang", "en");
        assertThat(r.err()).contains("no username was sent").contains("fix: Set a username and password");
    }

    @Test
    void anUntrustedCertificatePointsAtTheCaFile(Mosquitto m) {
        CheckCommandTest.Run r = run("pub", "--url", "mqtts://localhost:" + m.tlsPort, "-t", "t", "-m", "x",
                "--lang", "en");
        // the check's words: who signed the certificate, and that this CA is not trusted here
        assertThat(r.err()).startsWith("mqscope pub: tls: The server certificate is signed by O=MQScope,CN=MQScope"
                        + " Test CA, a CA that is not trusted here")
                .contains("fix: Use a certificate from a public CA").contains("--cafile");
    }

    @Test
    void nothingListeningSaysSoInChinese() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CheckCommandTest.Run r = run("pub", "--url", "mqtt://127.0.0.1:" + port, "-t", "t", "-m", "x",
                "--lang", "zh-CN");
        assertThat(r.err()).startsWith("mqscope pub: tcp: 127.0.0.1 的 " + port + " 端口上没有任何服务在监听")
                .contains("解决：检查 URL 中的端口");
    }

    @Test
    void insecurePubStillSaysWhatAPhoneWillReject(Mosquitto m) {
        CheckCommandTest.Run r = run("pub", "--url", "mqtts://localhost:" + m.tlsPort, "--insecure", "-t", "t", "-m",
                "x", "--lang", "en");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("WARNING: --insecure skipped certificate chain and host name verification")
                .contains("MQScope Test CA").contains("will reject");
    }

    @Test
    void aResetIsProbedForWhatThePortSpeaks(Mosquitto m) {
        assertThat(run("pub", "--url", "mqtt://127.0.0.1:" + m.tlsPort, "-t", "t", "-m", "x", "--lang", "en").err())
                .startsWith("mqscope pub: mqtt: Port " + m.tlsPort + " speaks TLS").contains("use mqtts://")
                .doesNotContain("Connection reset");
        assertThat(run("pub", "--url", "mqtts://127.0.0.1:" + m.tcpPort, "-t", "t", "-m", "x", "--lang", "en").err())
                .startsWith("mqscope pub: tls: Port " + m.tcpPort + " does not speak TLS: it speaks plain MQTT")
                .contains("use mqtt://");
        assertThat(run("sub", "--url", "ws://127.0.0.1:" + m.tcpPort + "/mqtt", "-t", "t", "-C", "1", "--lang", "en")
                .err()).contains("websocket: Port " + m.tcpPort + " speaks plain MQTT over TCP")
                .contains("use mqtt://");
    }
}
