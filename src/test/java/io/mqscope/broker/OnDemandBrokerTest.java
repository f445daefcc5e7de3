package io.mqscope.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.Transport;
import io.mqscope.testing.MqttExchange;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class OnDemandBrokerTest {

    @Test
    void starts_once_on_first_use_and_falls_back_to_free_ports_when_the_preferred_one_is_taken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             OnDemandBroker onDemand = new OnDemandBroker(BrokerSettings.loopback(taken.getLocalPort(), 0))) {
            assertThat(onDemand.isRunning()).isFalse();
            LocalBroker broker = onDemand.ensureStarted();
            assertThat(onDemand.ensureStarted()).isSameAs(broker);
            assertThat(broker.tcpPort()).isNotEqualTo(taken.getLocalPort());
            var tcp = onDemand.tcpProfile();
            assertThat(tcp.name()).isEqualTo("Local broker");
            assertThat(tcp.port()).isEqualTo(broker.tcpPort());
            MqttExchange.run(tcp.host(), tcp.port(), 5, "on-demand");
            var ws = onDemand.wsProfile();
            assertThat(ws.transport()).isEqualTo(Transport.WS);
            assertThat(ws.port()).isEqualTo(broker.wsPort());
            assertThat(ws.wsPath()).isEqualTo("/mqtt");
        }
    }
}
