package io.mqscope.ui.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.payload.PayloadCodec;
import io.mqscope.payload.PayloadFormat;
import io.mqscope.payload.TextCharset;
import io.mqscope.payload.TextDecoding;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.publisher.PublisherViewModel;
import java.io.File;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Text in any charset the JDK knows, chosen per view; and for every format, bytes that do not decode say the byte
 * offset where decoding failed and are then all shown in hex (none lost, none replaced by U+FFFD).
 */
class PayloadCharsetAndFailureTest {

    @Test
    void any_jdk_charset_by_name_or_alias_per_view() {
        assertThat(TextCharset.byName("cp936")).isEqualTo(TextCharset.GBK);
        assertThat(TextCharset.byName("sjis").name()).isEqualTo("Shift_JIS");
        assertThat(TextCharset.byName("no-such-charset")).isNull();
        assertThat(TextCharset.available()).hasSizeGreaterThan(50).startsWith(TextCharset.values())
                .doesNotHaveDuplicates();
        assertThat(TextCharset.values()).startsWith(TextCharset.UTF_8, TextCharset.GBK, TextCharset.GB18030);

        byte[] sjis = "温度センサー".getBytes(Charset.forName("Shift_JIS"));
        PayloadViewModel view = new PayloadViewModel(PayloadFormat.TEXT, TaskExecutor.sameThread());
        view.charsetProperty().set(TextCharset.byName("Shift_JIS"));
        view.show(sjis);
        assertThat(view.textProperty().get()).isEqualTo("温度センサー");
        // another view keeps its own charset
        PayloadViewModel other = new PayloadViewModel(PayloadFormat.TEXT, TaskExecutor.sameThread());
        other.show("温度".getBytes(Charset.forName("GB18030")));
        assertThat(other.charsetProperty().get()).isEqualTo(TextCharset.UTF_8);
        other.charsetProperty().set(TextCharset.GB18030);
        assertThat(other.textProperty().get()).isEqualTo("温度");

        PublisherViewModel pub = new PublisherViewModel(TaskExecutor.sameThread());
        pub.topicProperty().set("t/big5");
        pub.charsetProperty().set(TextCharset.byName("Big5"));
        pub.payloadProperty().set("溫度");
        assertThat(pub.request().payload()).isEqualTo("溫度".getBytes(Charset.forName("Big5")));
        // a character the charset cannot write is an error where it is, never a silent '?'
        var r = PayloadCodec.parse("ab\uD83D\uDE00c", PayloadFormat.TEXT, TextCharset.GBK);
        assertThat(r.ok()).isFalse();
        assertThat(r.column()).isEqualTo(3);
        assertThat(r.error()).contains("GBK");
        pub.charsetProperty().set(TextCharset.byName("ISO-8859-1"));
        assertThat(pub.payloadErrorProperty().get()).contains("ISO-8859-1");
    }

    @Test
    void a_cut_view_does_not_blame_a_character_split_by_the_cut() {
        byte[] gbk = "温".getBytes(Charset.forName("GBK"));
        assertThat(TextDecoding.malformedAt(new byte[] {'a', gbk[0]}, TextCharset.GBK, false)).isEqualTo(-1);
        assertThat(TextDecoding.malformedAt(new byte[] {'a', gbk[0]}, TextCharset.GBK, true)).isEqualTo(1);
        byte[] big = new byte[PayloadViewModel.TRUNCATE_AT + 1];
        Arrays.fill(big, (byte) 'x');
        big[PayloadViewModel.TRUNCATE_AT - 1] = gbk[0];
        big[PayloadViewModel.TRUNCATE_AT] = gbk[1];
        PayloadViewModel view = new PayloadViewModel(PayloadFormat.TEXT, TaskExecutor.sameThread());
        view.charsetProperty().set(TextCharset.GBK);
        view.show(big);
        assertThat(view.truncatedProperty().get()).isTrue();
        assertThat(view.textProperty().get()).startsWith("xxx").doesNotContain("byte offset");
        view.showAllProperty().set(true);
        assertThat(view.textProperty().get()).endsWith("x温");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "TEXT, 6162ff63, 2",          // 0xff is never UTF-8
        "JSON, 7b22613a22c3287d, 5",  // c3 28: a lead byte without its continuation
        "CBOR, 8201, 2",              // array of 2, one item: cut short at the end
        "MSGPACK, 9201, 2",           // fixarray of 2, one item
        "SPARKPLUG, 08e8, 0",         // timestamp varint cut: the field at offset 0
        "PROTOBUF, 0a0541, 0",        // device_id declares 5 bytes, 1 follows
    })
    void bytes_that_do_not_decode_say_where_and_show_every_byte(PayloadFormat format, String hex, int offset) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        PayloadViewModel view = new PayloadViewModel(format, TaskExecutor.sameThread());
        if (format == PayloadFormat.PROTOBUF) {
            view.proto().load(List.of(new File("src/test/resources/io/mqscope/payload/proto/sensor.proto")));
            view.proto().typeProperty().set("demo.sensor.Reading");
        }
        view.show(bytes);
        String text = view.textProperty().get();
        assertThat(text).contains("byte offset " + offset).doesNotContain("\uFFFD");
        String spaced = PayloadCodec.hex(bytes, 0, bytes.length);
        assertThat(text.replace("\n", " ")).contains(spaced);
    }
}
