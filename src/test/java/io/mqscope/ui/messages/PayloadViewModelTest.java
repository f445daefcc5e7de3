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
