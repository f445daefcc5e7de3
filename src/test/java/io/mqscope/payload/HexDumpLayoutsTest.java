package io.mqscope.payload;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.payload.HexParser.HexBytes;
import io.mqscope.payload.HexParser.Layout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 2: dumps as tools print them decode to the bytes dumped, saying which layout was read; anything that
 * cannot be read one way only is an error with a position. Samples in {@code dumps/} (see its README) were made with
 * the tools; where the tools are installed the test runs them again.
 */
class HexDumpLayoutsTest {
    private static final String WECHAT = "10 1a 00 00 00 00 04 4d 51 54 54 04 c2 00 3c 00 0a 63 6e 2e 6c 6f 6b 65 69"
            + " 2d 31 00 00 00 00";

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = HexDumpLayoutsTest.class.getResourceAsStream("dumps/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static String text(String name) throws IOException {
        return new String(resource(name), StandardCharsets.UTF_8);
    }

    private static HexBytes read(String dump) {
        ParseResult<HexBytes> r = HexParser.read(dump);
        assertThat(r.error()).as("error reading:\n" + dump).isNull();
        return r.value();
    }

    @Test
    void committed_dumps_of_every_layout_give_the_sample_bytes() throws IOException {
        byte[] sample = resource("sample.bin");
        for (Object[] c : new Object[][] {{"xxd.txt", Layout.XXD}, {"hexdump-C.txt", Layout.HEXDUMP_C},
                {"od.txt", Layout.OD}, {"tcpdump-X.txt", Layout.TCPDUMP}, {"wireshark.txt", Layout.WIRESHARK}}) {
            HexBytes b = read(text((String) c[0]));
            assertThat(b.layout()).as((String) c[0]).isEqualTo(c[1]);
            assertThat(b.bytes()).as((String) c[0]).isEqualTo(sample);
        }
        // tshark -x (Wireshark's dump of a whole frame): the IP packet, first segment's 40 payload bytes at its end
        HexBytes frame = read(text("tshark-x-frame1.txt"));
        assertThat(frame.layout()).isEqualTo(Layout.WIRESHARK);
        assertThat(frame.bytes()).hasSize(80).startsWith(0x45, 0x00, 0x00, 0x50)
                .endsWith(Arrays.copyOfRange(sample, 0, 40));
    }

    @Test
    void the_tools_installed_here_are_read_too(@TempDir Path dir) throws Exception {
        byte[] sample = resource("sample.bin");
        Path file = dir.resolve("sample.bin");
        Files.write(file, sample);
        List<String> tried = new ArrayList<>();
        for (Object[] c : new Object[][] {{List.of("xxd", file.toString()), Layout.XXD},
                {List.of("hexdump", "-C", file.toString()), Layout.HEXDUMP_C},
                {List.of("od", "-A", "x", "-t", "x1", file.toString()), Layout.OD}}) {
            @SuppressWarnings("unchecked")
            List<String> command = (List<String>) c[0];
            String out;
            try {
                Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
                if (p.exitValue() != 0) {
                    continue;
                }
            } catch (IOException notInstalled) {
                continue;
            }
            tried.add(command.get(0));
            HexBytes b = read(out);
            assertThat(b.layout()).isEqualTo(c[1]);
            assertThat(b.bytes()).as(command.toString()).isEqualTo(sample);
        }
        System.out.println("dump tools run: " + tried);
    }

    @Test
    void the_wireshark_dump_from_the_issue_is_one_connect_not_offsets_read_as_data() {
        HexBytes b = read("0000   10 1a 00 00 00 00 04 4d 51 54 54 04 c2 00 3c 00   .......MQTT...<.\n"
                + "0010   0a 63 6e 2e 6c 6f 6b 65 69 2d 31 00 00 00 00      .cn.lokei-1....\n");
        assertThat(b.layout()).isEqualTo(Layout.WIRESHARK);
        assertThat(b.bytes()).isEqualTo(HexParser.parse(WECHAT).value());
        // without the ASCII column too
        assertThat(read("0000   10 1a 00 00 00 00 04 4d 51 54 54 04 c2 00 3c 00\n"
                + "0010   0a 63 6e 2e 6c 6f 6b 65 69 2d 31 00 00 00 00\n").bytes())
                .isEqualTo(HexParser.parse(WECHAT).value());
    }

    @Test
    void c_and_javascript_arrays() {
        assertThat(read("0x10, 0x1a, 0x00").layout()).isEqualTo(Layout.HEX_ARRAY);
        assertThat(read("0x10, 0x1a, 0x00").bytes()).containsExactly(0x10, 0x1a, 0x00);
        assertThat(read("unsigned char connect[] = {0x10, 0x1a, 0x0};").bytes()).containsExactly(0x10, 0x1a, 0);
        HexBytes js = read("Buffer.from([16, 26, 0, 255])");
        assertThat(js.layout()).isEqualTo(Layout.DECIMAL_ARRAY);
        assertThat(js.bytes()).containsExactly(16, 26, 0, 255);
        assertThat(read("0xdeadbeef").bytes()).containsExactly(0xde, 0xad, 0xbe, 0xef);
    }

    @Test
    void what_cannot_be_read_one_way_is_an_error_with_its_position() {
        ParseResult<HexBytes> mixed = HexParser.read("[16, 0x1a]");
        assertThat(mixed.ok()).isFalse();
        assertThat(mixed.position()).isEqualTo(5);
        assertThat(mixed.error()).contains("0x1a").contains("decimal");
        ParseResult<HexBytes> hexInDecimal = HexParser.read("[10, 1a]");
        assertThat(hexInDecimal.position()).isEqualTo(5);
        ParseResult<HexBytes> big = HexParser.read("[16, 300]");
        assertThat(big.error()).contains("300");

        // a line missing from an xxd dump: the next offset does not follow
        String xxd = "00000000: 101a 0000 0000 044d 5154 5404 c200 3c00  .......MQTT...<.\n"
                + "00000020: 2b00 0561 2f62 2063 2020 6865 6c6c 6f20  +..a/b c  hello \n";
        ParseResult<HexBytes> gap = HexParser.read(xxd);
        assertThat(gap.ok()).isFalse();
        assertThat(gap.line()).isEqualTo(2);
        assertThat(gap.column()).isEqualTo(1);
        assertThat(gap.error()).contains("00000020").contains("16 bytes");

        // more ASCII than bytes: the hex and the text cannot be told apart
        ParseResult<HexBytes> text = HexParser.read("0000   10 1a   ..MQTT");
        assertThat(text.ok()).isFalse();
        assertThat(text.column()).isEqualTo(16);

        // a line without an offset inside a dump
        ParseResult<HexBytes> loose = HexParser.read("000000 10 1a\n0a 63\n");
        assertThat(loose.ok()).isFalse();
        assertThat(loose.line()).isEqualTo(2);
    }
}
