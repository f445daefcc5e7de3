package io.mqscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.payload.HexParser;
import io.mqscope.profile.Profile;
import io.mqscope.session.ConnectionState;
import io.mqscope.session.Sentence;
import io.mqscope.session.StateChange;
import io.mqscope.tap.Stage;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.connections.ConnectionsViewModel;
import io.mqscope.ui.connections.StateText;
import io.mqscope.ui.editor.ConnectionEditorViewModel;
import io.mqscope.ui.packets.DiagnosisText;
import io.mqscope.ui.packets.FindingText;
import io.mqscope.ui.packets.PacketSummary;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.PacketType;
import io.mqscope.wire.Rule;
import io.mqscope.wire.StreamDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 6: the Chinese UI is Chinese. Every UI bundle entry, every decoder rule's message and what the UI
 * renders from them (findings, diagnoses, packet summaries, topic errors, dialog buttons, the secrets sentence) may
 * contain Latin-script words only from an allow-list: spec and protocol names, field names, units, product names.
 */
public class ChineseUiTest {
    /** Words a Chinese MQTT developer reads as they are (spec names, protocols, products, units, key names). */
    private static final Set<String> ALLOWED = new TreeSet<>(List.of(
            "MQTT", "QoS", "TLS", "SSL", "TCP", "HTTP", "WebSocket", "JSON", "Lines", "Base64", "UTF", "ID", "IP",
            "URL", "SNI", "ALPN", "CA", "PEM", "PSK", "SDK", "KB", "MiB", "MB", "Unix", "Ctrl", "Enter", "MQScope",
            "MQTTX", "Wireshark", "mosquitto", "Broker", "broker", "Token", "AccessKey", "ProductKey", "Group",
            "Topic", "IoT", "P2P", "PR", "MQIsdp", "ws", "wss", "tcp", "mqtt", "mqtts", "ssl", "clientId", "name",
            "value", "true", "false", "ClientHello", "ServerHello", "ChangeCipherSpec", "ACL", "ShareName", "filter",
            "share", "et", "res", "Remaining", "Length", "No", "Local", "MUST", "SHOULD", "NOT", "MAY", "Malformed",
            "Packet", "Switching", "Protocols", "bridge", "try", "private", "JavaFX", "ms", "DUP", "RETAIN", "over",
            "ASCII", "IPv4", "IPv6", "CBOR", "MessagePack", "DNS", "Esc", "Markdown", "HTML",
            // capture files (issue 12): file formats and TCP flags
            "pcap", "pcapng", "FIN", "RST",
            // payload formats (issue 16)
            "Protobuf", "proto", "Sparkplug", "B", "NBIRTH", "NDEATH", "seq", "bdSeq",
            // chart exports (issue 15): file formats and their extensions
            "CSV", "PNG", "csv", "png",
            // vendor product names (issue 14 item 14)
            "IoTDA", "OneNET",
            // copy as code targets (issue 16)
            "Python", "paho", "Paho", "Java", "HiveMQ",
            // certificate store format (issue 14 item 15)
            "PKCS"));

    static {
        Arrays.stream(PacketType.values()).map(Enum::name).forEach(ALLOWED::add);
    }

    /**
     * Quoted values (a client id, a topic, the bad character of a paste), placeholders, spec references, hex, code
     * points, URLs, paths, dotted and snake_case identifiers, the dump tools' command lines and options and English
     * glosses in parentheses after the Chinese term.
     */
    private static final Pattern NOT_PROSE = Pattern.compile(String.join("|",
            "xxd|hexdump -C|od -A x -t x1|tcpdump -X|tcpdump",
            "(?<![\\w-])-{1,2}[A-Za-z][A-Za-z0-9-]*",
            "\"[^\"]*\"|'[^']*'",
            "0x(?:\\{[^}]*}|[0-9A-Fa-f]+)*",
            "\\{[^}]*}",
            "\\[MQTT-[^\\]]*]",
            "U\\+[0-9A-Fa-f]*",
            "\\w+://\\S*",
            "\\S*/\\S*",
            "[A-Za-z0-9]+(?:[._][A-Za-z0-9]+)+",
            "[（(][A-Za-z0-9 ,.-]+[）)]"));
    private static final Pattern WORD = Pattern.compile("(?<![0-9A-Za-z])[A-Za-z][A-Za-z0-9]*");

    @BeforeEach
    void chinese() {
        I18n.setLocale(I18n.CHINESE);
    }

    @AfterEach
    void english() {
        I18n.setLocale(I18n.ENGLISH);
    }

    public static List<String> foreignWords(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(NOT_PROSE.matcher(text).replaceAll(" "));
        while (m.find()) {
            if (!ALLOWED.contains(m.group())) {
                out.add(m.group());
            }
        }
        return out;
    }

    private static Properties bundle(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = ChineseUiTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void every_ui_bundle_entry_is_chinese() throws IOException {
        Properties zh = bundle("/io/mqscope/ui/messages_zh_CN.properties");
        assertThat(zh.stringPropertyNames().stream().sorted().collect(Collectors.toMap(k -> k,
                k -> foreignWords(zh.getProperty(k)))).entrySet()).allSatisfy(e -> assertThat(e.getValue())
                .as("Latin words in zh_CN %s = %s", e.getKey(), zh.getProperty(e.getKey())).isEmpty());
    }

    @Test
    void every_decoder_rule_has_a_chinese_message() throws IOException {
        Properties zh = bundle("/io/mqscope/wire/Messages_zh_CN.properties");
        for (Rule r : Rule.values()) {
            if (r == Rule.UNREGISTERED) {
                continue;
            }
            String text = zh.getProperty(r.id());
            assertThat(text).as("zh_CN message for rule %s", r.id()).isNotBlank();
            assertThat(foreignWords(text)).as("Latin words in zh_CN %s = %s", r.id(), text).isEmpty();
        }
    }

    @Test
    void every_protobuf_and_sparkplug_text_is_chinese() throws IOException {
        Properties en = bundle("/io/mqscope/payload/PayloadMessages.properties");
        Properties zh = bundle("/io/mqscope/payload/PayloadMessages_zh_CN.properties");
        assertThat(zh.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
        for (String k : zh.stringPropertyNames()) {
            assertThat(foreignWords(zh.getProperty(k))).as("Latin words in zh_CN %s = %s", k, zh.getProperty(k))
                    .isEmpty();
        }
    }

    @Test
    void every_hex_paste_error_is_chinese() throws IOException {
        Properties zh = bundle("/io/mqscope/payload/HexMessages_zh_CN.properties");
        assertThat(zh.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(
                bundle("/io/mqscope/payload/HexMessages.properties").stringPropertyNames());
        for (String k : zh.stringPropertyNames()) {
            assertThat(foreignWords(zh.getProperty(k))).as("Latin words in zh_CN %s = %s", k, zh.getProperty(k))
                    .isEmpty();
        }
        for (String bad : List.of("10 1a 0g", "10 1", "[16, 0x1a]", "0000   10 1a   ..MQTT",
                "00000000: 101a\n00000020: 0000\n")) {
            String error = HexParser.read(bad, I18n.CHINESE).error();
            assertThat(error).as(bad).isNotNull().containsPattern("\\p{IsHan}");
            assertThat(foreignWords(error)).as(error).isEmpty();
        }
    }

    @Test
    void every_session_message_is_chinese_and_rendered_in_the_ui_language() throws IOException {
        Properties en = bundle("/io/mqscope/session/messages.properties");
        Properties zh = bundle("/io/mqscope/session/messages_zh_CN.properties");
        assertThat(zh.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
        for (String k : zh.stringPropertyNames()) {
            assertThat(foreignWords(zh.getProperty(k))).as("Latin words in zh_CN %s = %s", k, zh.getProperty(k))
                    .isEmpty();
        }
        // a state change carries keys: the same change reads in the language the UI has when it is shown
        StateChange lost = new StateChange("c", java.time.Instant.EPOCH, ConnectionState.RECONNECTING, Stage.TCP,
                Sentence.of("state.reconnecting", Sentence.of("state.disconnectedByUser"), "1.5", 2));
        assertThat(lost.reason()).isEqualTo("disconnected by user; reconnecting in 1.5 s (attempt 2)");
        String entry = StateText.logEntry(lost, java.time.ZoneOffset.UTC);
        assertThat(entry).isEqualTo("00:00:00.000  重连中（TCP 阶段）：已由用户断开；1.5 秒后重连（第 2 次）");
        assertThat(foreignWords(entry)).isEmpty();
        assertThat(foreignWords(StateText.notice("本地", lost))).isEmpty();
    }

    private static DecodedPacket decode(String hex, Direction direction) {
        return new StreamDecoder(direction, 0).decodeAll(HexParser.parse(hex).value()).get(0);
    }

    @Test
    void what_the_ui_renders_is_chinese() {
        DecodedPacket connack = decode("20 02 00 00", Direction.BROKER_TO_CLIENT);
        assertThat(PacketSummary.of(connack)).isEqualTo("CONNACK: 连接已接受");
        DecodedPacket connect = decode("10 10 00 04 4d 51 54 54 04 02 00 3c 00 04 61 62 63 64",
                Direction.CLIENT_TO_BROKER);
        assertThat(foreignWords(PacketSummary.of(connect))).isEmpty();
        assertThat(PacketSummary.of(connect)).contains("保活 60 秒");

        DecodedPacket wechat = decode(PasteBytesFxTest.WECHAT_PADDED, Direction.CLIENT_TO_BROKER);
        assertThat(wechat.findings()).isNotEmpty().allSatisfy(f -> assertThat(foreignWords(FindingText.of(f)))
                .as(FindingText.of(f)).isEmpty());
        String diagnosis = I18n.t("packets.diagnosis", DiagnosisText.of(wechat));
        assertThat(diagnosis).startsWith("诊断");
        assertThat(foreignWords(diagnosis)).as(diagnosis).isEmpty();

        for (String error : List.of(TopicText.nameError(""), TopicText.nameError("a/+"), TopicText.nameError("a\0"),
                TopicText.filterError("a/#/b"), TopicText.filterError("a#"), TopicText.filterError("a+/b"))) {
            assertThat(error).isNotEmpty();
            assertThat(foreignWords(error)).as(error).isEmpty();
        }
        assertThat(TopicText.nameError("a/b")).isEmpty();
        assertThat(TopicText.filterError("a/+/#")).isEmpty();

        assertThat(Controls.okButton().getText()).isEqualTo("确定");
        assertThat(Controls.cancelButton().getText()).isEqualTo("取消");
        assertThat(new ConnectionEditorViewModel(null, TaskExecutor.sameThread()).general().name().get())
                .isEqualTo("新连接");

        ProfileRepository fileStore = new ProfileRepository() {
            @Override
            public List<Profile> load() {
                return List.of();
            }

            @Override
            public void save(List<Profile> profiles) {
            }

            @Override
            public String secretBackend() {
                return "file /home/u/.config/mqscope/secrets.json (owner read/write only, 0600); "
                        + "no OS credential store available";
            }

            @Override
            public String secretFile() {
                return "/home/u/.config/mqscope/secrets.json";
            }
        };
        String note = ConnectionsViewModel.secretsNote(fileStore);
        assertThat(note).contains("/home/u/.config/mqscope/secrets.json");
        assertThat(foreignWords(note)).as(note).isEmpty();
    }
}
