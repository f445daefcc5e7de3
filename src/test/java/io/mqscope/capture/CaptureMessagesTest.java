package io.mqscope.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mqscope.ui.ChineseUiTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A capture reader's error detail (pcap/pcapng corrupt-file reasons) is a key of {@code CaptureMessages} and its
 * arguments, said in English and Simplified Chinese: no English detail inside a Chinese sentence. The English
 * message, for logs and the default command line, is as it was.
 */
class CaptureMessagesTest {
    static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    /** Link-layer names as libpcap and Wireshark spell them (LINKTYPE_LINUX_SLL is "Linux cooked"). */
    static final Set<String> LINK_NAMES = Set.of("Linux", "cooked", "v1", "v2", "BSD", "OpenBSD", "IEEE",
            "radiotap", "USB", "USBPcap");

    static Properties bundle(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = CaptureMessagesTest.class.getResourceAsStream("/io/mqscope/capture/" + name)) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    static CaptureException failure(byte[] file) {
        return catchThrowableOfType(CaptureException.class, () -> CaptureReaderTest.read(file));
    }

    @Test
    void every_detail_is_in_both_languages_and_the_chinese_has_no_english_words() throws IOException {
        Properties en = bundle("CaptureMessages.properties");
        Properties zh = bundle("CaptureMessages_zh_CN.properties");
        assertThat(zh.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
        List<String> english = new ArrayList<>();
        for (String k : zh.stringPropertyNames()) {
            Object[] args = {1, 2, 3, 4};
            // every template is valid MessageFormat in both languages
            assertThat(new MessageFormat(en.getProperty(k), Locale.ENGLISH).format(args)).as(k).doesNotContain("{");
            String said = new MessageFormat(zh.getProperty(k), ZH).format(args);
            List<String> words = new ArrayList<>(ChineseUiTest.foreignWords(said));
            words.removeAll(LINK_NAMES);
            // bytes in hex ("a1 b2 c3 d4") are data, not words
            words.removeIf(w -> w.matches("[0-9a-f]{2}|[0-9a-f]{8}"));
            if (!words.isEmpty() && !k.equals("verbatim")) {
                english.add(k + " " + words + ": " + said);
            }
        }
        assertThat(english).isEmpty();
    }

    @Test
    void not_a_capture_file_is_said_in_chinese() {
        CaptureException e = failure("{\"hex\":\"10\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(e.detail().text(Locale.ENGLISH)).isEqualTo(e.getMessage()).startsWith("not a capture file: bytes "
                + "7b 22 68 65 at byte offset 0").endsWith("; it looks like JSON");
        assertThat(e.detail().text(ZH)).isEqualTo("不是抓包文件：字节偏移 0 处的字节 7b 22 68 65 既不是 pcap 魔数（a1 b2 c3 d4、"
                + "a1 b2 3c 4d，两种字节序均可），也不是 pcapng 节头（0a 0d 0d 0a）；看起来是 JSON");
        assertThat(failure(new byte[0]).detail().text(ZH)).isEqualTo("不是抓包文件：文件是空的");
        assertThat(failure(new byte[] {1, 2}).detail().text(ZH)).isEqualTo("不是抓包文件：只有 2 个字节");
    }

    @Test
    void an_unsupported_link_type_names_it_and_what_is_supported_in_chinese() {
        CaptureException e = failure(TestCaptures.pcap(false, false, 105, 65535, List.of()));
        assertThat(e.getMessage()).isEqualTo("unsupported link type 105 (IEEE 802.11) in the pcap file header at "
                + "byte offset 20; supported: Ethernet (1), Linux cooked v1 (113) and v2 (276), BSD loopback (0, "
                + "108), raw IP (12, 101, 228, 229)");
        assertThat(e.detail().text(ZH)).isEqualTo("pcap 文件头（字节偏移 20）中的链路类型 105（IEEE 802.11）不受支持；支持的有："
                + "以太网（1）、Linux cooked v1（113）和 v2（276）、BSD 回环（0、108）、原始 IP（12、101、228、229）");
        CaptureException unnamed = failure(TestCaptures.pcap(false, false, 4242, 65535, List.of()));
        assertThat(unnamed.detail().text(ZH)).startsWith("pcap 文件头（字节偏移 20）中的链路类型 4242不受支持");
    }

    @Test
    void a_cut_or_damaged_file_gives_its_numbers_and_offsets_in_chinese() {
        // a pcap record header cut after 5 bytes: 24-byte file header, then 5 bytes
        byte[] header = TestCaptures.pcap(false, false, 1, 65535, List.of());
        byte[] cut = java.util.Arrays.copyOf(header, header.length + 5);
        CaptureException e = failure(cut);
        assertThat(e.getMessage()).isEqualTo("truncated pcap file: it ends 5 bytes into the record header at byte "
                + "offset 24 (a record header has 16 bytes)");
        assertThat(e.detail().text(ZH)).isEqualTo("pcap 文件不完整：文件在字节偏移 24 处的记录头中第 5 个字节后结束（记录头有 16 个字节）");
        // a pcapng section header whose byte-order magic is neither order
        CaptureException order = failure(HexFormat.of().parseHex("0a0d0d0a1c00000000000000"));
        assertThat(order.getMessage()).isEqualTo("not a pcapng file: the section header at byte offset 0 has "
                + "byte-order magic 00000000 instead of 1a2b3c4d (either byte order)");
        assertThat(order.detail().text(ZH)).isEqualTo("不是 pcapng 文件：字节偏移 0 处的节头的字节序魔数是 00000000，而不是 1a2b3c4d"
                + "（两种字节序均可）");
        assertThat(order.offset()).isEqualTo(8);
    }
}
