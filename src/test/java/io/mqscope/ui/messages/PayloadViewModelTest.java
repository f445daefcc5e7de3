package io.mqscope.ui.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.payload.PayloadFormat;
import io.mqscope.payload.TextCharset;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.TaskExecutor;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The payload viewer: rendered from the original bytes, truncated when large, saved byte-exact. */
class PayloadViewModelTest {

    @Test
    void renders_original_bytes_and_truncates_large_ones() {
        PayloadViewModel vm = new PayloadViewModel(null, TaskExecutor.sameThread());
        byte[] gbk = "温度".getBytes(Charset.forName("GBK"));
        vm.show(gbk);
        assertThat(vm.formatProperty().get()).isEqualTo(PayloadFormat.HEX);
        vm.charsetProperty().set(TextCharset.GBK);
        vm.formatProperty().set(PayloadFormat.TEXT);
        assertThat(vm.textProperty().get()).isEqualTo("温度");
        vm.formatProperty().set(PayloadFormat.BASE64);
        assertThat(Base64.getDecoder().decode(vm.textProperty().get())).isEqualTo(gbk);
        byte[] big = new byte[PayloadViewModel.TRUNCATE_AT + 10];
        vm.show(big);
        assertThat(vm.truncatedProperty().get()).isTrue();
        vm.formatProperty().set(PayloadFormat.BASE64);
        assertThat(Base64.getDecoder().decode(vm.textProperty().get())).hasSize(PayloadViewModel.TRUNCATE_AT);
        vm.showAllProperty().set(true);
        assertThat(vm.truncatedProperty().get()).isFalse();
        assertThat(Base64.getDecoder().decode(vm.textProperty().get())).hasSize(big.length);
    }

    @Test
    void cbor_and_msgpack_show_a_tree_or_the_offset_and_every_byte_in_hex() {
        PayloadViewModel vm = new PayloadViewModel(PayloadFormat.CBOR, TaskExecutor.sameThread());
        // {"a": 1, "b": [23(h'01020304'), undefined]}
        byte[] cbor = HexFormat.of().parseHex("a2616101616282d74401020304f7");
        vm.show(cbor);
        assertThat(vm.textProperty().get()).isEqualTo("{\n  \"a\": 1,\n  \"b\": [\n"
                + "    / expected base16 / 23(h'01020304'),\n    undefined\n  ]\n}");
        vm.formatProperty().set(PayloadFormat.MSGPACK);
        assertThat(vm.textProperty().get()).startsWith("not valid MessagePack at byte offset 3: ")
                .endsWith("a2 61 61 01 61 62 82 d7 44 01 02 03 04 f7");
        byte[] msgpack = HexFormat.of().parseHex("82a7636f6d70616374c3a6736368656d6100");
        vm.show(msgpack); // show() returns to the default view, CBOR
        vm.formatProperty().set(PayloadFormat.MSGPACK);
        assertThat(vm.textProperty().get()).isEqualTo("{\n  \"compact\": true,\n  \"schema\": 0\n}");
        // a large tree is decoded whole and its text is what gets cut
        byte[] big = new byte[PayloadViewModel.TRUNCATE_AT + 5];
        big[0] = (byte) 0xc6; // bin 32 (MessagePack spec), length TRUNCATE_AT
        big[2] = 0x04;
        vm.setDefaultFormat(PayloadFormat.MSGPACK);
        vm.show(big);
        assertThat(vm.textProperty().get()).startsWith("h'0000").hasSize(PayloadViewModel.TRUNCATE_AT);
        assertThat(vm.truncatedProperty().get()).isTrue();
        vm.showAllProperty().set(true);
        assertThat(vm.textProperty().get()).hasSize(2 * PayloadViewModel.TRUNCATE_AT + 3);
    }

    @Test
    void saves_every_original_byte_and_reports_a_failure(@TempDir Path dir) throws Exception {
        PayloadViewModel vm = new PayloadViewModel(PayloadFormat.TEXT, TaskExecutor.sameThread());
        byte[] big = new byte[PayloadViewModel.TRUNCATE_AT + 3];
        big[big.length - 1] = (byte) 0xff;
        vm.show(big);
        Path out = dir.resolve("payload.bin");
        vm.saveTo(out.toFile());
        assertThat(Files.readAllBytes(out)).isEqualTo(big);
        assertThat(vm.saveErrorProperty().get()).isEmpty();
        vm.saveTo(dir.resolve("no/such/dir/p.bin").toFile());
        assertThat(vm.saveErrorProperty().get()).startsWith(I18n.t("payload.saveFailed", ""));
    }
}
