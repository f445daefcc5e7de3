package io.mqscope.cli;

import io.mqscope.broker.BrokerException;
import io.mqscope.broker.BrokerSettings;
import io.mqscope.broker.LocalBroker;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mqscope broker}: the built-in broker, standalone, until Ctrl+C. */
@Command(name = "broker", mixinStandardHelpOptions = true)
public final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--tcp-port", paramLabel = "N", defaultValue = "1883")
    int tcpPort;

    @Option(names = "--ws-port", paramLabel = "N", defaultValue = "8083")
    int wsPort;

    @Option(names = "--ws-path", paramLabel = "PATH", defaultValue = "/mqtt")
    String wsPath;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = BrokerSettings.LOOPBACK)
    String bind;

    @Spec
    CommandSpec spec;

    /** Counted down to stop (tests); Ctrl+C goes through the shutdown hook instead. */
    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (tcpPort < 0 || tcpPort > 65535) {
            err.println("mqscope broker: --tcp-port must be 0..65535, not " + tcpPort);
            return 2;
        }
        if (wsPort < -1 || wsPort > 65535) {
            // only -1 turns WebSocket off: another negative is a typo, not a wish
            err.println("mqscope broker: --ws-port must be 0..65535, or -1 for no WebSocket listener, not " + wsPort);
            return 2;
        }
        LocalBroker broker;
        try {
            broker = LocalBroker.start(new BrokerSettings(bind, tcpPort, wsPort, wsPath, null,
                    null));
        } catch (BrokerException e) {
            err.println("mqscope broker: " + e.getMessage());
            err.flush();
            return 1;
        }
        Thread hook = new Thread(() -> {
            broker.close();
            stop.countDown();
        }, "mqscope-broker-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("MQScope built-in broker (HiveMQ CE, MQTT 3.1.1 and 5) is running:");
        out.println("  tcp  " + broker.tcpUrl());
        if (broker.wsUrl() != null) {
            out.println("  ws   " + broker.wsUrl());
        }
        if (LocalAddresses.isWildcard(bind)) {
            for (String address : LocalAddresses.lan()) {
                out.println("  tcp  mqtt://" + address + ":" + broker.tcpPort());
                if (broker.wsPort() > 0) {
                    out.println("  ws   ws://" + address + ":" + broker.wsPort() + broker.wsPath());
                }
            }
            out.println("Listening on every interface: other machines on the network can connect.");
        } else if (LocalAddresses.isLoopback(bind)) {
            out.println("Loopback only; use --bind 0.0.0.0 to accept other machines.");
        }
        out.println("Anonymous access, in-memory sessions. Press Ctrl+C to stop.");
        out.flush();
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook stops the broker
            }
            broker.close();
        }
        out.println("Broker stopped.");
        out.flush();
        return 0;
    }
}
