package io.mqscope.ui;

import io.mqscope.broker.BrokerSettings;
import io.mqscope.payload.PayloadFormat;
import io.mqscope.profile.Profile;
import io.mqscope.session.ConnectionState;
import io.mqscope.tap.PacketEvent;
import io.mqscope.ui.app.AppBackend;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.connections.ConnectionEntry;
import io.mqscope.ui.editor.ConnectionEditorView;
import io.mqscope.ui.editor.ConnectionEditorViewModel;
import io.mqscope.ui.main.MainView;
import io.mqscope.ui.main.MainViewModel;
import io.mqscope.ui.packets.PasteBytesView;
import io.mqscope.ui.packets.PasteBytesViewModel;
import io.mqscope.ui.settings.UiSettings;
import io.mqscope.wire.PacketType;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Takes the README screenshots from the real application (real window, embedded broker, real sessions). Run under a
 * display, e.g. {@code xvfb-run -a -s "-screen 0 1400x900x24" java -cp ... io.mqscope.ui.ScreenshotTool DIR}; a second
 * argument {@code topic-tree} takes only that screenshot.
 */
public final class ScreenshotTool {
    private static MainView view;
    private static Stage stage;

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable t) {
            // the FX thread would keep the JVM alive after a failure
            t.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "assets/screenshots");
        Files.createDirectories(dir);
        AppBackend backend = new AppBackend(BrokerSettings.ephemeral());
        ExecutorService pool = Executors.newCachedThreadPool();
        Platform.startup(() -> { });
        // signed as a user sets it up: the list shows where it really connects, marked "from signing"
        Profile aliyun = Profile.builder().id("aliyun-demo").name("Aliyun IoT device").group("Cloud")
                .signing(new Profile.Signing("aliyun-iot", java.util.Map.of("productKey", "a1FxISeKbq9",
                        "deviceName", "sensor-01", "deviceSecret", "demo-secret", "timestamp", "1700000000000")))
                .build();
        Profile wechat = Profile.builder().id("wechat-demo").name("WeChat mini program").group("Cloud")
                .transport(io.mqscope.profile.Transport.WSS).host("mqtt.example.cn").port(8084).build();
        ProfileRepository repo = ProfileRepository.inMemory(List.of(aliyun, wechat));
        fx(() -> {
            stage = new Stage();
            view = DesktopApp.open(stage, UiSettings.DEFAULT, backend, repo, pool);
            stage.setWidth(1360);
            stage.setHeight(860);
            return null;
        });
        if (args.length > 1 && args[1].equals("topic-tree")) {
            topicTree(backend, dir);
            fx(() -> {
                view.shutdown();
                return null;
            });
            backend.shutdown();
            pool.shutdownNow();
            Platform.exit();
            System.exit(0);
        }
        connectAndPublish();
        fx(() -> {
            MainViewModel vm = view.viewModel();
            vm.messages().selectedProperty().set(vm.messages().visible().stream()
                    .filter(m -> !m.event().outgoing() && m.event().topic().endsWith("telemetry"))
                    .reduce((a, b) -> b).orElseThrow());
            return null;
        });
        pause(700);
        snap(stage.getScene(), dir.resolve("main-messages.png"));
        diffAndChart(dir);
        timeRange(dir);

        fx(() -> {
            // the Packets tab at 1280x800: ten packet rows and a CONNECT's whole field tree (issue 14 item 8)
            stage.setWidth(1280);
            stage.setHeight(800);
            view.selectPacketsTab();
            return null;
        });
        pause(700);
        fx(() -> {
            MainViewModel vm = view.viewModel();
            PacketEvent pub = vm.packets().visible().stream().filter(e -> e.packet().type() == PacketType.CONNECT)
                    .findFirst().orElseThrow();
            javafx.scene.control.TableView<?> t = (javafx.scene.control.TableView<?>) stage.getScene()
                    .lookup("#packetTable");
            @SuppressWarnings("unchecked")
            javafx.scene.control.TableView<PacketEvent> table = (javafx.scene.control.TableView<PacketEvent>) t;
            table.getSelectionModel().select(pub);
            table.scrollTo(0);
            vm.packets().detail().selectedFieldProperty().set(pub.packet().fields().stream()
                    .filter(f -> f.name().equals("client_id")).findFirst().orElse(null));
            return null;
        });
        pause(700);
        snap(stage.getScene(), dir.resolve("packets-live.png"));
        fx(() -> {
            stage.setWidth(1360);
            stage.setHeight(860);
            return null;
        });

        webSocketFrames(backend);
        pause(700);
        fx(() -> {
            javafx.scene.control.TableView<?> frames = (javafx.scene.control.TableView<?>) stage.getScene()
                    .lookup("#wsFrameTable");
            frames.scrollTo(frames.getItems().size() - 1);
            return null;
        });
        pause(400);
        snap(stage.getScene(), dir.resolve("packets-websocket-frames.png"));
        fx(() -> {
            view.viewModel().packets().showFramesProperty().set(false);
            view.viewModel().connections().selectedProperty().set(view.viewModel().connections().entries().get(0));
            return null;
        });

        wiretap(backend);
        pause(900);
        snap(stage.getScene(), dir.resolve("wiretap-local-broker.png"));

        Stage paste = fx(() -> {
            Stage s = PasteBytesView.open(stage);
            s.setWidth(1280);
            s.setHeight(760);
            return s;
        });
        fx(() -> {
            javafx.scene.control.TextArea in = (javafx.scene.control.TextArea) paste.getScene().lookup("#pasteInput");
            // as Wireshark's "Copy as Hex Dump" gives it: offsets and the ASCII column are recognised and skipped
            in.setText("0000   10 1a 00 00 00 00 04 4d 51 54 54 04 c2 00 3c 00   .......MQTT...<.\n"
                    + "0010   0a 63 6e 2e 6c 6f 6b 65 69 2d 31 00 00 00 00      .cn.lokei-1....\n");
            ((javafx.scene.control.Button) paste.getScene().lookup("#analyzeButton")).fire();
            return null;
        });
        pause(400);
        fx(() -> {
            @SuppressWarnings("unchecked")
            javafx.scene.control.ListView<io.mqscope.wire.Finding> f =
                    (javafx.scene.control.ListView<io.mqscope.wire.Finding>) paste.getScene().lookup("#findingList");
            f.getItems().stream().filter(x -> x.field().equals("remaining_length")).findFirst()
                    .ifPresent(x -> f.getSelectionModel().select(x));
            return null;
        });
        pause(700);
        snap(paste.getScene(), dir.resolve("packet-inspector-malformed.png"));
        fx(() -> {
            paste.close();
            return null;
        });

        connectionLogWithFailure(backend);
        pause(900);
        snap(stage.getScene(), dir.resolve("connection-log.png"));
        fx(() -> {
            view.viewModel().notices().dismiss();
            view.viewModel().connections().selectedProperty().set(view.viewModel().connections().entries().get(0));
            view.selectMessagesTab();
            return null;
        });

        Stage editor = fx(() -> {
            ConnectionEditorViewModel evm = new ConnectionEditorViewModel(aliyun,
                    io.mqscope.ui.app.TaskExecutor.sameThread());
            ConnectionEditorView ev = new ConnectionEditorView(evm,
                    io.mqscope.ui.connections.ConnectionsViewModel.secretsNote(repo));
            evm.signing().vendor().set("aliyun-iot");
            evm.signing().signingParams().set("productKey=a1FxISeKbq9\ndeviceName=sensor-01\n"
                    + "deviceSecret=5f2a9c0b7d3e41f8a6b2c9d0e1f23456\nsignMethod=hmacsha256\nsecureMode=2\n"
                    + "region=cn-shanghai\ntimestamp=1700000000000");
            ev.selectSection("signing");
            Stage s = new Stage();
            s.initOwner(stage);
            s.setTitle(I18n.t("editor.title.edit"));
            Scene sc = new Scene(ev.root(), 940, 860);
            ThemeSwitcher.style(sc, false);
            s.setScene(sc);
            s.show();
            return s;
        });
        pause(800);
        snap(editor.getScene(), dir.resolve("connection-editor-aliyun.png"));
        fx(() -> {
            editor.close();
            view.selectMessagesTab();
            view.apply(new UiSettings(I18n.ENGLISH, true, 10_000, 10_000, null));
            return null;
        });
        pause(1000);
        snap(stage.getScene(), dir.resolve("dark-theme.png"));

        fx(() -> {
            view.apply(new UiSettings(I18n.ENGLISH, false, 10_000, 10_000, null));
            return null;
        });
        pause(500);
        fx(() -> {
            view.apply(new UiSettings(I18n.CHINESE, false, 10_000, 10_000, null));
            return null;
        });
        connectAndPublish();
        fx(() -> {
            MainViewModel vm = view.viewModel();
            vm.messages().selectedProperty().set(vm.messages().visible().stream()
                    .filter(m -> !m.event().outgoing() && m.event().topic().endsWith("telemetry"))
                    .reduce((a, b) -> b).orElseThrow());
            return null;
        });
        pause(700);
        snap(stage.getScene(), dir.resolve("chinese-ui.png"));

        // last, so the connection it adds shows in no other screenshot
        fx(() -> {
            view.apply(new UiSettings(I18n.ENGLISH, false, 10_000, 10_000, null));
            return null;
        });
        pause(500);
        topicTree(backend, dir);

        fx(() -> {
            view.shutdown();
            return null;
        });
        backend.shutdown();
        restoredPackets(dir, pool);
        pool.shutdownNow();
        Platform.exit();
        System.exit(0);
    }

    /**
     * Issue 15: two runs on one history in a temporary config directory; the first connects to the built-in broker and
     * publishes, the second shows the Packets tab with those packets restored (greyed, marked ↺).
     */
    private static void restoredPackets(Path dir, ExecutorService pool) throws Exception {
        Path config = Files.createTempDirectory("mqscope-shot-history-");
        for (int run = 0; run < 2; run++) {
            io.mqscope.store.HistoryStore history = io.mqscope.store.HistoryStore.openIn(config,
                    io.mqscope.store.HistoryLimits.DEFAULT);
            AppBackend b = new AppBackend(BrokerSettings.ephemeral(), history);
            fx(() -> {
                stage.close();
                stage = new Stage();
                view = DesktopApp.open(stage, UiSettings.DEFAULT, b, ProfileRepository.inMemory(List.of()), pool);
                stage.setWidth(1280);
                stage.setHeight(800);
                return null;
            });
            if (run == 0) {
                connectAndPublish();
                history.flush(10_000);
            } else {
                fx(() -> {
                    view.viewModel().connections().selectedProperty().set(
                            view.viewModel().connections().entries().get(0));
                    view.selectPacketsTab();
                    return null;
                });
                pause(1500);
                fx(() -> {
                    MainViewModel vm = view.viewModel();
                    PacketEvent pub = vm.packets().visible().stream()
                            .filter(e -> e.packet().type() == PacketType.PUBLISH).findFirst().orElseThrow();
                    vm.packets().selectedProperty().set(pub);
                    return null;
                });
                pause(800);
                snap(stage.getScene(), dir.resolve("packets-restored.png"));
            }
            fx(() -> {
                view.shutdown();
                return null;
            });
            b.shutdown();
            history.close();
        }
    }

    private static void connectAndPublish() throws Exception {
        ConnectionEntry local = fx(() -> view.viewModel().connections().entries().get(0));
        fx(() -> {
            view.viewModel().connections().selectedProperty().set(local);
            view.viewModel().connections().connect(local);
            return null;
        });
        waitFor(() -> local.stateProperty().get() == ConnectionState.CONNECTED);
        fx(() -> {
            var s = view.viewModel().subscriptions();
            if (!s.rows().isEmpty()) {
                return null;
            }
            s.filterProperty().set("devices/+/telemetry");
            s.qosProperty().set(1);
            s.add();
            s.filterProperty().set("devices/#");
            s.add();
            return null;
        });
        pause(800);
        publish("devices/sensor-01/telemetry", PayloadFormat.JSON,
                "{\"temperature\": 23.5, \"humidity\": 41, \"battery\": 0.87, \"ts\": 1700000000}");
        publish("devices/sensor-01/cmd", PayloadFormat.TEXT, "reboot");
        publish("devices/meter-7/raw", PayloadFormat.HEX, "01 03 04 00 1a 00 2b 5f e4");
        publish("devices/sensor-02/telemetry", PayloadFormat.JSON,
                "{\"temperature\": 19.25, \"humidity\": 55, \"alarms\": [\"door\"], \"location\": \"仓库 3\"}");
        pause(1200);
    }

    /**
     * The Topics tab on a mosquitto broker (it publishes its own {@code $SYS} topics, retained), with retained device
     * states and a live stream from several devices, a sensor selected; the built-in broker when mosquitto is absent.
     */
    private static void topicTree(AppBackend backend, Path dir) throws Exception {
        io.mqscope.testing.Mosquitto mosquitto = java.nio.file.Files.isExecutable(
                io.mqscope.testing.Mosquitto.BINARY) ? io.mqscope.testing.Mosquitto.startNew() : null;
        int port = mosquitto != null ? mosquitto.tcpPort : backend.broker().tcpPort();
        ConnectionEntry plant = fx(() -> view.viewModel().connections().put(Profile.builder().id("plant-gw")
                .name("Plant gateway").group("Factory").host("127.0.0.1").port(port).build()));
        fx(() -> {
            view.viewModel().connections().selectedProperty().set(plant);
            view.viewModel().connections().connect(plant);
            return null;
        });
        waitFor(() -> plant.stateProperty().get() == ConnectionState.CONNECTED);
        com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient devices = com.hivemq.client.mqtt.MqttClient.builder()
                .useMqttVersion5().identifier("devices").serverHost("127.0.0.1").serverPort(port).buildBlocking();
        devices.connect();
        String[] lines = {"line1", "line2", "line3"};
        String[] machines = {"press-01", "press-02", "oven-01", "robot-07"};
        for (String l : lines) {
            for (String m : machines) {
                retained(devices, "factory/" + l + "/" + m + "/state", "RUNNING");
                retained(devices, "factory/" + l + "/" + m + "/config", "{\"interval_ms\": 500, \"unit\": \"C\"}");
            }
        }
        retained(devices, "fleet/truck-07/status", "ON_ROUTE");
        retained(devices, "fleet/truck-12/status", "PARKED");
        fx(() -> {
            var s = view.viewModel().subscriptions();
            s.filterProperty().set("#");
            s.qosProperty().set(0);
            s.add();
            s.filterProperty().set("$SYS/#");
            s.add();
            view.selectTopicsTab();
            return null;
        });
        pause(800);
        // a live stream: every machine's telemetry several times a second, the trucks' positions now and then
        long end = System.currentTimeMillis() + 4_500;
        java.util.Random r = new java.util.Random(7);
        for (int seq = 0; System.currentTimeMillis() < end; seq++) {
            for (String l : lines) {
                for (String m : machines) {
                    if (l.equals("line3") && m.startsWith("robot") && seq > 3) {
                        continue; // a machine that went quiet: its age grows
                    }
                    double t = 60 + r.nextInt(400) / 10.0;
                    devices.publishWith().topic("factory/" + l + "/" + m + "/telemetry").payload(String.format(
                            java.util.Locale.ROOT, "{\"temperature\": %.1f, \"pressure\": %.2f, \"seq\": %d}",
                            t, 1 + r.nextInt(100) / 100.0, seq).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                            .send();
                }
            }
            if (seq % 10 == 0) {
                devices.publishWith().topic("fleet/truck-07/gps").payload(String.format(java.util.Locale.ROOT,
                        "{\"lat\": %.5f, \"lon\": %.5f}", 31.23 + seq / 1e4, 121.47 + seq / 1e4)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)).send();
            }
            if (seq == 8) {
                fx(() -> {
                    var t = view.viewModel().topics();
                    t.selectedProperty().set(t.treeProperty().get().find("factory/line1/press-01/telemetry"));
                    return null;
                });
            }
            Thread.sleep(100);
        }
        snap(stage.getScene(), dir.resolve("topic-tree.png"));
        devices.disconnect();
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    private static void retained(com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient c, String topic, String payload) {
        c.publishWith().topic(topic).payload(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .qos(com.hivemq.client.mqtt.datatypes.MqttQos.AT_LEAST_ONCE).retain(true).send();
    }

    /** Issue 15: the payload diff against the previous telemetry message, then a chart of three series. */
    private static void diffAndChart(Path dir) throws Exception {
        publish("devices/sensor-01/telemetry", PayloadFormat.JSON, "{\"temperature\": 24.1, \"humidity\": 41, "
                + "\"battery\": 0.86, \"ts\": 1700000060, \"alarms\": [\"low battery\"]}");
        pause(1000);
        fx(() -> {
            MainViewModel vm = view.viewModel();
            vm.messages().selectedProperty().set(vm.messages().visible().stream()
                    .filter(m -> !m.event().outgoing() && m.event().topic().equals("devices/sensor-01/telemetry"))
                    .reduce((a, b) -> b).orElseThrow());
            vm.payload().diff().shownProperty().set(true);
            return null;
        });
        pause(1000);
        snap(stage.getScene(), dir.resolve("payload-diff.png"));
        fx(() -> {
            MainViewModel vm = view.viewModel();
            vm.payload().diff().shownProperty().set(false);
            vm.charts().add("devices/sensor-01/telemetry", "$.temperature");
            vm.charts().add("devices/sensor-02/telemetry", "$.temperature");
            vm.charts().add("devices/sensor-01/telemetry", "$.humidity");
            vm.charts().windowMinutesProperty().set(0);
            view.selectChartsTab();
            return null;
        });
        for (int i = 0; i < 90; i++) {
            double t1 = 22 + 3 * Math.sin(i / 9.0) + (i == 60 ? 6 : 0);
            double t2 = 18 + 0.05 * i + Math.cos(i / 5.0);
            double h = 40 + 8 * Math.sin(i / 14.0 + 1);
            String a = String.format(java.util.Locale.ROOT, "{\"temperature\": %.2f, \"humidity\": %.1f}", t1, h);
            String b = String.format(java.util.Locale.ROOT, "{\"temperature\": %.2f}", t2);
            fx(() -> {
                var p = view.viewModel().publisher();
                p.formatProperty().set(PayloadFormat.JSON);
                p.topicProperty().set("devices/sensor-01/telemetry");
                p.payloadProperty().set(a);
                p.send();
                p.topicProperty().set("devices/sensor-02/telemetry");
                p.payloadProperty().set(b);
                p.send();
                return null;
            });
            pause(60);
        }
        pause(1200);
        fx(() -> {
            view.viewModel().charts().pausedProperty().set(true);
            return null;
        });
        pause(800);
        snap(stage.getScene(), dir.resolve("chart.png"));
        fx(() -> {
            view.viewModel().charts().pausedProperty().set(false);
            view.selectMessagesTab();
            return null;
        });
    }

    /** Issue 15: the Messages filter's typed time range ("From … to …") with a search in it. */
    private static void timeRange(Path dir) throws Exception {
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        java.time.LocalDateTime now = java.time.LocalDateTime.now();
        fx(() -> {
            var s = view.viewModel().search();
            s.timeProperty().set(io.mqscope.ui.messages.HistorySearchViewModel.TimeRange.CUSTOM);
            s.span().fromProperty().set(f.format(now.minusMinutes(10)));
            s.span().toProperty().set(f.format(now.plusMinutes(1)));
            s.searchProperty().set("temperature");
            return null;
        });
        pause(1000);
        fx(() -> {
            view.viewModel().search().next();
            return null;
        });
        pause(800);
        snap(stage.getScene(), dir.resolve("search-time-range.png"));
        fx(() -> {
            var s = view.viewModel().search();
            s.searchProperty().set("");
            s.timeProperty().set(io.mqscope.ui.messages.HistorySearchViewModel.TimeRange.ANY);
            return null;
        });
        pause(300);
    }

    /** A ws profile to the built-in broker's WebSocket listener: connect, publish, disconnect, frames shown. */
    private static void webSocketFrames(AppBackend backend) throws Exception {
        int wsPort = backend.broker().wsPort();
        ConnectionEntry ws = fx(() -> view.viewModel().connections().put(Profile.builder().id("local-ws")
                .name("Local broker (WebSocket)").group("Built-in").transport(io.mqscope.profile.Transport.WS)
                .host("127.0.0.1").port(wsPort).build()));
        fx(() -> {
            view.viewModel().connections().selectedProperty().set(ws);
            view.viewModel().connections().connect(ws);
            return null;
        });
        waitFor(() -> ws.stateProperty().get() == ConnectionState.CONNECTED);
        // the publisher learns "connected" on the next refresh
        waitFor(() -> view.viewModel().publisher().connectedProperty().get());
        publish("devices/mini-program/status", PayloadFormat.JSON, "{\"online\": true}");
        publish("devices/mini-program/status", PayloadFormat.TEXT, "ping");
        fx(() -> {
            view.viewModel().connections().disconnect(ws);
            return null;
        });
        pause(1200);
        fx(() -> {
            view.selectPacketsTab();
            view.viewModel().packets().showFramesProperty().set(true);
            MainViewModel vm = view.viewModel();
            PacketEvent pub = vm.packets().visible().stream().filter(e -> e.packet().type() == PacketType.PUBLISH)
                    .findFirst().orElseThrow();
            @SuppressWarnings("unchecked")
            javafx.scene.control.TableView<PacketEvent> table = (javafx.scene.control.TableView<PacketEvent>) stage
                    .getScene().lookup("#packetTable");
            table.getSelectionModel().select(pub);
            return null;
        });
    }

    /**
     * The WeChat mini program's malformed CONNECT sent byte for byte to the built-in broker's WebSocket port: it
     * shows under "Local broker → clients" with the broker's hang-up, the verdict and the diagnosis.
     */
    private static void wiretap(AppBackend backend) throws Exception {
        // the mini program's 13 WebSocket messages, one per field as mqtt.js 4.3.x in WeChat sends them
        try (io.mqscope.testing.RawWebSocketClient ws = io.mqscope.testing.RawWebSocketClient.open(
                backend.front().wsPort(), "/mqtt", "mqtt")) {
            for (String m : new String[] {"10", "1a000000", "0004", "4d515454", "04", "c2", "003c", "000a",
                    "636e2e6c6f6b65692d31", "0000", "", "0000", ""}) {
                ws.sendBinary(java.util.HexFormat.of().parseHex(m));
            }
            ws.socket.setSoTimeout(10_000);
            try {
                while (ws.read() != null) {
                    // until the broker hangs up
                }
            } catch (java.io.IOException gone) {
                // the broker closed the connection
            }
        }
        io.mqscope.ui.wiretap.WiretapsViewModel w = fx(() -> view.viewModel().wiretaps());
        waitFor(() -> w.localBroker().rows().stream().anyMatch(r -> r.verdict() != null));
        fx(() -> {
            view.wiretapsView().select(w.localBroker().rows().stream().filter(r -> r.verdict() != null)
                    .findFirst().orElseThrow().key());
            return null;
        });
        waitFor(() -> !w.inspector().packets().visible().isEmpty());
        fx(() -> {
            @SuppressWarnings("unchecked")
            javafx.scene.control.TableView<PacketEvent> table = (javafx.scene.control.TableView<PacketEvent>)
                    stage.getScene().getRoot().lookupAll("#packetTable").stream().filter(javafx.scene.Node::isVisible)
                    .filter(n -> ((javafx.scene.control.TableView<?>) n).getItems() == w.inspector().packets()
                            .visible()).findFirst().orElseThrow();
            table.getSelectionModel().select(0);
            return null;
        });
    }

    /**
     * A TLS profile pointed at the built-in broker's plain tcp port: the TLS stage fails, the notification bar says
     * so over the content and the connection log has every step with its time.
     */
    private static void connectionLogWithFailure(AppBackend backend) throws Exception {
        int tcp = backend.broker().tcpPort();
        ConnectionEntry bad = fx(() -> view.viewModel().connections().put(Profile.builder().id("tls-wrong-port")
                .name("Factory gateway (TLS)").group("Cloud").transport(io.mqscope.profile.Transport.TLS)
                .host("127.0.0.1").port(tcp).connectTimeoutSeconds(3).build()));
        fx(() -> {
            view.viewModel().connections().selectedProperty().set(bad);
            view.viewModel().connections().connect(bad);
            return null;
        });
        waitFor(() -> bad.stateProperty().get() == ConnectionState.FAILED);
        fx(() -> {
            view.selectConnectionLogTab();
            return null;
        });
    }

    private static void publish(String topic, PayloadFormat f, String payload) throws Exception {
        fx(() -> {
            var p = view.viewModel().publisher();
            p.topicProperty().set(topic);
            p.formatProperty().set(f);
            p.payloadProperty().set(payload);
            p.qosProperty().set(1);
            if (!p.send()) {
                throw new IllegalStateException("not sent: " + p.statusProperty().get());
            }
            return null;
        });
        pause(250);
    }

    static <T> T fx(Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get();
    }

    static void waitFor(BooleanSupplier s) throws Exception {
        long end = System.currentTimeMillis() + 60_000;
        while (!fx(s::getAsBoolean)) {
            if (System.currentTimeMillis() > end) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(100);
        }
    }

    static void pause(long ms) throws InterruptedException {
        Thread.sleep(ms);
    }

    /** Scene.snapshot to PNG through a BufferedImage (no javafx-swing needed). */
    static void snap(Scene scene, Path file) throws Exception {
        // -Donly=payload-diff,chart retakes only those (the others stay as committed)
        String only = System.getProperty("only");
        if (only != null && !java.util.Arrays.asList(only.split(",")).contains(
                file.getFileName().toString().replaceFirst("\\.png$", ""))) {
            return;
        }
        WritableImage img = fx(() -> scene.snapshot(null));
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        int[] argb = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, argb, 0, w);
        try {
            ImageIO.write(out, "png", file.toFile());
        } catch (IOException e) {
            throw new IOException("cannot write " + file, e);
        }
        System.out.println("wrote " + file + " (" + w + "x" + h + ")");
    }
}
